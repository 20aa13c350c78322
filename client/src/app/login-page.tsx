import { useEffect } from 'react';
import type { Session } from '../features/auth/api';
import { LoginForm } from '../features/auth/login-form';
import { useI18n } from '../lib/i18n';
import { LanguageSwitch } from './language-switch';
import { ROUTES } from './router';

export interface LoginPageProps {
  onSignedIn: (session: Session) => void;
}

/** The `/login` page: brand, language switch and the sign-in form. */
export function LoginPage({ onSignedIn }: LoginPageProps) {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${t('login.title')} — ${t('app.name')}`;
  }, [t]);

  return (
    <div className="login-page">
      <div className="login-page__language">
        <LanguageSwitch />
      </div>
      <main className="login-card" aria-labelledby="login-title">
        <p className="brand">
          <span className="brand__mark" aria-hidden="true" />
          <span className="brand__name">{t('app.name')}</span>
        </p>
        <p className="brand__tagline">{t('app.tagline')}</p>
        <h1 id="login-title" className="login-card__title">
          {t('login.title')}
        </h1>
        <p className="login-card__intro">{t('login.intro')}</p>
        <LoginForm onSignedIn={onSignedIn} />
        <p className="login-card__public">
          <a className="login-page__public-link" href={ROUTES.public}>
            {t('public.link')}
          </a>
        </p>
      </main>
    </div>
  );
}
