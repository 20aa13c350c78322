import type { PublishedCount } from './api';
import type { PublicI18n } from './use-public-i18n';

/** Returns a published count as text: the number, or the word for a hidden cell. */
export function formatCount(i18n: PublicI18n, count: PublishedCount): string {
  return count.suppressed ? i18n.t('table.hidden') : i18n.formatNumber(count.value);
}

/** Returns metres as text ("3 500 m"), signed when `signed` ("−3 500 m", "+200 m"). */
export function formatMetres(i18n: PublicI18n, metres: number, signed = false): string {
  const text = `${i18n.formatNumber(Math.abs(metres))} m`;
  if (!signed || metres === 0) return text;
  return `${metres < 0 ? '−' : '+'}${text}`;
}

/** Returns a percentage as text in the current language ("60 %", "60%"). */
export function formatPercent(i18n: PublicI18n, percent: number): string {
  return i18n.formatNumber(percent / 100, { style: 'percent', maximumFractionDigits: 0 });
}
