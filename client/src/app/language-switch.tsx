import { LOCALES, useI18n, type Locale } from '../lib/i18n';

const shortNames: Record<Locale, string> = { ro: 'RO', en: 'EN' };

/** RO/EN toggle buttons; the pressed one is the active language. */
export function LanguageSwitch() {
  const { t, locale, setLocale } = useI18n();
  return (
    <div className="language-switch" role="group" aria-label={t('lang.label')}>
      {LOCALES.map((option) => (
        <button
          key={option}
          type="button"
          className="language-switch__button"
          aria-pressed={option === locale}
          lang={option}
          title={t(option === 'ro' ? 'lang.ro' : 'lang.en')}
          onClick={() => setLocale(option)}
        >
          {shortNames[option]}
        </button>
      ))}
    </div>
  );
}
