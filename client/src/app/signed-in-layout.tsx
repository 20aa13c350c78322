import { useEffect, type ReactNode } from 'react';
import type { Session } from '../features/auth/api';
import { useI18n, type MessageKey } from '../lib/i18n';
import { AppHeader } from './app-header';

export interface SignedInLayoutProps {
  session: Session;
  onLogout: () => Promise<void>;
  titleKey: MessageKey;
  children: ReactNode;
}

/** The frame of signed-in pages other than the map: header with navigation, then the page. */
export function SignedInLayout({ session, onLogout, titleKey, children }: SignedInLayoutProps) {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${t(titleKey)} — ${t('app.name')}`;
  }, [t, titleKey]);
  return (
    <div className="page-layout">
      <AppHeader user={session.user} permissions={session.permissions} onLogout={onLogout} />
      <main className="page-layout__main" id="main">
        {children}
      </main>
    </div>
  );
}
