import type { I18n, Locale } from '../../lib/i18n';

// How the access feature writes distances and times. Straight-line distances are only estimates of
// a walk, so they are rounded: 10 m under 1 km, 0.1 km under 10 km, whole km beyond.

/** Returns a distance such as "850 m", "3,9 km" or "12 km"; "—" for null. */
export function formatDistance(distanceM: number | null | undefined, i18n: Pick<I18n, 'formatNumber'>): string {
  if (distanceM === null || distanceM === undefined) return '—';
  if (distanceM < 1000) return `${i18n.formatNumber(Math.round(distanceM / 10) * 10)} m`;
  const km = distanceM / 1000;
  return `${i18n.formatNumber(km, { maximumFractionDigits: km < 10 ? 1 : 0, minimumFractionDigits: km < 10 ? 1 : 0 })} km`;
}

/** Returns whole walking minutes (at least 1 for any distance above 0); null stays null. */
export function roundMinutes(minutes: number | null | undefined): number | null {
  if (minutes === null || minutes === undefined) return null;
  return minutes > 0 ? Math.max(1, Math.round(minutes)) : 0;
}

/** Returns a score 0–100 as a whole number, the precision a planner reads. */
export function formatScore(score: number, i18n: Pick<I18n, 'formatNumber'>): string {
  return i18n.formatNumber(Math.round(score));
}

/** Returns "Primul"/"Al 3-lea" (ro) or "1st"/"3rd" (en): the n of "n-th nearest". */
export function ordinal(n: number, locale: Locale): string {
  if (locale === 'ro') return n === 1 ? 'Primul' : `Al ${n}-lea`;
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}
