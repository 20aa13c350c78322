/**
 * The public page's language: Romanian, English or Hungarian. Choosing RO or EN also switches the
 * signed-in app's language (lib/i18n.ts), so the login page follows; Hungarian exists only here.
 * The choice is kept in localStorage and mirrored to `<html lang>` for screen readers.
 */
import { useEffect, useSyncExternalStore } from 'react';
import { getLocale, setLocale as setAppLocale } from '../../lib/i18n';
import { publicEn, publicHu, publicRo, type PublicMessageKey, type PublicMessages } from './public-messages';

export type PublicLocale = 'ro' | 'en' | 'hu';
export const PUBLIC_LOCALES: readonly PublicLocale[] = ['ro', 'en', 'hu'];
/** The name of each language in itself, for the switch. */
export const LOCALE_NAMES: Record<PublicLocale, string> = { ro: 'Română', en: 'English', hu: 'Magyar' };

const STORAGE_KEY = 'punte.publicLocale';
const dictionaries: Record<PublicLocale, PublicMessages> = { ro: publicRo, en: publicEn, hu: publicHu };
const intlTags: Record<PublicLocale, string> = { ro: 'ro-RO', en: 'en-GB', hu: 'hu-HU' };

function isPublicLocale(value: unknown): value is PublicLocale {
  return value === 'ro' || value === 'en' || value === 'hu';
}

function readInitialLocale(): PublicLocale {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (isPublicLocale(stored)) return stored;
  } catch {
    // Storage may be disabled; fall back to the app's language.
  }
  return getLocale();
}

let current: PublicLocale = readInitialLocale();
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Switches the public page's language (and the app's, for RO and EN). */
export function setPublicLocale(locale: PublicLocale): void {
  if (locale === current) return;
  current = locale;
  if (locale !== 'hu') setAppLocale(locale);
  document.documentElement.lang = locale;
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not remembered, but applied to this visit.
  }
  listeners.forEach((listener) => listener());
}

export type PublicI18n = {
  locale: PublicLocale;
  t: (key: PublicMessageKey, params?: Record<string, string | number>) => string;
  /** A translated enumeration (`ivType.housing`), or the raw value when unknown. */
  tEnum: (prefix: string, value: string) => string;
  formatNumber: (value: number, options?: Intl.NumberFormatOptions) => string;
  /** 'YYYY-MM' as "March 2025" in the current language. */
  formatMonth: (month: string, style?: 'long' | 'short') => string;
};

/** Returns the public page's translation helpers; re-renders the caller when the language changes. */
export function usePublicI18n(): PublicI18n {
  const locale = useSyncExternalStore(subscribe, () => current, () => current);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const dictionary = dictionaries[locale];
  const tag = intlTags[locale];
  return {
    locale,
    t: (key, params) =>
      dictionary[key].replace(/\{(\w+)\}/g, (match, name: string) => (params && name in params ? String(params[name]) : match)),
    tEnum: (prefix, value) => {
      const key = `${prefix}.${value}`;
      return key in dictionary ? dictionary[key as PublicMessageKey] : value;
    },
    formatNumber: (value, options) => new Intl.NumberFormat(tag, options).format(value),
    formatMonth: (month, style = 'long') => {
      const date = new Date(`${month}-01T00:00:00Z`);
      if (Number.isNaN(date.getTime())) return month;
      return new Intl.DateTimeFormat(tag, { year: 'numeric', month: style, timeZone: 'UTC' }).format(date);
    },
  };
}
