import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { isStaticExport } from './features/public-map/api';
import './styles/base.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

// A static export of the public page (scripts/export-public.ts, issue 6) has no API and no sign-in:
// whatever its URL, it shows the public page. Live, /public is one of the app's PUBLIC_PAGES.
const PublicPage = lazy(() => import('./app/public-page').then((module) => ({ default: module.PublicPage })));

createRoot(root).render(
  <StrictMode>
    {isStaticExport() ? (
      <Suspense fallback={null}>
        <PublicPage />
      </Suspense>
    ) : (
      <App />
    )}
  </StrictMode>,
);
