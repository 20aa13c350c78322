// Generates the Punte demo dataset in geodata/ (described in geodata/README.md).
// Run: npx tsx scripts/generate-demo-data.ts
// Deterministic on purpose: seeded PRNG streams (mulberry32), fixed "as of" date, no clock, so a re-run
// gives byte-identical files and the seed stays idempotent (every feature has a stable externalId).
// Real places come from docs/DOMAIN.md; everything else is schematic or synthetic and says so.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as turf from '@turf/turf';
import type { Feature, Geometry, MultiPolygon, Point, Polygon, Position } from 'geojson';

const OUT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'geodata');
const SEED = 20101217; // the day of the Str. Coastei eviction (DOMAIN.md)
const AS_OF = '2025-11-30'; // no plan event is later than this
const TOOL = 'scripts/generate-demo-data.ts';
const CENTRE: Position = [23.58932, 46.76996]; // Piața Unirii
const PATA_RAT: Position = [23.689, 46.778]; // middle of the four communities, for distance rules

// ---- Coordinate tables (lon, lat). Locality outlines are schematic, NOT legal boundaries. ----------------
type LocalityDef = { name: string; population: number; source: string; centre: Position; ring: Position[] };
const CENSUS = '2021 census (DOMAIN.md)';
const LOCALITIES: LocalityDef[] = [
  { name: 'Cluj-Napoca', population: 286598, source: `Population: ${CENSUS}; outline schematic`, centre: CENTRE, ring: [
    [23.522, 46.778], [23.515, 46.762], [23.522, 46.744], [23.540, 46.722], [23.566, 46.701], [23.598, 46.692],
    [23.628, 46.695], [23.656, 46.707], [23.688, 46.726], [23.716, 46.744], [23.732, 46.764], [23.733, 46.782],
    [23.718, 46.801], [23.692, 46.814], [23.656, 46.822], [23.620, 46.826], [23.585, 46.822], [23.556, 46.809],
    [23.538, 46.798]] },
  { name: 'Florești', population: 52735, source: `Population: ${CENSUS}, provisional; outline schematic`, centre: [23.4906, 46.7475], ring: [
    [23.514, 46.775], [23.470, 46.782], [23.420, 46.776], [23.410, 46.742], [23.430, 46.710], [23.470, 46.700],
    [23.505, 46.706], [23.528, 46.722], [23.512, 46.742], [23.509, 46.760]] },
  { name: 'Apahida', population: 17239, source: `Population: ${CENSUS}, provisional; outline schematic`, centre: [23.7456, 46.8094], ring: [
    [23.742, 46.765], [23.800, 46.752], [23.860, 46.778], [23.862, 46.840], [23.790, 46.866], [23.722, 46.852],
    [23.694, 46.832], [23.726, 46.810], [23.743, 46.786]] },
  { name: 'Baciu', population: 13922, source: `Population: ${CENSUS}, provisional; outline schematic`, centre: [23.515, 46.793], ring: [
    [23.516, 46.782], [23.530, 46.803], [23.548, 46.814], [23.562, 46.830], [23.530, 46.862], [23.460, 46.862],
    [23.428, 46.822], [23.448, 46.792], [23.490, 46.787]] },
  { name: 'Gilău', population: 8800, source: 'Population: approximate (~8,800; 2021 census figure not confirmed); outline schematic', centre: [23.3813, 46.7524], ring: [
    [23.405, 46.776], [23.380, 46.786], [23.330, 46.790], [23.290, 46.770], [23.300, 46.722], [23.360, 46.700],
    [23.420, 46.708], [23.400, 46.740]] },
];

// DOMAIN.md neighbourhood points (lat, lon there; lon, lat here) and rough population weights (schematic).
const NEIGHBOURHOODS: [string, Position, number][] = [
  ['Centru', [23.5872, 46.7712], 18], ['Mănăștur', [23.5522, 46.7559], 72], ['Grigorescu', [23.5487, 46.7648], 22],
  ['Zorilor', [23.5787, 46.7529], 27], ['Gruia', [23.5744, 46.7762], 7], ['Între Lacuri', [23.6232, 46.7773], 11],
  ['Andrei Mureșanu', [23.6021, 46.7642], 8], ['Mărăști', [23.6113, 46.7776], 30], ['Iris', [23.5994, 46.7918], 12],
  ['Someșeni', [23.6543, 46.7841], 9], ['Becaș', [23.6113, 46.7547], 2.5], ['Borhanci', [23.6511, 46.744], 6],
  ['Gheorgheni', [23.6262, 46.7712], 33], ['Făget', [23.5913, 46.74], 1.2], ['Bună Ziua', [23.5988, 46.7572], 12],
  ['Europa', [23.5788, 46.7552], 8], ['Dâmbul Rotund', [23.5738, 46.7828], 7], ['Bulgaria', [23.5962, 46.7862], 5],
  ['Sopor', [23.6318, 46.757], 3],
];
// Extra cell so that one neighbourhood holds Pata Rât; its population is the settlements' sum.
const PATA_RAT_CELL: [string, Position] = ['Pata Rât / zona industrială Est', [23.695, 46.776]];

type SettlementDef = {
  slug: string; name: string; description: string; centre: Position; rx: number; ry: number;
  population: number; households: number; estimateSource: string; confidence: 'low' | 'medium' | 'high';
};
const SPLIT = 'split among the four communities schematic';
const SETTLEMENTS: SettlementDef[] = [
  { slug: 'cantonului', name: 'Cantonului', centre: [23.6912, 46.782], rx: 250, ry: 80, population: 550, households: 110,
    description: 'Shacks along Str. Cantonului by the railway (~150 shacks). Outline schematic around the proxy point, bus stop "Cantonului" (46.78154 N, 23.69175 E).',
    estimateSource: 'Undated estimate (~150 shacks, ~550 people); households: 2020 survey total (282), ' + SPLIT, confidence: 'low' },
  { slug: 'dallas', name: 'Dallas', centre: [23.6839, 46.7688], rx: 110, ry: 90, population: 260, households: 56,
    description: 'Community founded in the 1960s by families living from recycling. Outline schematic around the generic "Pata-Rât" point (46.7688 N, 23.6839 E).',
    estimateSource: 'People: 2017 survey (~1,300 in Pata Rât); households: 2020 survey (282); ' + SPLIT, confidence: 'low' },
  { slug: 'colina-verde', name: 'Colina Verde', centre: [23.6832, 46.7778], rx: 130, ry: 60, population: 230, households: 46,
    description: 'Two rows of modular houses ("Pata Rât nou") built by the city in 2010 for families evicted from Str. Coastei; rooms of 16–18 m². Outline schematic around the proxy point, bus stop "Platanilor" (46.77779 N, 23.68321 E).',
    estimateSource: 'Households: 46 families given one room each in 2010, 40 lease contracts (2012); people schematic', confidence: 'medium' },
  { slug: 'rampa', name: 'Rampa', centre: [23.695, 46.7785], rx: 120, ry: 90, population: 360, households: 70,
    description: 'Community on the landfill itself, east of the modular houses; ~150 families worked in waste collection. Outline schematic.',
    estimateSource: 'People: 2017 survey (~1,300 in Pata Rât); households: 2020 survey (282); ' + SPLIT, confidence: 'low' },
];

const RIVER: Position[] = [[23.36, 46.756], [23.42, 46.764], [23.47, 46.777], [23.50, 46.79], [23.53, 46.785],
  [23.56, 46.777], [23.58, 46.775], [23.61, 46.780], [23.64, 46.786], [23.66, 46.79], [23.69, 46.806], [23.72, 46.82],
  [23.76, 46.828], [23.80, 46.84]];
const RAILWAY: Position[] = [[23.44, 46.805], [23.50, 46.796], [23.54, 46.789], [23.586, 46.7845], [23.62, 46.7835],
  [23.655, 46.7825], [23.69, 46.7805], [23.715, 46.787], [23.745, 46.803], [23.80, 46.825]];
const ROADS: [string, 'motorway' | 'primary' | 'secondary', Position[]][] = [
  ['DN1 / E60 (Calea Florești)', 'primary', [CENTRE, [23.575, 46.767], [23.55, 46.761], [23.52, 46.757], [23.49, 46.749],
    [23.45, 46.748], [23.40, 46.751], [23.3813, 46.7524], [23.33, 46.758]]],
  ['DN1C (spre Apahida și Dej)', 'primary', [[23.6113, 46.7776], [23.63, 46.781], [23.655, 46.785], [23.675, 46.788],
    [23.70, 46.794], [23.73, 46.803], [23.7456, 46.8094], [23.78, 46.83], [23.82, 46.858]]],
  ['Calea Turzii', 'primary', [CENTRE, [23.595, 46.755], [23.603, 46.74], [23.612, 46.722], [23.622, 46.702], [23.64, 46.68]]],
  ['Bulevardul 21 Decembrie 1989 / Calea Dorobanților', 'secondary', [CENTRE, [23.598, 46.7727], [23.6113, 46.7776]]],
  ['Calea Mănăștur', 'secondary', [CENTRE, [23.572, 46.764], [23.556, 46.757], [23.54, 46.752]]],
  ['Str. Cantonului', 'secondary', [[23.672, 46.7872], [23.68, 46.783], [23.69175, 46.78154], [23.697, 46.7795]]],
  ['A3 Autostrada Transilvania', 'motorway', [[23.34, 46.735], [23.42, 46.715], [23.50, 46.69], [23.58, 46.672], [23.66, 46.665]]],
];

type Programme = 'Pata-Cluj' | 'Pata 2' | 'Cluj4Home' | 'Locuințe sociale';
// Buildings of the housing stock (schematic). Counts follow DOMAIN.md's programme figures.
type BuildingDef = { code: string; locality: string; programme: Programme; at: Position; street: string; units: number; floors: number; lift: boolean };
const B = (code: string, locality: string, programme: Programme, at: Position, street: string, units: number, floors: number, lift = false): BuildingDef =>
  ({ code, locality, programme, at, street, units, floors, lift });
const BUILDINGS: BuildingDef[] = [
  B('BL-CJ-01', 'Cluj-Napoca', 'Pata-Cluj', [23.5505, 46.757], 'Str. Teilor nr. 4', 4, 10, true),
  B('BL-CJ-02', 'Cluj-Napoca', 'Pata-Cluj', [23.613, 46.779], 'Str. Morii nr. 17', 4, 4),
  B('BL-CJ-03', 'Cluj-Napoca', 'Pata-Cluj', [23.628, 46.769], 'Str. Stejarului nr. 9', 4, 10, true),
  B('BL-CJ-04', 'Cluj-Napoca', 'Pata 2', [23.65, 46.783], 'Str. Izvorului nr. 21', 8, 4),
  B('BL-CJ-05', 'Cluj-Napoca', 'Pata 2', [23.601, 46.793], 'Str. Viilor nr. 6', 8, 4),
  B('BL-CJ-06', 'Cluj-Napoca', 'Cluj4Home', [23.58, 46.751], 'Str. Fagului nr. 2', 5, 4, true),
  B('BL-CJ-07', 'Cluj-Napoca', 'Cluj4Home', [23.6, 46.7555], 'Str. Salcâmilor nr. 11', 5, 5, true),
  B('BL-CJ-08', 'Cluj-Napoca', 'Locuințe sociale', [23.575, 46.7775], 'Str. Dealului nr. 3', 6, 3),
  B('BL-CJ-09', 'Cluj-Napoca', 'Locuințe sociale', [23.595, 46.7875], 'Str. Câmpului nr. 28', 6, 4),
  B('BL-CJ-10', 'Cluj-Napoca', 'Locuințe sociale', [23.6225, 46.7785], 'Str. Păcii nr. 15', 6, 8, true),
  B('BL-CJ-11', 'Cluj-Napoca', 'Locuințe sociale', [23.548, 46.766], 'Str. Brazilor nr. 7', 6, 4),
  B('BL-CJ-12', 'Cluj-Napoca', 'Locuințe sociale', [23.572, 46.7835], 'Str. Livezii nr. 40', 6, 4),
  B('BL-FL-01', 'Florești', 'Pata-Cluj', [23.495, 46.749], 'Str. Florilor nr. 12', 4, 4),
  B('BL-FL-02', 'Florești', 'Pata-Cluj', [23.478, 46.745], 'Str. Primăverii nr. 5', 4, 4),
  B('BL-FL-03', 'Florești', 'Pata 2', [23.5, 46.7535], 'Str. Eroilor nr. 101', 8, 4),
  B('BL-FL-04', 'Florești', 'Pata 2', [23.5005, 46.7541], 'Str. Eroilor nr. 103', 8, 4),
  B('BL-FL-05', 'Florești', 'Pata 2', [23.488, 46.746], 'Str. Mărului nr. 8', 8, 4),
  B('BL-AP-01', 'Apahida', 'Pata-Cluj', [23.744, 46.808], 'Str. Libertății nr. 33', 4, 1),
  B('BL-AP-02', 'Apahida', 'Pata-Cluj', [23.75, 46.811], 'Str. Școlii nr. 14', 3, 2),
  B('BL-AP-03', 'Apahida', 'Pata-Cluj', [23.738, 46.805], 'Str. Gării nr. 2', 3, 2),
  B('BL-AP-04', 'Apahida', 'Pata 2', [23.747, 46.807], 'Str. Unirii nr. 19', 7, 4),
  B('BL-GI-01', 'Gilău', 'Pata 2', [23.383, 46.753], 'Str. Principală nr. 210', 7, 4),
  B('BL-BA-01', 'Baciu', 'Pata-Cluj', [23.514, 46.792], 'Str. Cireșilor nr. 9', 3, 1),
  B('BL-BA-02', 'Baciu', 'Pata-Cluj', [23.511, 46.7945], 'Str. Nucului nr. 3', 2, 1),
  B('BL-BA-03', 'Baciu', 'Pata 2', [23.507, 46.7935], 'Str. Principală nr. 77', 6, 3),
];
const RENT: Record<Programme, (rooms: number) => number> = {
  'Pata-Cluj': () => 120, 'Pata 2': () => 150, Cluj4Home: () => 200, 'Locuințe sociale': (rooms) => 60 + 40 * rooms,
};

const CATEGORIES = ['school', 'kindergarten', 'family_doctor', 'clinic', 'pharmacy', 'transit_stop', 'social_services',
  'employment_office', 'grocery', 'community_centre'] as const;
type Category = (typeof CATEGORIES)[number];
// Schematic services per locality, in LOCALITIES order: Cluj-Napoca, Florești, Apahida, Baciu, Gilău.
const SERVICE_COUNTS: Record<Category, number[]> = {
  school: [12, 3, 2, 1, 2], kindergarten: [11, 3, 2, 1, 1], family_doctor: [11, 3, 2, 1, 1], clinic: [6, 1, 1, 0, 0],
  pharmacy: [14, 4, 2, 1, 1], transit_stop: [36, 5, 3, 2, 2], social_services: [5, 1, 1, 0, 1],
  employment_office: [4, 1, 1, 0, 0], grocery: [14, 4, 2, 1, 1], community_centre: [4, 1, 1, 0, 1],
};
const SERVICE_NAME: Record<Category, string> = {
  school: 'Școala Gimnazială nr. {n}, {p}', kindergarten: 'Grădinița nr. {n}, {p}',
  family_doctor: 'Cabinet de medicină de familie nr. {n}, {p}', clinic: 'Policlinica nr. {n}, {p}',
  pharmacy: 'Farmacia nr. {n}, {p}', transit_stop: 'Stația {p} {n}', social_services: 'Asistență socială – punct de lucru nr. {n}, {p}',
  employment_office: 'AJOFM Cluj – punct de lucru nr. {n}, {p}', grocery: 'Magazin alimentar nr. {n}, {p}',
  community_centre: 'Centrul comunitar nr. {n}, {p}',
};
const STREETS = ['Str. Teilor', 'Str. Florilor', 'Str. Livezii', 'Str. Morii', 'Str. Școlii', 'Str. Păcii', 'Str. Primăverii',
  'Str. Mărului', 'Str. Izvorului', 'Str. Stejarului', 'Str. Viilor', 'Str. Câmpului', 'Str. Dealului', 'Str. Fagului'];
const CITY_LINES = ['3', '4', '5', '6', '7', '8', '9', '19', '20', '21', '24', '25', '26', '27', '28', '30', '32', '35', '36', '38', '43', '46', '50'];
const METRO_LINES: Record<string, string[]> = { Florești: ['M11', 'M12', 'M13'], Apahida: ['M21', 'M22'], Baciu: ['M31'], Gilău: ['M16'] };
const SCHEMATIC_SOURCE = `Schematic, generated by ${TOOL}`;

// ---- Small helpers: PRNG, dates, geometry ----------------------------------------------------------------
/** Returns a mulberry32 generator of floats in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = ReturnType<typeof makeRng>;
/** Returns a PRNG stream per layer, so editing one layer does not reshuffle the others. */
function makeRng(label: string) {
  let h = SEED;
  for (const c of label) h = Math.imul(h ^ c.charCodeAt(0), 2654435761) >>> 0;
  const next = mulberry32(h);
  const rng = {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => must(items[Math.floor(next() * items.length)], 'pick from empty list'),
    normal: () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
    shuffle: <T>(items: T[]): T[] => {
      const out = [...items];
      for (let i = out.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [out[i], out[j]] = [out[j] as T, out[i] as T];
      }
      return out;
    },
    weighted: <T>(items: readonly T[], weight: (item: T) => number): T => {
      const total = items.reduce((s, it) => s + weight(it), 0);
      let r = next() * total;
      for (const it of items) if ((r -= weight(it)) < 0) return it;
      return must(items[items.length - 1], 'weighted pick from empty list');
    },
  };
  return rng;
}

function must<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new Error(`generate-demo-data: ${what}`);
  return value;
}
function assert(condition: unknown, what: string): asserts condition {
  if (!condition) throw new Error(`generate-demo-data: invariant failed: ${what}`);
}

const DAY_MS = 86_400_000;
const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const isoDate = (d: number) => new Date(d * DAY_MS).toISOString().slice(0, 10);
const stamp = (d: number, rng: Rng) => `${isoDate(d)}T${String(rng.int(7, 15)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:00Z`;

const M_PER_DEG = 111_320;
const LON_SCALE = Math.cos((46.77 * Math.PI) / 180); // metres per degree of longitude / of latitude here
/** Returns the position dx metres east and dy metres north of p. */
const offset = ([lon, lat]: Position, dx: number, dy: number): Position =>
  [(lon as number) + dx / (M_PER_DEG * LON_SCALE), (lat as number) + dy / M_PER_DEG];
const slug = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** Returns a closed counter-clockwise ring: an ellipse, optionally with a jittered (still star-shaped) edge. */
function ellipseRing(centre: Position, rx: number, ry: number, rng?: Rng, jitter = 0, n = 24): Position[] {
  const ring: Position[] = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    const k = 1 + (rng ? (rng.next() - 0.5) * 2 * jitter : 0);
    ring.push(offset(centre, rx * k * Math.cos(a), ry * k * Math.sin(a)));
  }
  return [...ring, must(ring[0], 'empty ring')];
}

/** Returns a copy rounded to 6 decimals (~0.1 m, RFC 7946 §11.2) without repeated or collinear vertices. */
const roundGeometry = <G extends Geometry>(g: G): G => turf.cleanCoords(turf.truncate(g, { precision: 6, coordinates: 2 })) as G;

/** Returns a rounded, RFC 7946-wound MultiPolygon; throws if it is not a valid polygon. */
function toMultiPolygon(g: Polygon | MultiPolygon, label: string): MultiPolygon {
  const multi: MultiPolygon = g.type === 'Polygon' ? { type: 'MultiPolygon', coordinates: [g.coordinates] } : g;
  const out = roundGeometry(turf.rewind(multi) as MultiPolygon);
  assertValidPolygon(out, label);
  return out;
}

/** Throws unless every ring is closed, outer rings run counter-clockwise and nothing self-intersects. */
function assertValidPolygon(g: MultiPolygon, label: string): void {
  for (const poly of g.coordinates) {
    poly.forEach((ring, i) => {
      const [first, last] = [ring[0], ring[ring.length - 1]];
      assert(ring.length >= 4 && first?.[0] === last?.[0] && first?.[1] === last?.[1], `${label}: ring closed`);
      assert(turf.booleanClockwise(ring) === (i > 0), `${label}: ring ${i} winding (RFC 7946 §3.1.6)`);
    });
  }
  assert(turf.kinks(g).features.length === 0, `${label}: no self-intersection`);
  assert(turf.booleanValid(g), `${label}: booleanValid`);
}

const feature = <G extends Geometry>(properties: Record<string, unknown>, geometry: G): Feature<G> =>
  ({ type: 'Feature', properties, geometry });
const pointIn = (p: Position, g: MultiPolygon) => turf.booleanPointInPolygon(p, g);
/** Returns the intersection of two polygons, or null when they are disjoint. */
const overlap = (a: MultiPolygon, b: MultiPolygon) => turf.intersect(turf.featureCollection([turf.feature(a), turf.feature(b)]));
const ellipse = (centre: Position, rx: number, ry: number, label: string) =>
  toMultiPolygon({ type: 'Polygon', coordinates: [ellipseRing(centre, rx, ry)] }, label);

// ---- Zones and settlements -------------------------------------------------------------------------------
type Locality = LocalityDef & { externalId: string; geometry: MultiPolygon };
/** Returns the five localities with validated schematic outlines that do not overlap. */
function buildLocalities(): Locality[] {
  const out = LOCALITIES.map((l) => ({ ...l, externalId: `zone-loc-${slug(l.name)}`,
    geometry: toMultiPolygon({ type: 'Polygon', coordinates: [[...l.ring, must(l.ring[0], 'ring')]] }, l.name) }));
  out.forEach((a, i) => {
    assert(pointIn(a.centre, a.geometry), `${a.name} contains its centre`);
    for (const b of out.slice(i + 1)) assert(!overlap(a.geometry, b.geometry), `${a.name} and ${b.name} do not overlap`);
  });
  return out;
}

type Neighbourhood = { externalId: string; name: string; population: number; geometry: MultiPolygon };
/** Returns Voronoi cells of the neighbourhood points (computed in a metric-like plane) clipped to the city. */
function buildNeighbourhoods(city: Locality, pataRatPopulation: number): Neighbourhood[] {
  const sites: [string, Position, number][] = [...NEIGHBOURHOODS, [PATA_RAT_CELL[0], PATA_RAT_CELL[1], 0]];
  const toPlane = (p: Position): Position => [(p[0] as number) * LON_SCALE, p[1] as number];
  const [w, s, e, n] = turf.bbox(city.geometry);
  const cells = turf.voronoi(turf.featureCollection(sites.map(([, p]) => turf.point(toPlane(p)))),
    { bbox: [w * LON_SCALE - 0.05, s - 0.05, e * LON_SCALE + 0.05, n + 0.05] });
  // Population: the census total, split by the rough weights (largest remainder so it sums exactly).
  const rest = city.population - pataRatPopulation;
  const totalWeight = NEIGHBOURHOODS.reduce((t, [, , wt]) => t + wt, 0);
  const raw = NEIGHBOURHOODS.map(([, , wt]) => (rest * wt) / totalWeight);
  const pops = raw.map(Math.floor);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  const missing = rest - pops.reduce((t, x) => t + x, 0);
  for (let k = 0; k < missing; k++) pops[must(order[k], 'remainder')[1]]! += 1;
  return sites.map(([name, site], i) => {
    // Fresh arrays: the Voronoi cells share vertex arrays, so mutating them in place would scale twice.
    const ring = must(cells.features[i], `voronoi cell ${name}`).geometry.coordinates[0] ?? [];
    const cell = turf.polygon([ring.map(([x, y]) => [(x as number) / LON_SCALE, y as number])]);
    const clipped = must(turf.intersect(turf.featureCollection<Polygon | MultiPolygon>([cell, turf.feature(city.geometry)])), `clip ${name}`);
    const geometry = toMultiPolygon(clipped.geometry, name);
    assert(pointIn(site, geometry), `${name} contains its point`);
    return { externalId: `zone-nb-${slug(name === PATA_RAT_CELL[0] ? 'pata-rat' : name)}`, name, geometry,
      population: i < NEIGHBOURHOODS.length ? must(pops[i], 'pop') : pataRatPopulation };
  });
}

type Settlement = SettlementDef & { externalId: string; geometry: MultiPolygon };
function buildSettlements(): Settlement[] {
  const rng = makeRng('settlements');
  return SETTLEMENTS.map((s) => ({ ...s, externalId: `settlement-${s.slug}`,
    geometry: toMultiPolygon({ type: 'Polygon', coordinates: [ellipseRing(s.centre, s.rx, s.ry, rng, 0.12, 20)] }, s.name) }));
}

/** Returns the zones FeatureCollection features: localities, neighbourhoods, interventions. */
function buildZones(localities: Locality[], hoods: Neighbourhood[]) {
  const city = must(localities[0], 'city');
  const zone = (externalId: string, name: string, kind: string, parent: string | null, population: number | null,
    status: string | null, targetDate: string | null, description: string, source: string, geometry: MultiPolygon) =>
    feature({ externalId, name, kind, parentExternalId: parent, population, status, targetDate, description, source }, geometry);
  const interventions = [
    zone('zone-iv-pata-rat-desegregare', 'Pata Rât – zona de desegregare', 'intervention', null, null, 'active', null,
      'Area of the four Pata Rât communities, object of direction 4 of "Cluj – oraș incluziv" (desegregation of Pata Rât).',
      'Policy: DOMAIN.md; outline schematic', ellipse([23.6885, 46.7755], 1000, 950, 'iv pata rat')),
    zone('zone-iv-someseni-locuire-incluziva', 'Someșeni – locuire incluzivă', 'intervention', null, null, 'planned', '2027-12-31',
      'Planned mixed social housing near existing services, so relocated families are not all placed at the metropolitan edge.',
      SCHEMATIC_SOURCE, ellipse([23.649, 46.7825], 500, 400, 'iv someseni')),
    zone('zone-iv-floresti-concentrare', 'Florești – monitorizarea concentrării (Pata 2)', 'intervention', null, null, 'proposed', null,
      'Proposed monitoring zone around the Florești blocks that received Pata 2 families (risk of re-creating segregation).',
      SCHEMATIC_SOURCE, ellipse([23.4995, 46.7538], 400, 320, 'iv floresti')),
  ];
  return [
    ...localities.map((l) => zone(l.externalId, l.name, 'locality', null, l.population, null, null,
      `${l.name} (schematic outline around the town centre, not the legal boundary).`, l.source, l.geometry)),
    ...hoods.map((h) => zone(h.externalId, h.name, 'neighbourhood', city.externalId, h.population, null, null,
      h.externalId === 'zone-nb-pata-rat' ? 'Industrial east of the city with the four Pata Rât communities and the landfill; schematic cell.'
        : `Schematic cell around the approximate point of ${h.name} (low confidence).`,
      h.externalId === 'zone-nb-pata-rat' ? 'Population: sum of the settlement estimates; cell schematic'
        : 'Population: share of the 2021 census total (286,598) by rough schematic weights; cell: Voronoi of DOMAIN.md points', h.geometry)),
    ...interventions,
  ];
}

// ---- Services --------------------------------------------------------------------------------------------
/** Returns a point drawn around an anchor that passes the test; throws after many misses. */
function samplePoint(rng: Rng, anchor: Position, sigma: number, ok: (p: Position) => boolean): Position {
  for (let i = 0; i < 1000; i++) {
    const p = roundGeometry(turf.point(offset(anchor, rng.normal() * sigma, rng.normal() * sigma)).geometry).coordinates;
    if (ok(p)) return p;
  }
  throw new Error(`generate-demo-data: no point found around ${anchor.join(',')}`);
}

function buildServices(localities: Locality[], hoods: Neighbourhood[]) {
  const rng = makeRng('services');
  const city = must(localities[0], 'city');
  const farFromPataRat = (p: Position) => turf.distance(p, PATA_RAT) > 2; // km: Pata Rât has almost no services
  const hoodOf = (p: Position) => hoods.find((h) => pointIn(p, h.geometry))?.name ?? city.name;
  const stopRng = makeRng('stops'); // routes drawn apart, so they do not shift the other services' positions
  // Denser in the centre: weight = population share boosted near Piața Unirii.
  const anchors = NEIGHBOURHOODS.map(([name, p, w]) => ({ name, p, w: w * (1 + 2 * Math.exp(-turf.distance(p, CENTRE) / 2)) }));
  const features: Feature<Point>[] = [];
  const add = (category: Category, name: string, address: string, locality: string, p: Position, schematic: boolean,
    source: string, extra = {}) => features.push(feature({ externalId: `service-${String(features.length + 1).padStart(4, '0')}`,
    name, category, address, locality, schematic, source, ...extra }, turf.point(p).geometry));
  for (const category of CATEGORIES) {
    let n = 0;
    localities.forEach((loc, li) => {
      for (let k = 0; k < must(SERVICE_COUNTS[category][li], 'count'); k++) {
        const isStop = category === 'transit_stop';
        const inCity = loc === city;
        const anchor = inCity ? rng.weighted(anchors, (a) => (isStop ? Math.sqrt(a.w) : a.w)).p : loc.centre;
        const sigma = inCity ? (isStop ? 650 : 420) : 700; // metres
        const p = samplePoint(rng, anchor, sigma, (q) => pointIn(q, loc.geometry) && farFromPataRat(q));
        const place = inCity ? hoodOf(p) : loc.name;
        const name = `${SERVICE_NAME[category].replace('{n}', String(++n)).replace('{p}', place)} (schematic)`;
        const address = `${rng.pick(STREETS)} nr. ${rng.int(1, 120)}, ${place}`;
        const lines = inCity ? CITY_LINES : must(METRO_LINES[loc.name], 'lines');
        const extra = isStop ? stopAttributes(stopRng, lines, turf.distance(p, CENTRE)) : {};
        add(category, name, address, loc.name, p, true, SCHEMATIC_SOURCE, extra);
      }
    });
  }
  // Real proxy points from DOMAIN.md: the two stops that serve Pata Rât, plus one schematic community centre.
  const real = 'Location: DOMAIN.md proxy point; routes and weeklyTrips schematic';
  const pataRatLine = { routes: ['36L'], weeklyTrips: 84 };
  add('transit_stop', 'Stația Cantonului', 'Str. Cantonului', city.name, [23.69175, 46.78154], false, real, pataRatLine);
  add('transit_stop', 'Stația Platanilor', 'Pata Rât (case modulare)', city.name, [23.68321, 46.77779], false, real, pataRatLine);
  add('community_centre', 'Centrul comunitar Pata Rât (schematic)', 'Pata Rât', city.name, [23.687, 46.7802], true, SCHEMATIC_SOURCE);
  return features;
}

/** Returns schematic routes and weekly trips for a stop: more lines and trips near the centre. */
function stopAttributes(rng: Rng, lines: string[], kmFromCentre: number) {
  const count = Math.max(1, Math.min(lines.length, Math.round(4.5 - kmFromCentre / 1.5 + rng.next())));
  const routes = rng.shuffle(lines).slice(0, count).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return { routes, weeklyTrips: routes.length * rng.int(90, 180) };
}

// ---- Housing units, households and relocation plans ------------------------------------------------------
type Unit = { code: string; address: string; locality: string; building: string; rooms: number; floorAreaM2: number;
  floor: number; stepFree: boolean; status: string; programme: Programme; monthlyRentLei: number; at: Position };
const AREA_BY_ROOMS: Record<number, [number, number]> = { 1: [18, 34], 2: [35, 54], 3: [52, 74], 4: [68, 90] };

function buildUnits(): Unit[] {
  const rng = makeRng('units');
  const units: Unit[] = [];
  for (const b of BUILDINGS) {
    for (let k = 1; k <= b.units; k++) {
      const rooms = rng.weighted([1, 2, 3, 4], (r) => [0, 2, 4, 3, 1][r] as number);
      const [lo, hi] = must(AREA_BY_ROOMS[rooms], 'area');
      const floor = rng.int(0, b.floors);
      units.push({ code: `HU-${String(units.length + 1).padStart(3, '0')}`, address: `${b.street}, ap. ${k}`, locality: b.locality,
        building: b.code, rooms, floorAreaM2: Math.round((lo + rng.next() * (hi - lo)) * 10) / 10, floor,
        stepFree: floor === 0 || b.lift, status: 'available', programme: b.programme, monthlyRentLei: RENT[b.programme](rooms),
        // a few metres apart, so units of one block share "nearly the same point"
        at: roundGeometry(turf.point(offset(b.at, rng.normal() * 4, rng.normal() * 4)).geometry).coordinates });
    }
  }
  return units;
}

const PLAN_PATH = ['draft', 'assessed', 'matched', 'approved', 'moved', 'followed_up'] as const;
type State = (typeof PLAN_PATH)[number] | 'on_hold' | 'cancelled';
const LIVE: string[] = ['matched', 'approved', 'moved', 'followed_up', 'on_hold']; // states that hold a unit
const HOUSED: string[] = ['moved', 'followed_up']; // states whose unit is occupied
type Era = 'pata-cluj' | 'pata-2' | 'cluj4home' | 'current';
type Spec = { programme: Programme; state: State; era: Era; via?: State; locality?: string; seniors?: boolean };

/** Returns the plan specifications: DOMAIN.md's relocation totals, then a spread of open cases. */
function planSpecs(rng: Rng): Spec[] {
  const specs: Spec[] = [];
  const repeat = (n: number, s: (i: number) => Spec) => { for (let i = 0; i < n; i++) specs.push(s(i)); };
  repeat(35, (i) => ({ programme: 'Pata-Cluj', era: 'pata-cluj', state: i < 30 ? 'followed_up' : 'moved' }));
  const pata2 = rng.shuffle([...Array<string>(10).fill('Cluj-Napoca'), ...Array<string>(17).fill('Florești'),
    'Apahida', 'Apahida', 'Gilău', 'Gilău']);
  repeat(31, (i) => ({ programme: 'Pata 2', era: 'pata-2', state: i < 19 ? 'followed_up' : 'moved', locality: pata2[i] }));
  repeat(8, (i) => ({ programme: 'Cluj4Home', era: 'cluj4home', state: i < 3 ? 'followed_up' : 'moved', seniors: i < 5 }));
  const open = (state: State, programmes: Programme[], via?: State) =>
    programmes.forEach((programme) => specs.push({ programme, state, era: 'current', via }));
  open('matched', ['Pata 2', 'Pata 2', 'Pata 2', 'Pata 2', 'Pata 2', 'Pata 2', 'Locuințe sociale', 'Locuințe sociale',
    'Locuințe sociale', 'Locuințe sociale', 'Locuințe sociale', 'Cluj4Home']);
  open('approved', ['Pata 2', 'Pata 2', 'Pata 2', 'Pata 2', 'Locuințe sociale', 'Locuințe sociale', 'Locuințe sociale', 'Cluj4Home']);
  open('on_hold', ['Pata 2', 'Locuințe sociale'], 'matched');
  open('on_hold', ['Pata 2', 'Locuințe sociale'], 'approved');
  repeat(6, (i) => ({ programme: i % 2 ? 'Pata 2' : 'Locuințe sociale', era: 'current', state: 'on_hold',
    via: i < 3 ? 'draft' : 'assessed' }));
  const openProgramme = (): Programme =>
    rng.weighted(['Pata 2', 'Locuințe sociale', 'Cluj4Home'] as Programme[], (p) => (p === 'Cluj4Home' ? 1 : 4));
  repeat(22, () => ({ programme: openProgramme(), era: 'current', state: 'draft' }));
  repeat(24, () => ({ programme: openProgramme(), era: 'current', state: 'assessed' }));
  const cancelledFrom: State[] = ['draft', 'assessed', 'matched', 'approved'];
  repeat(19, (i) => ({ programme: openProgramme(), era: 'current', state: 'cancelled', via: cancelledFrom[i % 4] }));
  return specs;
}

/** Nudges sizes one person at a time until they sum to target, keeping each within [1, 11]. */
function nudgeToSum(rng: Rng, sizes: number[], target: number): number[] {
  const out = [...sizes];
  for (let sum = out.reduce((t, x) => t + x, 0); sum !== target;) {
    const i = rng.int(0, out.length - 1);
    const v = must(out[i], 'size');
    if (sum < target && v < 11) { out[i] = v + 1; sum++; } else if (sum > target && v > 1) { out[i] = v - 1; sum--; }
  }
  return out;
}

const NEEDS = ['step_free', 'near_school', 'near_clinic', 'near_transit', 'near_employment'] as const;
type Household = { code: string; settlementExternalId: string; size: number; adults: number; children: number; seniors: number;
  disabledMembers: number; needs: string[]; priority: string; spec: Spec | null };

/** Returns synthetic households (no real person) with compositions and needs; sizes echo DOMAIN.md totals. */
function buildHouseholdBodies(rng: Rng, settlements: Settlement[], specs: Spec[]): Household[] {
  const slots = rng.shuffle(settlements.flatMap((s) => Array<string>(s.households).fill(s.externalId)));
  const withSpec = rng.shuffle([...specs, ...Array<null>(slots.length - specs.length).fill(null)]);
  const drawSize = () => rng.weighted([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], (s) => [0, 4, 8, 14, 18, 18, 14, 10, 7, 4, 3][s] as number);
  const sizes = withSpec.map((s) => (s?.seniors ? rng.int(1, 3) : drawSize()));
  // Pata 2 moved 31 families of 158 people; all households together match the settlements' 1,400 people.
  const group = (pred: (s: Spec | null) => boolean) => withSpec.map((s, i) => (pred(s) ? i : -1)).filter((i) => i >= 0);
  const pata2 = group((s) => s?.era === 'pata-2');
  const others = group((s) => s?.era !== 'pata-2' && !s?.seniors);
  const fixed = group((s) => !!s?.seniors).reduce((t, i) => t + must(sizes[i], 'size'), 0);
  const people = settlements.reduce((t, s) => t + s.population, 0);
  for (const [idx, target] of [[pata2, 158], [others, people - 158 - fixed]] as const) {
    nudgeToSum(rng, idx.map((i) => must(sizes[i], 'size')), target).forEach((v, k) => { sizes[must(idx[k], 'idx')] = v; });
  }
  return withSpec.map((spec, i) => {
    const size = must(sizes[i], 'size');
    const adults = spec?.seniors ? size : Math.max(1, Math.min(size, Math.round(size * 0.46 + rng.next() - 0.3)));
    const children = size - adults;
    const seniors = spec?.seniors ? Math.min(adults, rng.int(1, 2)) : rng.chance(0.15) ? 1 : 0;
    const disabledMembers = rng.chance(0.12) ? (rng.chance(0.15) && size > 1 ? 2 : 1) : 0;
    const has: Record<(typeof NEEDS)[number], boolean> = {
      step_free: (disabledMembers > 0 && rng.chance(0.7)) || (seniors > 0 && rng.chance(0.5)),
      near_school: children > 0 && rng.chance(0.75),
      near_clinic: rng.chance(disabledMembers + seniors > 0 ? 0.6 : 0.15),
      near_transit: rng.chance(0.55),
      near_employment: adults > seniors && rng.chance(0.45),
    };
    const score = (children >= 4 ? 1 : 0) + (disabledMembers > 0 ? 1 : 0) + (seniors > 0 ? 1 : 0) + rng.next() * 1.6;
    const priority = score > 2.2 ? 'urgent' : score > 1.4 ? 'high' : score > 0.6 ? 'medium' : 'low';
    return { code: `HH-${String(i + 1).padStart(4, '0')}`, settlementExternalId: must(slots[i], 'slot'), size, adults, children,
      seniors, disabledMembers, needs: NEEDS.filter((n) => has[n]), priority, spec };
  });
}

/** Picks the best free unit for a household: programme (and locality) must match; prefers step-free, enough rooms
 * and the emptier building (so families are not concentrated in one block, see DOMAIN.md). */
function allocate(rng: Rng, free: Unit[], h: Household, spec: Spec): Unit {
  const fits = rng.shuffle(free.filter((u) => u.programme === spec.programme && (!spec.locality || u.locality === spec.locality)));
  const freeIn = (building: string) => free.filter((u) => u.building === building).length;
  const cost = (u: Unit) => (h.needs.includes('step_free') && !u.stepFree ? 10 : 0) + Math.max(0, Math.ceil(h.size / 2) - u.rooms)
    - freeIn(u.building) / 4;
  const best = must(fits.sort((a, b) => cost(a) - cost(b))[0], `no free ${spec.programme} unit in ${spec.locality ?? 'any locality'}`);
  free.splice(free.indexOf(best), 1);
  return best;
}

const NOTES: Record<State, string[]> = {
  draft: ['Plan opened after a household visit', 'Plan opened on the family\'s application'],
  assessed: ['Needs, documents and income assessed', 'Assessment completed with the family'],
  matched: ['Matched to {unit}'], approved: ['Approved by the social inclusion unit'],
  moved: ['Moved in; lease signed ({rent} lei/month)'],
  followed_up: ['Follow-up visit: school enrolment and utilities checked', 'Follow-up visit: employment support agreed'],
  on_hold: ['On hold: awaiting identity documents', 'On hold at the family\'s request', 'On hold: waiting for a suitable unit'],
  cancelled: ['Cancelled: the family withdrew', 'Cancelled: not eligible under programme rules', 'Cancelled: family left the area'],
};

/** Returns the plan object with a legal event history ending in the spec's state. */
function buildPlan(rng: Rng, code: string, spec: Spec, unit: Unit | null) {
  const through = (s: State) => PLAN_PATH.slice(0, PLAN_PATH.indexOf(s as (typeof PLAN_PATH)[number]) + 1) as State[];
  const states: State[] = spec.via ? [...through(spec.via), spec.state] : through(spec.state);
  const days: number[] = [];
  if (spec.era === 'current') {
    let d = rng.int(day('2024-01-15'), day('2025-05-01'));
    for (const _ of states) days.push((d += rng.int(7, 40)));
  } else {
    const window = { 'pata-cluj': ['2014-09-01', '2017-10-31'], 'pata-2': ['2023-05-02', '2023-05-31'],
      cluj4home: spec.state === 'followed_up' ? ['2025-03-01', '2025-06-30'] : ['2025-07-01', '2025-09-30'] }[spec.era];
    const move = rng.int(day(must(window, 'era')[0] as string), day(window![1] as string));
    const approved = move - rng.int(7, 30);
    const matched = approved - rng.int(10, 40);
    const assessed = matched - rng.int(14, 60);
    days.push(assessed - rng.int(7, 30), assessed, matched, approved, move);
    if (spec.state === 'followed_up') days.push(move + rng.int(60, 120));
  }
  const unitCode = unit?.code ?? null;
  const events = states.map((to, i) => ({ from: i === 0 ? null : states[i - 1], to, at: stamp(must(days[i], 'day'), rng),
    actor: to === 'approved' || (to === 'cancelled' && rng.chance(0.3)) ? 'admin' : 'caseworker',
    note: (to === 'draft' ? `${rng.pick(NOTES.draft)} (${spec.programme})` : rng.pick(NOTES[to]))
      .replace('{unit}', unitCode ?? 'a unit (released later)').replace('{rent}', String(unit?.monthlyRentLei ?? '')) }));
  return { code, programme: spec.programme, state: spec.state, housingUnitCode: spec.state === 'cancelled' ? null : unitCode,
    approvedBy: states.includes('approved') ? 'admin' : null,
    moveDate: states.includes('moved') ? isoDate(must(days[states.indexOf('moved')], 'move day')) : null,
    heldFromState: spec.state === 'on_hold' ? must(spec.via, 'via') : null, events };
}

/** Returns the households document and sets every unit's status from the plans that point at it. */
function buildHouseholds(settlements: Settlement[], units: Unit[]) {
  const rng = makeRng('households');
  const bodies = buildHouseholdBodies(rng, settlements, planSpecs(rng));
  const free = [...units];
  const needsUnit = (s: Spec) => LIVE.includes(s.via ?? s.state) && s.state !== 'cancelled';
  // Allocate the historical moves first (fixed localities), then the open cases from what is left.
  const rank = (h: Household) => (h.spec?.locality ? 0 : h.spec?.era !== 'current' ? 1 : 2);
  const order = bodies.filter((h) => h.spec && needsUnit(h.spec)).sort((a, b) => rank(a) - rank(b));
  const unitOf = new Map(order.map((h) => [h.code, allocate(rng, free, h, must(h.spec, 'spec'))]));
  for (const u of rng.shuffle(free.filter((f) => f.programme !== 'Cluj4Home')).slice(0, 4)) u.status = 'unavailable';
  let planNo = 0;
  const households = bodies.map(({ spec, ...h }) => {
    const consent = spec !== null || rng.chance(0.85);
    const plan = spec ? buildPlan(rng, `PL-${String(++planNo).padStart(4, '0')}`, spec, unitOf.get(h.code) ?? null) : null;
    // Consent comes before the first plan event; households without a plan consented at a survey visit.
    const firstDay = plan ? day(must(plan.events[0], 'event').at.slice(0, 10)) : rng.int(day('2020-03-01'), day('2025-09-30'));
    const processing = consent ? firstDay - rng.int(0, 14) : null;
    const sharing = processing !== null && rng.chance(0.6) ? Math.min(processing + rng.int(0, 30), day(AS_OF)) : null;
    return { ...h, caseworker: 'caseworker', consentProcessing: consent,
      consentProcessingDate: processing === null ? null : isoDate(processing),
      consentSharing: sharing !== null, consentSharingDate: sharing === null ? null : isoDate(sharing), plan };
  });
  for (const h of households) {
    const unit = units.find((u) => u.code === h.plan?.housingUnitCode);
    if (unit) unit.status = HOUSED.includes(h.plan?.state ?? '') ? 'occupied' : 'reserved';
  }
  return households;
}

// ---- Basemap ---------------------------------------------------------------------------------------------
/** Returns the line with extra vertices swinging side to side, so a river reads as one. */
function meander(points: Position[], amplitude: number, perSegment = 4): Position[] {
  const out: Position[] = [];
  points.slice(1).forEach((b, i) => {
    const a = must(points[i], 'point');
    const [dx, dy] = [((b[0] as number) - (a[0] as number)) * LON_SCALE, (b[1] as number) - (a[1] as number)];
    const len = Math.hypot(dx, dy);
    for (let k = 0; k < perSegment; k++) {
      const t = k / perSegment;
      const swing = k === 0 ? 0 : amplitude * Math.sin(Math.PI * k * 1.3 + i);
      const base: Position = [(a[0] as number) + t * ((b[0] as number) - (a[0] as number)), (a[1] as number) + t * ((b[1] as number) - (a[1] as number))];
      out.push(offset(base, (-dy / len) * swing, (dx / len) * swing));
    }
  });
  return [...out, must(points[points.length - 1], 'last point')];
}

function buildBasemap(localities: Locality[]) {
  const rng = makeRng('basemap');
  const base = (layer: string, name: string, geometry: Geometry, extra: Record<string, unknown> = {}) =>
    feature({ layer, name, ...extra, schematic: true, source: SCHEMATIC_SOURCE }, roundGeometry(geometry));
  const poly = (centre: Position, rx: number, ry: number, label: string) =>
    toMultiPolygon({ type: 'Polygon', coordinates: [ellipseRing(centre, rx, ry, rng, 0.1, 16)] }, label);
  return [
    ...localities.map((l) => base('boundary', l.name, { type: 'LineString', coordinates: must(l.geometry.coordinates[0]?.[0], 'ring') })),
    base('landfill', 'Rampa de deșeuri Pata Rât', poly([23.698, 46.7785], 450, 250, 'landfill')),
    base('lake', 'Lacul Chios (Parcul Central)', poly([23.5775, 46.7693], 110, 45, 'lake chios')),
    base('lake', 'Lacul Gheorgheni (Parcul Iulius)', poly([23.6268, 46.7725], 150, 70, 'lake gheorgheni')),
    base('river', 'Someșul Mic', { type: 'LineString', coordinates: meander(RIVER, 180) }),
    base('railway', 'Calea ferată Oradea – Cluj-Napoca – Apahida (Gara Cluj-Napoca)', { type: 'LineString', coordinates: RAILWAY }),
    ...ROADS.map(([name, cls, coords]) => base('road', name, { type: 'LineString', coordinates: coords }, { class: cls })),
  ];
}

// ---- Invariants and output -------------------------------------------------------------------------------
type Households = ReturnType<typeof buildHouseholds>;
const sum = <T>(items: T[], value: (t: T) => number) => items.reduce((t, x) => t + value(x), 0);

/** Throws unless zones and settlements tile, nest and add up as DOMAIN.md says. */
function checkGeography(localities: Locality[], hoods: Neighbourhood[], settlements: Settlement[], zones: Feature<MultiPolygon>[]) {
  const city = must(localities[0], 'city');
  // Neighbourhoods tile the city: no overlap above 1 m², areas add up to the city's.
  hoods.forEach((a, i) => hoods.slice(i + 1).forEach((b) => {
    const x = overlap(a.geometry, b.geometry);
    assert(!x || turf.area(x) < 1, `${a.name} / ${b.name} overlap`);
  }));
  assert(Math.abs(sum(hoods, (h) => turf.area(h.geometry)) / turf.area(city.geometry) - 1) < 1e-4, 'neighbourhoods tile the city');
  assert(hoods.length === 20 && sum(hoods, (h) => h.population) === 286598, 'neighbourhood populations sum to 286,598');
  const pataRatCell = must(hoods.find((h) => h.externalId === 'zone-nb-pata-rat'), 'pata rat cell');
  const pataRatZone = must(zones.find((z) => z.properties?.externalId === 'zone-iv-pata-rat-desegregare'), 'pata rat zone');
  settlements.forEach((s, i) => {
    const inside = (g: MultiPolygon) => turf.booleanWithin(s.geometry, g);
    assert(inside(city.geometry) && inside(pataRatCell.geometry) && inside(pataRatZone.geometry), `${s.name} inside the Pata Rât zones`);
    settlements.slice(i + 1).forEach((t) => assert(!overlap(s.geometry, t.geometry), `${s.name}/${t.name} apart`));
    const ha = turf.area(s.geometry) / 1e4;
    assert(ha > 1 && ha < 10, `${s.name} is a few hectares (${ha.toFixed(1)} ha)`);
  });
  assert(sum(settlements, (s) => s.households) === 282, 'households sum to 282 (2020 survey)');
  const people = sum(settlements, (s) => s.population);
  assert(people >= 1300 && people <= 1500, 'people 1,300–1,500');
  for (const z of zones.filter((f) => f.properties?.kind === 'intervention')) {
    assert(localities.some((l) => turf.booleanWithin(z.geometry, l.geometry)), `${String(z.properties?.name)} inside a locality`);
  }
}

/** Throws unless services have the counts and categories asked for, sit in their locality and avoid Pata Rât. */
function checkServices(localities: Locality[], services: Feature<Point>[]) {
  assert(services.length >= 170, 'at least 170 services');
  const perCategory = CATEGORIES.map((c) => services.filter((s) => s.properties?.category === c).length);
  assert(perCategory.every((n) => n >= 6), 'each category has at least 6');
  assert(Math.max(...perCategory) === perCategory[CATEGORIES.indexOf('transit_stop')], 'transit stops are the most');
  for (const s of services) {
    const p = s.properties ?? {};
    const locality = must(localities.find((l) => l.name === p.locality), `locality of ${String(p.name)}`);
    assert(pointIn(s.geometry.coordinates, locality.geometry), `${String(p.name)} inside ${String(p.locality)}`);
    const nearPataRat = turf.distance(s.geometry.coordinates, PATA_RAT) <= 2;
    assert(!nearPataRat || !p.schematic || p.category === 'community_centre', `${String(p.name)} is not in Pata Rât`);
    assert(p.category !== 'transit_stop' || (Array.isArray(p.routes) && Number.isInteger(p.weeklyTrips)), `${String(p.name)} routes`);
  }
}

/** Throws unless every unit sits in its locality and its status follows from the plans exactly. */
function checkUnits(localities: Locality[], units: Unit[], households: Households) {
  assert(units.length >= 110, 'at least 110 units');
  for (const u of units) {
    const [lo, hi] = must(AREA_BY_ROOMS[u.rooms], 'rooms');
    assert(pointIn(u.at, must(localities.find((l) => l.name === u.locality), u.locality).geometry), `${u.code} inside ${u.locality}`);
    assert(u.floorAreaM2 >= lo && u.floorAreaM2 <= hi && u.floor >= 0 && u.floor <= 10, `${u.code} rooms/area/floor`);
    // the same rule as the database's one-live-plan-per-unit index
    const plans = households.map((h) => h.plan).filter((p) => p?.housingUnitCode === u.code && LIVE.includes(p.state));
    assert(plans.length <= 1, `${u.code} has at most one live plan`);
    const state = plans[0]?.state;
    const expected = state === 'moved' || state === 'followed_up' ? 'occupied' : state ? 'reserved' : null;
    assert(expected ? u.status === expected : ['available', 'unavailable'].includes(u.status), `${u.code} status ${u.status}`);
    assert(!state || plans[0]?.programme === u.programme, `${u.code} programme matches its plan`);
  }
  assert(units.filter((u) => u.status === 'available').length >= 30, 'at least 30 units available');
}

/** Throws unless households are coherent and every plan walks the state machine legally, in time order. */
function checkHouseholds(households: Households) {
  assert(households.length === 282, '282 households');
  const minors = sum(households, (h) => h.children) / sum(households, (h) => h.size);
  assert(minors > 0.45 && minors < 0.55, `about half the people are minors (${minors.toFixed(2)})`);
  const active = ['draft', 'assessed', 'matched', 'approved', 'moved'];
  for (const h of households) {
    assert(h.size === h.adults + h.children && h.adults >= 1 && h.seniors <= h.adults && h.disabledMembers <= h.size, `${h.code} members`);
    const needs = (n: string) => h.needs.includes(n);
    assert((!needs('step_free') || h.disabledMembers + h.seniors > 0) && (!needs('near_school') || h.children > 0)
      && (!needs('near_employment') || h.adults > h.seniors), `${h.code} needs match members`);
    assert(h.consentProcessing === (h.consentProcessingDate !== null) && h.consentSharing === (h.consentSharingDate !== null)
      && (!h.consentSharing || h.consentProcessing), `${h.code} consent`);
    const p = h.plan;
    if (!p) continue;
    assert(h.consentProcessing && (h.consentProcessingDate ?? '') <= (p.events[0]?.at ?? ''), `${h.code} consent before plan`);
    p.events.forEach((e, i) => {
      const prev = p.events[i - 1];
      const forward = PLAN_PATH.indexOf(e.to as (typeof PLAN_PATH)[number]) === PLAN_PATH.indexOf(e.from as (typeof PLAN_PATH)[number]) + 1;
      const sideways = (e.to === 'on_hold' || e.to === 'cancelled') && active.includes(e.from ?? '');
      const legal = i === 0 ? e.from === null && e.to === 'draft' : e.from === prev?.to && (forward || sideways);
      assert(legal && (!prev || prev.at < e.at) && e.at <= `${AS_OF}T23:59:59Z`, `${p.code} event ${i} legal and later`);
    });
    assert(p.events[p.events.length - 1]?.to === p.state, `${p.code} ends in its state`);
    const reached = (s: string) => p.events.some((e) => e.to === s);
    assert(p.state === 'cancelled' ? p.housingUnitCode === null : (p.housingUnitCode !== null) === reached('matched'), `${p.code} unit`);
    assert((p.approvedBy === 'admin') === reached('approved') && (p.moveDate !== null) === reached('moved'), `${p.code} approval/move`);
  }
  const moved = (programme: string) => households.filter((h) => h.plan?.programme === programme && HOUSED.includes(h.plan.state));
  assert(moved('Pata-Cluj').length === 35 && moved('Pata 2').length === 31 && moved('Cluj4Home').length === 8, 'programme totals');
  assert(sum(moved('Pata 2'), (h) => h.size) === 158, 'Pata 2 moved 158 people');
  const share = households.filter((h) => !h.plan).length / households.length;
  assert(share > 0.35 && share < 0.45, 'about 40% without a plan');
}

function writeFeatureCollection(file: string, features: Feature[]): void {
  // One feature per line: readable diffs without a 2-space indented coordinate per line.
  write(file, `{"type":"FeatureCollection","features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`);
}
function write(file: string, text: string): void {
  const full = path.join(OUT, file);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, text);
}

function main(): void {
  const localities = buildLocalities();
  const settlements = buildSettlements();
  const hoods = buildNeighbourhoods(must(localities[0], 'city'), settlements.reduce((t, s) => t + s.population, 0));
  const zones = buildZones(localities, hoods);
  const services = buildServices(localities, hoods);
  const units = buildUnits();
  const households = buildHouseholds(settlements, units);
  checkGeography(localities, hoods, settlements, zones);
  checkServices(localities, services);
  checkUnits(localities, units, households);
  checkHouseholds(households);

  writeFeatureCollection('settlements/settlements.geojson', settlements.map((s) => feature({ externalId: s.externalId, name: s.name,
    description: s.description, populationEstimate: s.population, householdsEstimate: s.households, estimateSource: s.estimateSource,
    estimateDate: '2020-12-31', confidence: s.confidence }, s.geometry)));
  writeFeatureCollection('zones/zones.geojson', zones);
  writeFeatureCollection('services/services.geojson', services);
  writeFeatureCollection('housing-units/housing-units.geojson',
    units.map(({ at, ...u }) => feature({ externalId: u.code, ...u }, turf.point(at).geometry)));
  const note = `SYNTHETIC pseudonymous households generated by ${TOOL}: no real person or family is described. `
    + 'Counts echo public totals (282 households in the 2020 survey; Pata-Cluj, Pata 2 and Cluj4Home relocations); '
    + `compositions, needs, consents and plans are random. Plan events run up to ${AS_OF}.`;
  write('households/households.json', `${JSON.stringify({ synthetic: true, note, households }, null, 2)}\n`);
  writeFeatureCollection('basemap/basemap.geojson', buildBasemap(localities));

  const count = <T>(items: T[], key: (t: T) => string) =>
    Object.fromEntries([...new Set(items.map(key))].sort().map((k) => [k, items.filter((t) => key(t) === k).length]));
  console.log(JSON.stringify({ services: count(services, (s) => String(s.properties?.category)), units: count(units, (u) => u.status),
    unitsByLocality: count(units, (u) => u.locality), plans: count(households, (h) => h.plan?.state ?? 'none'),
    cityKm2: Math.round(turf.area(must(localities[0], 'city').geometry) / 1e4) / 100 }));
}

main();
