import { LOCALE_NAMES, PUBLIC_LOCALES, setPublicLocale, type PublicI18n } from './use-public-i18n';

/** RO/EN/HU toggle buttons of the public page; the pressed one is the active language. */
export function PublicLanguageSwitch({ i18n }: { i18n: PublicI18n }) {
  return (
    <div className="language-switch" role="group" aria-label={i18n.t('lang.label')}>
      {PUBLIC_LOCALES.map((option) => (
        <button
          key={option}
          type="button"
          className="language-switch__button"
          aria-pressed={option === i18n.locale}
          lang={option}
          title={LOCALE_NAMES[option]}
          onClick={() => setPublicLocale(option)}
        >
          {option.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
