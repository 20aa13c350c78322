import type { Knex } from 'knex';
import { z } from 'zod';
import { listPublicAreaShapes, loadProgressFacts, loadPublicInterventions, type PublicAreaShape } from '../db/public-statistics';
import type { PublicSegregation } from '../../../contracts/public-segregation';
import { disclosurePolicy, type PublishedCount } from '../domain/disclosure-control';
import {
  lastCompleteMonth,
  publishInterventions,
  publishRelocationProgress,
  type PublishedAreaTable,
  type RelocationProgress,
} from '../domain/public-progress';

// The public release (issue 6): aggregated figures only, built for the public API (routes/public-progress.ts)
// and the static export (scripts/export-public.ts) alike. Every document is parsed by a strict zod schema
// before it leaves, so a field that is not on these allow-lists fails the request
// instead of reaching the public.
//
// Known limit, also in the README of the export: the figures change at most once a month and only
// when at least k more households have moved, and they are rounded; still, someone who keeps every
// monthly release can compare a cell across releases and learn roughly (±4) how many households in
// that cell moved between them — a window that always holds at least k moves in all.

const count = z.union([
  z.strictObject({ value: z.number().int().min(0), suppressed: z.literal(false) }),
  z.strictObject({ value: z.null(), suppressed: z.literal(true) }),
]);
const month = z.string().regex(/^\d{4}-\d{2}$/);
const areaTable = z.strictObject({
  rows: z.array(z.strictObject({ key: z.string(), name: z.string().nullable(), households: count, people: count })),
  total: z.strictObject({ households: count, people: count }),
});

/** GET /api/public/progress: relocation figures of the current release. */
export const progressSchema = z.strictObject({
  cutoffMonth: month,
  asOfMonth: month,
  disclosure: z.strictObject({ k: z.number().int(), roundingBase: z.number().int() }),
  keyFigures: z.strictObject({
    householdsRelocated: count,
    peopleRelocated: count,
    plannedRelocations: count,
    shareDonePercent: z.number().int().min(0).max(100).nullable(),
  }),
  byOrigin: areaTable,
  byDestination: areaTable,
  byMonth: z.array(z.strictObject({ month, households: count, people: count })),
  accessChange: z.array(
    z.strictObject({
      category: z.enum(['school', 'family_doctor', 'transit_stop']),
      medianBeforeM: z.number().nullable(),
      medianAfterM: z.number().nullable(),
      medianChangeM: z.number().nullable(),
    }),
  ),
});

/** GET /api/public/interventions: counts by status and the list with progress by month. */
export const interventionsSchema = z.strictObject({
  counts: z.strictObject({ planned: z.number().int(), underWay: z.number().int(), completed: z.number().int(), cancelled: z.number().int() }),
  items: z.array(
    z.strictObject({
      key: z.string(),
      name: z.string(),
      type: z.string(),
      status: z.string(),
      fundingProgramme: z.string().nullable(),
      budgetLei: z.number().nullable(),
      startMonth: month.nullable(),
      endMonth: month.nullable(),
      progressPct: z.number().int().min(0).max(100),
      areaKey: z.string().nullable(),
      areaName: z.string().nullable(),
      areaKind: z.enum(['zone', 'settlement']).nullable(),
      updates: z.array(z.strictObject({ month, progressPct: z.number().int().min(0).max(100) })),
    }),
  ),
});

const polygon = z.strictObject({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.any()) });
const countAreaFeature = z.strictObject({
  type: z.literal('Feature'),
  geometry: polygon,
  properties: z.strictObject({
    key: z.string(),
    name: z.string(),
    households: z.number().int().nullable(),
    householdsHidden: z.boolean(),
    people: z.number().int().nullable(),
    peopleHidden: z.boolean(),
  }),
});
/** GET /api/public/origin-settlements and /destination-localities: area outlines with published counts. */
export const countAreasSchema = z.strictObject({
  type: z.literal('FeatureCollection'),
  asOfMonth: month,
  features: z.array(countAreaFeature),
});
/** GET /api/public/intervention-areas: the zone or settlement of each intervention with its mean progress. */
export const interventionAreasSchema = z.strictObject({
  type: z.literal('FeatureCollection'),
  features: z.array(
    z.strictObject({
      type: z.literal('Feature'),
      geometry: polygon,
      properties: z.strictObject({
        key: z.string(),
        name: z.string(),
        kind: z.enum(['zone', 'settlement']),
        interventions: z.number().int(),
        progressPct: z.number().int().min(0).max(100).nullable(),
      }),
    }),
  ),
});

/** Every document of one public release, as the API serves it and the static export writes it. */
export type PublicRelease = {
  progress: z.infer<typeof progressSchema>;
  interventions: z.infer<typeof interventionsSchema>;
  originSettlements: z.infer<typeof countAreasSchema>;
  destinationLocalities: z.infer<typeof countAreasSchema>;
  interventionAreas: z.infer<typeof interventionAreasSchema>;
  segregation: PublicSegregation;
};


function countAreas(shapes: PublicAreaShape[], table: PublishedAreaTable, asOfMonth: string) {
  const byKey = new Map(table.rows.map((row) => [row.key, row]));
  const flat = (c: PublishedCount | undefined) => c ?? { value: 0, suppressed: false };
  return countAreasSchema.parse({
    type: 'FeatureCollection',
    asOfMonth,
    features: shapes.map((shape) => {
      const households = flat(byKey.get(shape.key)?.households);
      const people = flat(byKey.get(shape.key)?.people);
      return {
        type: 'Feature',
        geometry: shape.geometry,
        properties: {
          key: shape.key,
          name: shape.name,
          households: households.value,
          householdsHidden: households.suppressed,
          people: people.value,
          peopleHidden: people.suppressed,
        },
      };
    }),
  });
}

/** Returns the maps of relocations: settlements of origin and localities of destination with their published counts. */
export async function buildRelocationAreas(knex: Knex, progress: RelocationProgress) {
  const shapes = await listPublicAreaShapes(knex);
  return {
    originSettlements: countAreas(shapes.settlements, progress.byOrigin, progress.asOfMonth),
    destinationLocalities: countAreas(shapes.localities, progress.byDestination, progress.asOfMonth),
  };
}

/** Returns the interventions document and the map of their areas coloured by mean progress. */
export async function buildInterventions(knex: Knex) {
  const { interventions, areas } = await loadPublicInterventions(knex);
  const published = interventionsSchema.parse(publishInterventions(interventions));
  const interventionAreas = interventionAreasSchema.parse({
    type: 'FeatureCollection',
    features: areas.map((area) => {
      const here = published.items.filter((i) => i.areaKey === area.key);
      const active = here.filter((i) => i.status !== 'cancelled');
      const progressPct = active.length === 0 ? null : Math.round(active.reduce((sum, i) => sum + i.progressPct, 0) / active.length);
      return {
        type: 'Feature',
        geometry: area.geometry,
        properties: { key: area.key, name: area.name, kind: area.kind, interventions: here.length, progressPct },
      };
    }),
  });
  return { interventions: published, interventionAreas };
}
