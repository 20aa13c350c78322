import { z } from 'zod';

// Shared by the server (OpenAPI document, API tests) and the client (`import type` of the reports).
export type SegregationReport = z.infer<typeof segregationReportSchema>;
export type SimulationReport = z.infer<typeof simulationReportSchema>;

// The response schemas of /api/analysis/* (issue 12).

const index = z.number().min(0).max(1).nullable();
export const indicesSchema = z.strictObject({
  dissimilarity: index,
  isolation: index,
  exposure: index,
  correlationRatio: index,
  theil: index,
  mutualInformation: z.number().min(0).nullable(),
  spatialDissimilarity: index,
  groupShare: index,
  groupPersons: z.number().min(0),
  otherPersons: z.number().min(0),
});
const areaSchema = z.strictObject({
  key: z.string(),
  name: z.string(),
  population: z.number().min(0),
  group: z.number().int().min(0),
  households: z.number().int().min(0),
  others: z.number().min(0),
  locationQuotient: z.number().min(0).nullable(),
  small: z.boolean(),
});
const concentrationSchema = z.strictObject({
  limits: z.strictObject({ building: z.number(), near: z.number(), neighbourhoodPer10k: z.number(), localityPer10k: z.number() }),
  relocatedHouseholds: z.number().int().min(0),
  buildings: z.array(
    z.strictObject({
      building: z.string(),
      lon: z.number(),
      lat: z.number(),
      households: z.number().int().min(1),
      within250m: z.number().int().min(1),
      buildingLimit: z.number(),
      nearLimit: z.number(),
      over: z.boolean(),
    }),
  ),
  zones: z.array(
    z.strictObject({
      zoneId: z.number().int(),
      name: z.string(),
      kind: z.enum(['neighbourhood', 'locality']),
      households: z.number().int().min(1),
      population: z.number().nullable(),
      per10k: z.number().nullable(),
      limit: z.number().nullable(),
      over: z.boolean(),
    }),
  ),
  flagged: z.number().int().min(0),
});
const unassignedSchema = z.strictObject({ households: z.number().int().min(0), persons: z.number().int().min(0) });
const parametersSchema = z.strictObject({
  basis: z.literal('persons'),
  minUnitPopulation: z.number().int(),
  spatialRadiusM: z.number().int(),
  hexSideM: z.number().int().optional(),
});
const month = z.string().regex(/^\d{4}-\d{2}$/);

export const segregationReportSchema = z.strictObject({
  level: z.enum(['neighbourhood', 'locality', 'hex']),
  at: month,
  parameters: parametersSchema,
  groupHouseholds: z.number().int().min(0),
  indices: indicesSchema,
  areas: z.array(areaSchema.extend({ lon: z.number().nullable(), lat: z.number().nullable(), geometry: z.record(z.string(), z.unknown()).nullable() })),
  unassigned: unassignedSchema,
  concentration: concentrationSchema,
  series: z.array(
    z.strictObject({
      month,
      relocatedHouseholds: z.number().int().min(0),
      dissimilarity: index,
      isolation: index,
      correlationRatio: index,
      theil: index,
      spatialDissimilarity: index,
    }),
  ),
});

const snapshotSchema = z.strictObject({ indices: indicesSchema, areas: z.array(areaSchema), unassigned: unassignedSchema, concentration: concentrationSchema });
export const simulationReportSchema = z.strictObject({
  level: z.enum(['neighbourhood', 'locality', 'hex']),
  month,
  parameters: parametersSchema,
  written: z.literal(false),
  before: snapshotSchema,
  proposals: z.array(
    z.strictObject({
      label: z.string(),
      moves: z.number().int(),
      after: snapshotSchema,
      change: z.record(z.string(), z.number().nullable()),
      access: z.strictObject({
        meanBefore: z.number().nullable(),
        meanAfter: z.number().nullable(),
        meanGain: z.number().nullable(),
        worse: z.number().int(),
        moves: z.array(
          z.strictObject({
            householdId: z.number().int(),
            housingUnitId: z.number().int(),
            accessBefore: z.number().nullable(),
            accessAfter: z.number().nullable(),
            gain: z.number().nullable(),
          }),
        ),
      }),
      target: z
        .strictObject({
          met: z.boolean(),
          breaches: z.array(z.strictObject({ index: z.enum(['dissimilarity', 'correlationRatio']), value: z.number(), limit: z.number(), detail: z.string() })),
        })
        .nullable(),
    }),
  ),
});
