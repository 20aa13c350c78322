import type { Knex } from 'knex';
import { isKnownSrid } from '../db/spatial-reference';
import { parseCrs, type Crs } from '../geo/parse-crs';
import { ImportError } from './import-error';
import type { ImportFormat } from './import-types';

const WGS84: Crs = { srid: 4326, name: 'EPSG:4326', requested: 'EPSG:4326' };

/**
 * Returns the CRS of an import: the one requested, else the one the file declares, else WGS84. Throws an
 * ImportError when a name is no EPSG code, the two disagree, PostGIS does not know the code, or a GTFS
 * feed (always WGS84) is given another CRS.
 */
export async function resolveCrs(knex: Knex, format: ImportFormat, requested: string | undefined, declared: string | undefined): Promise<Crs> {
  const parse = (text: string, where: string) => {
    const crs = parseCrs(text);
    if (!crs) throw new ImportError(`${where} "${text}" is not an EPSG code (write it as EPSG:3844).`);
    return crs;
  };
  const asked = requested === undefined ? undefined : parse(requested, 'The CRS');
  const inFile = declared === undefined ? undefined : parse(declared, 'The file declares a CRS');
  if (asked && inFile && asked.srid !== inFile.srid) {
    throw new ImportError(`The file declares ${inFile.name} (${declared}) but the import says ${asked.name}; remove one or make them agree.`);
  }
  const crs = asked ?? inFile ?? WGS84;
  if (format === 'gtfs' && crs.srid !== 4326) throw new ImportError(`GTFS coordinates are WGS84 by definition; ${crs.name} cannot apply.`);
  if (crs.srid !== 4326 && !(await isKnownSrid(knex, crs.srid))) throw new ImportError(`PostGIS does not know ${crs.name}.`);
  if (!asked && inFile) return { ...crs, note: [crs.note, `The CRS was taken from the file's "crs" member (${declared}).`].filter(Boolean).join(' ') };
  return crs;
}
