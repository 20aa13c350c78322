import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { useSession } from '../features/auth/use-session';
import { useI18n } from '../lib/i18n';
import { LoginPage } from './login-page';
import { findPage, findPublicPage } from './pages';
import { navigate, ROUTES, usePath } from './router';
import { SignedInLayout } from './signed-in-layout';
import './app.css';

// The map page carries MapLibre (~1 MB); loading it lazily keeps the login page light.
const MapPage = lazy(() => import('./map-page').then((module) => ({ default: module.MapPage })));

function FullPageMessage({ children }: { children: ReactNode }) {
  return <div className="full-page-message">{children}</div>;
}

/** The application shell: public pages without a session; otherwise checks the session and picks the page. */
export function App() {
  const path = usePath();
  const PublicPage = findPublicPage(path);
  if (PublicPage) {
    return (
      <Suspense fallback={<FullPageMessage>…</FullPageMessage>}>
        <PublicPage />
      </Suspense>
    );
  }
  return <SignedInApp path={path} />;
}

function SignedInApp({ path }: { path: string }) {
  const { t } = useI18n();
  const { state, recheck, signedIn, expired, logout } = useSession();
  const match = path === ROUTES.map ? null : findPage(path);

  useEffect(() => {
    if (state.status === 'anonymous' && path !== ROUTES.login) navigate(ROUTES.login, { replace: true });
    // After signing in (or on an unknown path) go to the map; known pages keep their deep link.
    if (state.status === 'authenticated' && path !== ROUTES.map && !match) navigate(ROUTES.map, { replace: true });
  }, [state.status, path, match]);

  const loading = (
    <FullPageMessage>
      <p role="status">{t('app.loading')}</p>
    </FullPageMessage>
  );
  switch (state.status) {
    case 'checking':
      return loading;
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
    case 'authenticated': {
      if (match) {
        const Page = match.page.component;
        return (
          <SignedInLayout session={state.session} onLogout={logout} titleKey={match.page.titleKey}>
            <Suspense fallback={loading}>
              <Page session={state.session} params={match.params} onSessionExpired={expired} />
            </Suspense>
          </SignedInLayout>
        );
      }
      return (
        <Suspense fallback={loading}>
          <MapPage session={state.session} onLogout={logout} onSessionExpired={expired} />
        </Suspense>
      );
    }
  }
}
