import { z } from 'zod';
import type { Bbox, FeatureQuery } from '../db/features';
import type { LayerDefinition } from '../db/layers';
import { MAX_ID, queryId, queryInteger } from './input-schemas';

export const MAX_LIMIT = 10_000;
export const DEFAULT_LIMIT = 100;

const bboxSchema = z
  .string()
  .describe('minLon,minLat,maxLon,maxLat in WGS84 degrees')
  .transform((text, ctx): Bbox => {
    const parts = text.split(',').map((p) => p.trim());
    const numbers = parts.map((p) => (p === '' ? Number.NaN : Number(p)));
    if (numbers.length !== 4 || numbers.some((n) => !Number.isFinite(n))) {
      ctx.addIssue({ code: 'custom', message: `bbox must be four numbers "minLon,minLat,maxLon,maxLat", got "${text}"` });
      return z.NEVER;
    }
    const [minLon, minLat, maxLon, maxLat] = numbers as Bbox;
    if ([minLon, maxLon].some((v) => v < -180 || v > 180) || [minLat, maxLat].some((v) => v < -90 || v > 90)) {
      ctx.addIssue({ code: 'custom', message: 'bbox longitudes must lie in [-180, 180] and latitudes in [-90, 90]' });
      return z.NEVER;
    }
    if (minLon > maxLon || minLat > maxLat) {
      ctx.addIssue({ code: 'custom', message: 'bbox minimum must not exceed its maximum (minLon,minLat,maxLon,maxLat)' });
      return z.NEVER;
    }
    return [minLon, minLat, maxLon, maxLat];
  });

/** A comma-separated list parameter whose items must come from `values` (or be any text when none). */
function listParam(name: string, values?: readonly string[]) {
  const item = values ? z.enum(values as [string, ...string[]]) : z.string().min(1).max(100);
  return z
    .string()
    .describe(values ? `one or more of: ${values.join(', ')} (comma-separated)` : `one or more ${name} values (comma-separated)`)
    .transform((text) => text.split(',').map((v) => v.trim()))
    .pipe(z.array(item).min(1));
}

/** Returns the zod schema of a layer's list query; unknown parameters are rejected, not ignored. */
export function listQuerySchema(layer: LayerDefinition) {
  const filters = Object.fromEntries(layer.filters.map((f) => [f.param, listParam(f.param, f.values).optional()]));
  return z
    .object({
      bbox: bboxSchema.optional(),
      limit: queryInteger(1, MAX_LIMIT).default(DEFAULT_LIMIT),
      offset: queryInteger(0, MAX_ID).default(0),
      q: z.string().trim().min(1).max(100).optional(),
      ...filters,
    })
    .strict();
}

/** Returns the FeatureQuery of a parsed list query. */
export function toFeatureQuery(layer: LayerDefinition, parsed: Record<string, unknown>): FeatureQuery {
  const filters: Record<string, string[]> = {};
  for (const f of layer.filters) {
    const value = parsed[f.param];
    if (Array.isArray(value)) filters[f.param] = value as string[];
  }
  return {
    bbox: parsed.bbox as Bbox | undefined,
    limit: parsed.limit as number,
    offset: parsed.offset as number,
    q: parsed.q as string | undefined,
    filters,
  };
}

/** A positive integer id in a path: digits only, within the id columns' range. */
export const idParamsSchema = z.object({ id: queryId() });
