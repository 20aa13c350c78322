import type { Knex } from 'knex';
import { refreshAccessScores } from './access-refresh';

/**
 * Keeps the stored access scores current after a map edit or import (issue 4): the edited units'
 * own scores when housing units change, every unit's when services change. Other layers: nothing.
 */
export async function refreshAfterEdit(knex: Knex, layerPath: string, unitIds?: readonly number[]): Promise<void> {
  if (layerPath === 'housing-units') await refreshAccessScores(knex, unitIds);
  else if (layerPath === 'services') await refreshAccessScores(knex);
}
