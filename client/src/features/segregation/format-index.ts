import type { I18n } from '../../lib/i18n';

/** Returns an index (0–1) with two decimals, or an en dash when it is undefined. */
export function formatIndex(value: number | null | undefined, i18n: Pick<I18n, 'formatNumber'>): string {
  if (value === null || value === undefined) return '–';
  return i18n.formatNumber(value, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** Returns a change of an index with its sign (+0.03, −0.12), or an en dash. */
export function formatIndexChange(value: number | null | undefined, i18n: Pick<I18n, 'formatNumber'>): string {
  if (value === null || value === undefined) return '–';
  return i18n.formatNumber(value, { minimumFractionDigits: 2, maximumFractionDigits: 2, signDisplay: 'exceptZero' });
}
