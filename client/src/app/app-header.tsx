import { useState } from 'react';
import type { SessionUser } from '../features/auth/api';
import { useI18n } from '../lib/i18n';
import { LanguageSwitch } from './language-switch';
import { MainNav } from './main-nav';

export interface AppHeaderProps {
  user: SessionUser;
  permissions: string[];
  onLogout: () => Promise<void>;
}

/** The top bar of signed-in pages: app name, who is signed in and with which role, language, log out. */
export function AppHeader({ user, permissions, onLogout }: AppHeaderProps) {
  const { t, tEnum } = useI18n();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  async function handleLogout() {
    setBusy(true);
    setFailed(false);
    try {
      await onLogout();
    } catch (error) {
      console.error('logging out', error);
      setFailed(true);
      setBusy(false);
    }
  }

  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand__mark" aria-hidden="true" />
        <h1 className="brand__name">{t('app.name')}</h1>
        <span className="brand__tagline brand__tagline--header">{t('app.tagline')}</span>
      </div>
      <MainNav permissions={permissions} />
      <div className="app-header__actions">
        <LanguageSwitch />
        <p className="user-badge" data-testid="current-user">
          <span className="visually-hidden">{t('header.signedInAs')} </span>
          <span className="user-badge__name">{user.displayName || user.username}</span>
          <span className="visually-hidden">, {t('header.role')}: </span>
          <span className="user-badge__role">{tEnum('role', user.role)}</span>
        </p>
        <button type="button" className="button" onClick={handleLogout} disabled={busy}>
          {t('header.logout')}
        </button>
        {failed && (
          <p className="app-header__error" role="alert">
            {t('header.logoutError')}
          </p>
        )}
      </div>
    </header>
  );
}
