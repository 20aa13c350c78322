import type { Knex } from 'knex';
import { publicSegregationSchema, type PublicSegregation } from '../../../contracts/public-segregation';
import { loadSegregationInputs } from '../db/segregation/segregation-inputs';
import { disclosurePolicy } from '../domain/disclosure-control';
import { lastCompleteMonth } from '../domain/public-progress';
import { DEFAULT_HEX_SIDE_M } from '../domain/segregation/analysis-defaults';
import { positionsAtMonths } from '../domain/segregation/household-positions';
import { publishSegregationTrend } from '../domain/segregation/public-trend';
import { seriesMonths } from './analyse-segregation';

// GET /api/public/segregation and the static export's segregation.json (issue 12): the segregation trend
// over localities from disclosure-controlled counts (domain/segregation/public-trend.ts), checked by a
// strict schema so nothing beyond these fields leaves.

/** Returns the public segregation trend up to the last complete month before `now`. */
export async function buildPublicSegregation(knex: Knex, k: number, now = new Date()): Promise<PublicSegregation> {
  const policy = disclosurePolicy(k);
  const asOfMonth = lastCompleteMonth(now);
  const inputs = await loadSegregationInputs(knex, 'locality', DEFAULT_HEX_SIDE_M);
  const months = seriesMonths(inputs, asOfMonth);
  const positions = positionsAtMonths(inputs.households, inputs.steps, months);
  return publicSegregationSchema.parse({
    asOfMonth,
    units: 'locality',
    disclosure: { k: policy.k, roundingBase: policy.base },
    series: publishSegregationTrend(inputs, months, positions, policy),
  });
}
