/** A coordinate reference system named by its EPSG code, with a note when the name given was an alias. */
export type Crs = { srid: number; name: string; requested: string; note?: string };

// EPSG:31700 ("Dealul Piscului 1970 / Stereo 70") is the deprecated code of Stereo 70. PostGIS still
// carries it with other towgs84 parameters, which land ~130 m off EPSG:3844; files labelled 31700 are
// Stereo 70 data, so they are read as 3844 (issue 3; docs/DOMAIN.md "Coordinates").
const ALIASES: Record<number, { srid: number; note: string }> = {
  31700: {
    srid: 3844,
    note: 'EPSG:31700 is the deprecated code of Stereo 70; it was read as EPSG:3844 (PostGIS’s own 31700 definition uses other datum parameters and lands about 130 m off).',
  },
};

const PATTERNS = [
  /^(?:EPSG|epsg):{1,2}(\d{4,6})$/,
  /^urn:ogc:def:crs:EPSG:[\d.]*:(\d{4,6})$/i,
  /^https?:\/\/www\.opengis\.net\/def\/crs\/EPSG\/[\d.]+\/(\d{4,6})$/i,
  /^(\d{4,6})$/,
];
const WGS84_LONLAT = [/^urn:ogc:def:crs:OGC:1\.3:CRS84$/i, /^CRS84$/i, /^https?:\/\/www\.opengis\.net\/def\/crs\/OGC\/1\.3\/CRS84$/i];

/**
 * Returns the CRS named by an EPSG code in any usual spelling (EPSG:3844, 3844, urn:ogc:def:crs:EPSG::3844,
 * the OGC http URI, CRS84), with deprecated aliases mapped; undefined when the text names no EPSG code.
 */
export function parseCrs(text: string): Crs | undefined {
  const requested = text.trim();
  if (WGS84_LONLAT.some((p) => p.test(requested))) return { srid: 4326, name: 'EPSG:4326', requested };
  for (const pattern of PATTERNS) {
    const match = pattern.exec(requested);
    if (!match) continue;
    const code = Number(match[1]);
    const alias = ALIASES[code];
    if (alias) return { srid: alias.srid, name: `EPSG:${alias.srid}`, requested, note: alias.note };
    return { srid: code, name: `EPSG:${code}`, requested };
  }
  return undefined;
}
