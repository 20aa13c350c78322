import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { requirePermission } from '../auth/session-middleware';
import { DEFAULT_CONCENTRATION_LIMITS } from '../domain/candidate-score';
import { DEFAULT_HEX_SIDE_M, FIRST_ANALYSIS_MONTH } from '../domain/segregation/analysis-defaults';
import { DEFAULT_MIN_UNIT_POPULATION, DEFAULT_SPATIAL_RADIUS_M } from '../domain/segregation/segregation-indices';
import { bodyId, queryInteger } from '../http/input-schemas';
import { concentrationLimitsSchema } from '../http/concentration-limits';
import { problemResponses } from '../http/openapi';
import { parseInput } from '../http/validate';
import { analyseSegregation, currentMonth } from '../services/analyse-segregation';
import { simulateRelocations } from '../services/simulate-relocations';
import { segregationReportSchema, simulationReportSchema } from '../../../contracts/analysis-reports';

// Segregation analysis (issue 12): indices with the counts behind them, and before/after simulations of
// proposed moves. Case data in aggregate: caseworkers, planners and admins (analysis:read).

const yearMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be a month YYYY-MM')
  .refine((month) => month >= FIRST_ANALYSIS_MONTH, `must not be before ${FIRST_ANALYSIS_MONTH}, when the relocation programmes began`)
  .refine((month) => month <= currentMonth(), 'must not lie in the future (Europe/Bucharest)');

const level = z.enum(['neighbourhood', 'locality', 'hex']);
const common = {
  units: level.default('neighbourhood').describe('areal units: Cluj-Napoca neighbourhoods with the other localities, localities, or hexagons'),
  hexSideM: queryInteger(100, 5000).default(DEFAULT_HEX_SIDE_M).describe(`side of a hexagon in metres (units=hex); default ${DEFAULT_HEX_SIDE_M}`),
  minUnitPopulation: queryInteger(1, 100_000).default(DEFAULT_MIN_UNIT_POPULATION).describe('units with fewer people are flagged small'),
  spatialRadiusM: queryInteger(50, 10_000).default(DEFAULT_SPATIAL_RADIUS_M).describe('radius of the spatial D environment (box kernel)'),
};
const querySchema = z.strictObject({ ...common, at: yearMonth.optional().describe('month of the analysis, YYYY-MM; default this month') });

const limitsSchema = concentrationLimitsSchema;
const movesSchema = z.array(z.strictObject({ householdId: bodyId(), housingUnitId: bodyId() })).min(1).max(2000);
const targetSchema = z
  .strictObject({
    maxDissimilarityRise: z.number().min(0).max(1).describe('how much D may rise; 0: it must not rise'),
    maxCorrelationRatio: z.number().min(0).max(1).describe('the highest η² allowed after the moves'),
  })
  .partial();
const simulateSchema = z
  .strictObject({
    units: level.default('neighbourhood'),
    hexSideM: z.number().int().min(100).max(5000).default(DEFAULT_HEX_SIDE_M),
    minUnitPopulation: z.number().int().min(1).max(100_000).default(DEFAULT_MIN_UNIT_POPULATION),
    spatialRadiusM: z.number().int().min(50).max(10_000).default(DEFAULT_SPATIAL_RADIUS_M),
    limits: limitsSchema.optional(),
    target: targetSchema.optional(),
    moves: movesSchema.optional().describe('one proposal: the (household, unit) moves'),
    proposals: z
      .array(z.strictObject({ label: z.string().trim().min(1).max(100), moves: movesSchema }))
      .min(1)
      .max(3)
      .optional()
      .describe('or up to three labelled proposals, compared side by side'),
  })
  .refine((body) => (body.moves === undefined) !== (body.proposals === undefined), { message: 'give either moves or proposals', path: ['moves'] });

/** Returns the router of /api/analysis/*. */
export function analysisRouter(context: AppContext): Router {
  const router = Router();
  const { knex } = context.db;

  router.get('/analysis/segregation', requirePermission('analysis:read'), async (req, res) => {
    const query = parseInput(querySchema, req.query, 'query');
    res.json(
      await analyseSegregation(knex, {
        level: query.units,
        at: query.at,
        hexSideM: query.hexSideM,
        minUnitPopulation: query.minUnitPopulation,
        spatialRadiusM: query.spatialRadiusM,
        limits: DEFAULT_CONCENTRATION_LIMITS,
      }),
    );
  });

  router.post('/analysis/simulate', requirePermission('analysis:read'), async (req, res) => {
    const body = parseInput(simulateSchema, req.body, 'body');
    res.json(
      await simulateRelocations(knex, {
        level: body.units,
        hexSideM: body.hexSideM,
        minUnitPopulation: body.minUnitPopulation,
        spatialRadiusM: body.spatialRadiusM,
        limits: { ...DEFAULT_CONCENTRATION_LIMITS, ...body.limits },
        target: body.target,
        proposals: body.proposals ?? [{ label: 'A', moves: body.moves ?? [], pointer: '/body/moves' }],
      }),
    );
  });

  const tags = ['analysis'];
  const security = [{ session: [] }];
  context.registry.registerPath({
    method: 'get',
    path: '/api/analysis/segregation',
    summary:
      'Segregation of the households from the segregated settlements against the rest of the population: D, isolation, exposure, η², H, M, spatial D, location quotients, concentration, and the series by month',
    tags,
    security,
    request: { query: querySchema },
    responses: { 200: { description: 'The analysis', content: { 'application/json': { schema: segregationReportSchema } } }, ...problemResponses(400, 401, 403) },
  });
  context.registry.registerPath({
    method: 'post',
    path: '/api/analysis/simulate',
    summary: 'Indices, concentration and access before and after proposed moves, side by side; writes nothing',
    tags,
    security,
    request: { body: { content: { 'application/json': { schema: simulateSchema } } } },
    responses: { 200: { description: 'Before and after', content: { 'application/json': { schema: simulationReportSchema } } }, ...problemResponses(400, 401, 403, 422) },
  });
  return router;
}
