import type { I18n } from '../../lib/i18n';
import type { FieldSpec } from './layer-forms';

/** Returns a form value as a reader sees it: enumerations translated, booleans as yes/no, empty as a dash. */
export function formatValue(field: FieldSpec, value: string | boolean | undefined, i18n: I18n): string {
  if (field.kind === 'boolean') return i18n.t(value === true ? 'details.yes' : 'details.no');
  const text = typeof value === 'string' ? value.trim() : '';
  if (text === '') return i18n.t('details.none');
  if (field.kind === 'enum') return i18n.tEnum(field.prefix, text);
  if (field.kind === 'date') return i18n.formatDate(text);
  return text;
}

/** Returns a date-time of the audit log (ISO 8601) in the reader's language, with the time of day. */
export function formatMoment(iso: string, i18n: I18n): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(i18n.locale === 'ro' ? 'ro-RO' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}
