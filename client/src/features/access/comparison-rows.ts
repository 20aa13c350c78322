import type { I18n } from '../../lib/i18n';
import type { ComparisonRow } from './api';

// Shared by the comparison table and its charts, so both name and colour a place the same way.

/** Bar colours by kind of place (Okabe–Ito; settlements in the map's settlement orange). */
export const comparisonKindColours: Record<ComparisonRow['kind'], string> = {
  settlement: '#D55E00',
  'city-average': '#0072B2',
  locality: '#6b7280',
  'housing-unit': '#009E73',
};

export const COMPARISON_KINDS = ['settlement', 'city-average', 'locality', 'housing-unit'] as const;

/** Returns the display name of a row; the city average is named in the reader's language. */
export function comparisonRowName(row: ComparisonRow, i18n: Pick<I18n, 't'>): string {
  if (row.kind !== 'city-average') return row.name;
  // The API appends an English " (city average)" to the locality's name; the kind already says it.
  const locality = row.name.replace(/\s*\(city average\)\s*$/i, '');
  return i18n.t('access.comparison.cityAverageName', { name: locality });
}
