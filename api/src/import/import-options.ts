import { z } from 'zod';
import type { LayerName } from '../db/layers';
import { IMPORT_FORMATS, type ImportFormat, type ImportOptions } from './import-types';

const LAYER_BY_PATH: Record<string, LayerName> = { zones: 'zones', settlements: 'settlements', 'housing-units': 'housingUnits', services: 'services' };

const flag = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0', ''])])
  .transform((v) => v === true || v === 'true' || v === '1' || v === '');

/** `name=denumire` pairs: repeated in a query or on the command line, or an object in JSON. */
const pairs = z
  .union([z.record(z.string(), z.string()), z.string(), z.array(z.string())])
  .transform((value, ctx) => {
    if (!Array.isArray(value) && typeof value === 'object') return value;
    const out: Record<string, string> = {};
    for (const pair of Array.isArray(value) ? value : [value]) {
      const at = pair.indexOf('=');
      if (at <= 0) {
        ctx.addIssue({ code: 'custom', message: `expected punteProperty=value, got "${pair}"` });
        return z.NEVER;
      }
      out[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
    }
    return out;
  })
  .describe('Punte property = source field (map) or value (set); repeat the parameter for more than one');

/** The options of an import, in a query string, a JSON body or on the command line. */
export const importOptionsSchema = z
  .object({
    layer: z.enum(Object.keys(LAYER_BY_PATH) as [string, ...string[]]),
    format: z.enum(IMPORT_FORMATS).optional().describe('inferred from the content type or file name when left out'),
    crs: z.string().trim().min(1).max(200).optional().describe('source CRS as an EPSG code, e.g. EPSG:3844; default: the file’s own crs member, else EPSG:4326'),
    map: pairs.optional(),
    set: pairs.optional(),
    dryRun: flag.optional(),
    skipInvalid: flag.optional(),
    lonField: z.string().min(1).max(100).optional(),
    latField: z.string().min(1).max(100).optional(),
    wktField: z.string().min(1).max(100).optional(),
    filename: z.string().min(1).max(300).optional(),
  })
  .strict();

export type ImportOptionsInput = z.output<typeof importOptionsSchema>;

/** Returns the format a file name or content type suggests; undefined when neither says. */
export function inferFormat(contentType: string | undefined, filename: string | undefined): ImportFormat | undefined {
  const type = (contentType ?? '').toLowerCase();
  const name = (filename ?? '').toLowerCase();
  if (/zip/.test(type) || name.endsWith('.zip')) return 'gtfs';
  if (/csv|text\/plain/.test(type) || /\.(csv|txt|tsv)$/.test(name)) return 'csv';
  if (/json/.test(type) || /\.(geo)?json$/.test(name)) return 'geojson';
  return undefined;
}

/** Returns the ImportOptions of parsed options and the format found; undefined format stays for the caller to refuse. */
export function toImportOptions(input: ImportOptionsInput, format: ImportFormat): ImportOptions {
  return {
    layer: LAYER_BY_PATH[input.layer] as LayerName,
    format,
    crs: input.crs,
    map: input.map ?? {},
    set: input.set ?? {},
    dryRun: input.dryRun ?? false,
    skipInvalid: input.skipInvalid ?? false,
    lonField: input.lonField,
    latField: input.latField,
    wktField: input.wktField,
    sourceName: input.filename,
  };
}
