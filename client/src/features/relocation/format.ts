import { todayInCity } from '../../../../contracts/city-date';
import { ApiError } from '../../lib/api-client';
import type { I18n } from '../../lib/i18n';

/** Returns a sentence for a failed request: the problem's detail, or its title, or the message. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.detail ?? error.title;
  return error instanceof Error ? error.message : String(error);
}

/** Returns today's date in Cluj-Napoca as 'YYYY-MM-DD' (for date inputs): the same "today" the server checks. */
export function todayIso(): string {
  return todayInCity();
}

/** Returns a distance in metres, rounded to 10 m, or the dash for none. */
export function formatMetres(i18n: I18n, value: number | null | undefined): string {
  if (value === null || value === undefined) return i18n.t('relocation.common.none');
  return i18n.t('relocation.access.metres', { value: i18n.formatNumber(Math.round(value / 10) * 10) });
}

/** Returns a signed number (+3, −2) for changes. */
export function formatSigned(i18n: I18n, value: number, options?: Intl.NumberFormatOptions): string {
  const text = i18n.formatNumber(Math.abs(value), options);
  if (value > 0) return `+${text}`;
  if (value < 0) return `−${text}`;
  return text;
}
