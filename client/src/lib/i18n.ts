/**
 * The one translation module: Romanian by default, English on request, the choice kept in
 * localStorage and mirrored to `<html lang>` so screen readers pick the right voice.
 *
 * A tiny external store (useSyncExternalStore) instead of a context provider: any component can
 * call `useI18n()` without being wrapped, and switching language re-renders every subscriber.
 */
import { useSyncExternalStore } from 'react';
import { en } from './i18n/en';
import { ro, type MessageKey, type Messages } from './i18n/ro';

export type { MessageKey } from './i18n/ro';
export type Locale = 'ro' | 'en';
export type TranslateParams = Record<string, string | number>;

export const LOCALES: readonly Locale[] = ['ro', 'en'];
const DEFAULT_LOCALE: Locale = 'ro';
const STORAGE_KEY = 'punte.locale';
const dictionaries: Record<Locale, Messages> = { ro, en };
// BCP 47 tags for Intl: en-GB keeps day-month-year dates and metric conventions for a European audience.
const intlTags: Record<Locale, string> = { ro: 'ro-RO', en: 'en-GB' };

function isLocale(value: unknown): value is Locale {
  return value === 'ro' || value === 'en';
}

function readStoredLocale(): Locale {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(stored) ? stored : DEFAULT_LOCALE;
  } catch {
    // Storage can be disabled (private mode, strict cookie settings); the default is fine then.
    return DEFAULT_LOCALE;
  }
}

let currentLocale: Locale = readStoredLocale();
const listeners = new Set<() => void>();
document.documentElement.lang = currentLocale;

/** Returns the active locale. */
export function getLocale(): Locale {
  return currentLocale;
}

/** Switches the UI language, remembers it, and updates `<html lang>`. */
export function setLocale(locale: Locale): void {
  if (locale === currentLocale) return;
  currentLocale = locale;
  document.documentElement.lang = locale;
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not remembered across visits, but the switch still applies to this page.
  }
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function interpolate(template: string, params?: TranslateParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}

/** Returns the string for `key` in `locale`, with `{name}` placeholders filled from `params`. */
export function translate(locale: Locale, key: MessageKey, params?: TranslateParams): string {
  return interpolate(dictionaries[locale][key], params);
}

/**
 * Returns the translation of an enumerated API value (`prefix.value`, e.g. `service.category.school`),
 * or the raw value when the dictionary does not know it, so new server-side values still display.
 */
export function translateEnum(locale: Locale, prefix: string, value: string): string {
  const key = `${prefix}.${value}`;
  const dictionary = dictionaries[locale];
  return key in dictionary ? dictionary[key as MessageKey] : value;
}

export interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: (key: MessageKey, params?: TranslateParams) => string;
  tEnum: (prefix: string, value: string) => string;
  formatNumber: (value: number, options?: Intl.NumberFormatOptions) => string;
  formatDate: (value: string) => string;
}

function formatDateIn(locale: Locale, value: string): string {
  // Date-only strings (YYYY-MM-DD) are parsed as UTC midnight; format in UTC so the day does not shift.
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  return new Intl.DateTimeFormat(intlTags[locale], {
    dateStyle: 'long',
    ...(dateOnly ? { timeZone: 'UTC' } : { timeStyle: 'short' }),
  }).format(date);
}

/** Returns translation helpers bound to the current locale; re-renders the caller when it changes. */
export function useI18n(): I18n {
  const locale = useSyncExternalStore(subscribe, getLocale, getLocale);
  return {
    locale,
    setLocale,
    t: (key, params) => translate(locale, key, params),
    tEnum: (prefix, value) => translateEnum(locale, prefix, value),
    formatNumber: (value, options) => new Intl.NumberFormat(intlTags[locale], options).format(value),
    formatDate: (value) => formatDateIn(locale, value),
  };
}
