import { z } from 'zod';
import type { LayerName } from '../db/layers';
import { CONFIDENCE_LEVELS, SERVICE_CATEGORIES, UNIT_STATUSES, ZONE_KINDS, ZONE_STATUSES } from '../domain/vocabulary';
import { freeJsonObject, isoDate } from './input-schemas';

// The properties a planner may write, per layer, in the camelCase GET returns (api/src/db/layers.ts).
// Optional text and numbers accept null to clear a value. `version`, `updatedAt` (and a housing unit's
// computed `accessScore`) are read-only: accepted so a client can send back what it read, then ignored.

const text = (max = 500) => z.string().trim().max(max).nullable().optional();
const requiredText = (max = 200) => z.string().trim().min(1).max(max);
const count = () => z.number().int().min(0).max(100_000_000).nullable().optional();
const date = () => isoDate().nullable().optional();
const externalId = () => z.string().trim().min(1).max(200).nullable().optional();
const readOnly = { version: z.unknown().optional(), updatedAt: z.unknown().optional() };

const zoneProperties = z
  .object({
    name: requiredText(),
    kind: z.enum(ZONE_KINDS),
    status: z.enum(ZONE_STATUSES).nullable().optional(),
    parentId: z.number().int().min(1).nullable().optional(),
    population: count(),
    targetDate: date(),
    description: text(5000),
    source: text(),
    externalId: externalId(),
    ...readOnly,
  })
  .strict();

const settlementProperties = z
  .object({
    name: requiredText(),
    description: text(5000),
    populationEstimate: count(),
    householdsEstimate: count(),
    estimateSource: text(),
    estimateDate: date(),
    confidence: z.enum(CONFIDENCE_LEVELS).nullable().optional(),
    externalId: externalId(),
    ...readOnly,
  })
  .strict();

const housingUnitProperties = z
  .object({
    code: requiredText(50),
    address: text(),
    locality: text(200),
    building: text(100),
    rooms: z.number().int().min(1).max(20),
    floorAreaM2: z.number().gt(0).lt(1000),
    floor: z.number().int().min(-5).max(200).nullable().optional(),
    stepFree: z.boolean().optional(),
    status: z.enum(UNIT_STATUSES).optional(),
    programme: text(200),
    monthlyRentLei: z.number().min(0).max(1_000_000).nullable().optional(),
    externalId: externalId(),
    accessScore: z.unknown().optional(),
    ...readOnly,
  })
  .strict();

const serviceProperties = z
  .object({
    name: requiredText(),
    category: z.enum(SERVICE_CATEGORIES),
    address: text(),
    locality: text(200),
    attributes: freeJsonObject().optional(),
    schematic: z.boolean().optional(),
    source: text(),
    externalId: externalId(),
    ...readOnly,
  })
  .strict();

/** The properties schema of each layer for a create; a PATCH uses its `.partial()`. */
export const LAYER_PROPERTIES = {
  zones: zoneProperties,
  settlements: settlementProperties,
  housingUnits: housingUnitProperties,
  services: serviceProperties,
} as const satisfies Record<LayerName, z.ZodObject>;

/** Property names clients may send but the server sets itself; writes ignore them. */
export const READ_ONLY_PROPERTIES = ['version', 'updatedAt', 'accessScore'] as const;

const geometry = z
  .unknown()
  .describe('GeoJSON geometry in WGS84: Point for housing units and services, Polygon or MultiPolygon for zones and settlements');

/** Returns the zod schema of a POST body: a GeoJSON Feature with the layer's properties. */
export function createBodySchema(layer: LayerName) {
  return z.object({
    type: z.literal('Feature'),
    id: z.union([z.number(), z.string()]).optional().describe('ignored: the server assigns ids'),
    geometry,
    properties: LAYER_PROPERTIES[layer],
  });
}

/** Returns the zod schema of a PATCH body: a Feature carrying the properties to change and/or a new geometry. */
export function patchBodySchema(layer: LayerName) {
  return z
    .object({
      type: z.literal('Feature').optional(),
      id: z.union([z.number(), z.string()]).optional(),
      geometry: geometry.optional(),
      properties: LAYER_PROPERTIES[layer].partial().optional(),
    })
    .refine((body) => body.geometry !== undefined || body.properties !== undefined, {
      message: 'send "properties" to change, a new "geometry", or both',
    });
}

/** The query of a write: `?repair=true` mends self-intersections and overlaps with ST_MakeValid. */
export const writeQuerySchema = z
  .object({ repair: z.enum(['true', 'false']).default('false').transform((v) => v === 'true') })
  .strict();
