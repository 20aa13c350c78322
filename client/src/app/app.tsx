import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { useSession } from '../features/auth/use-session';
import { useI18n } from '../lib/i18n';
import { LoginPage } from './login-page';
import { navigate, ROUTES, usePath } from './router';
import './app.css';

// The map page carries MapLibre (~1 MB); loading it lazily keeps the login page light.
const MapPage = lazy(() => import('./map-page').then((module) => ({ default: module.MapPage })));

function FullPageMessage({ children }: { children: ReactNode }) {
  return <div className="full-page-message">{children}</div>;
}

/** The application shell: checks the session, keeps the URL in step with it, and picks the page. */
export function App() {
  const { t } = useI18n();
  const { state, recheck, signedIn, expired, logout } = useSession();
  const path = usePath();

  useEffect(() => {
    if (state.status === 'anonymous' && path !== ROUTES.login) navigate(ROUTES.login, { replace: true });
    if (state.status === 'authenticated' && path !== ROUTES.map) navigate(ROUTES.map, { replace: true });
  }, [state.status, path]);

  switch (state.status) {
    case 'checking':
      return (
        <FullPageMessage>
          <p role="status">{t('app.loading')}</p>
        </FullPageMessage>
      );
    case 'error':
      return (
        <FullPageMessage>
          <p role="alert">{t('app.sessionError')}</p>
          <button type="button" className="button button--primary" onClick={recheck}>
            {t('app.retry')}
          </button>
        </FullPageMessage>
      );
    case 'anonymous':
      return <LoginPage onSignedIn={signedIn} />;
    case 'authenticated':
      return (
        <Suspense
          fallback={
            <FullPageMessage>
              <p role="status">{t('app.loading')}</p>
            </FullPageMessage>
          }
        >
          <MapPage session={state.session} onLogout={logout} onSessionExpired={expired} />
        </Suspense>
      );
  }
}
