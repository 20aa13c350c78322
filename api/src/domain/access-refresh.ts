import type { Knex } from 'knex';
import { listUnitOrigins, nearestServiceDistances, storeAccessScores } from '../db/access-queries';
import { DEFAULT_ACCESS_CONFIG, type AccessConfig } from './access-config';
import { accessScore, round } from './access-score';
import { SERVICE_CATEGORIES } from './vocabulary';

/**
 * Recomputes and stores the access score of housing units (all, or those with `unitIds`) and returns
 * how many were updated. Call it after units move or services change (issue 4); it never bumps a
 * unit's version, so editors' If-Match stays valid.
 */
export async function refreshAccessScores(
  knex: Knex,
  unitIds?: readonly number[],
  config: AccessConfig = DEFAULT_ACCESS_CONFIG,
): Promise<{ updated: number }> {
  const units = await listUnitOrigins(knex, unitIds);
  if (units.length === 0) return { updated: 0 };
  const nearest = await nearestServiceDistances(
    knex,
    units.map((u) => ({ key: String(u.id), lon: u.point[0], lat: u.point[1] })),
    SERVICE_CATEGORIES,
  );
  const scores = units.map((unit) => {
    const found = nearest.get(String(unit.id)) ?? {};
    const distances = Object.fromEntries(SERVICE_CATEGORIES.map((c) => [c, found[c]?.distanceM ?? null]));
    return { id: unit.id, score: round(accessScore(distances, config), 2) as number };
  });
  return { updated: await storeAccessScores(knex, scores) };
}
