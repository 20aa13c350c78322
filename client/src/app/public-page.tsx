import { lazy, Suspense, useEffect, useState } from 'react';
import type { FeatureCollection } from 'geojson';
import { AccessChangeTable } from '../features/public-map/access-change-table';
import {
  getPublicMapContext,
  getPublicPageData,
  isStaticExport,
  type CountAreaProperties,
  type InterventionAreaProperties,
  type PublicConfig,
  type PublicPageData,
} from '../features/public-map/api';
import { AreaTable } from '../features/public-map/area-table';
import { formatPercent } from '../features/public-map/format-count';
import { InterventionAreasTable } from '../features/public-map/intervention-areas-table';
import { InterventionsTimeline } from '../features/public-map/interventions-timeline';
import { KeyFigures } from '../features/public-map/key-figures';
import { MapLegend } from '../features/public-map/map-legend';
import { ProgressChart } from '../features/public-map/progress-chart';
import { SegregationTrend } from '../features/public-map/segregation-trend';
import '../features/segregation/segregation.css';
import { PublicLanguageSwitch } from '../features/public-map/public-language-switch';
import { usePublicI18n, type PublicI18n } from '../features/public-map/use-public-i18n';
import { isAbortError } from '../lib/api-client';
import type { PublicMapViewName } from '../map/public-map-layers';
import { ROUTES } from './router';
import './app.css';
import '../features/public-map/public-page.css';

// MapLibre (~1 MB) loads on its own, so the figures and tables show first and work without WebGL.
const PublicMapView = lazy(() => import('../map/public-map-view').then((m) => ({ default: m.PublicMapView })));

const VIEWS: readonly PublicMapViewName[] = ['destinations', 'origins', 'interventions'];

type LoadState = { status: 'loading' } | { status: 'error' } | { status: 'ready'; data: PublicPageData };

function usePublicData(): [LoadState, () => void] {
  const [state, setState] = useState<LoadState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    getPublicPageData(controller.signal).then(
      (data) => setState({ status: 'ready', data }),
      (error: unknown) => {
        if (!isAbortError(error)) setState({ status: 'error' });
      },
    );
    return () => controller.abort();
  }, [attempt]);
  return [state, () => setAttempt((n) => n + 1)];
}

function useMapContext(): { config: PublicConfig; basemap: FeatureCollection } | null {
  const [context, setContext] = useState<{ config: PublicConfig; basemap: FeatureCollection } | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    // Without a basemap the map still shows the areas on a plain background.
    getPublicMapContext(controller.signal).then(setContext, () =>
      setContext({ config: { basemapStyleUrl: null }, basemap: { type: 'FeatureCollection', features: [] } }),
    );
    return () => controller.abort();
  }, []);
  return context;
}

function MapSection({ i18n, data }: { i18n: PublicI18n; data: PublicPageData }) {
  const { t } = i18n;
  const [view, setView] = useState<PublicMapViewName>('destinations');
  const context = useMapContext();
  const k = data.progress.disclosure.k;
  const viewName = t(`map.view.${view}`);
  const labels = {
    region: t('map.region', { view: viewName }),
    zoomIn: t('map.zoomIn'),
    zoomOut: t('map.zoomOut'),
    resetBearing: t('map.resetBearing'),
    unsupported: t('map.unsupported'),
  };
  const describe = (current: PublicMapViewName, properties: Record<string, unknown>) => {
    if (current === 'interventions') {
      const p = properties as unknown as InterventionAreaProperties;
      const progress = p.progressPct === null || p.progressPct === undefined ? t('legend.none') : formatPercent(i18n, Number(p.progressPct));
      return t('map.tooltip.progress', { name: p.name, progress });
    }
    const p = properties as unknown as CountAreaProperties;
    const count = (value: unknown, hiddenFlag: unknown) =>
      hiddenFlag === true || value === null || value === undefined ? t('table.hidden') : i18n.formatNumber(Number(value));
    return t('map.tooltip.count', { name: p.name, households: count(p.households, p.householdsHidden), people: count(p.people, p.peopleHidden) });
  };

  return (
    <section className="public-section" aria-labelledby="map-title">
      <h2 id="map-title">{t('map.title')}</h2>
      <fieldset className="view-switch">
        <legend className="view-switch__legend">{t('map.view')}</legend>
        {VIEWS.map((option) => (
          <label key={option} className="view-switch__option">
            <input type="radio" name="public-map-view" value={option} checked={view === option} onChange={() => setView(option)} />
            {t(`map.view.${option}`)}
          </label>
        ))}
      </fieldset>
      <div className="public-map">
        <div className="public-map__canvas">
          {context && (
            <Suspense fallback={<p role="status">{t('page.loading')}</p>}>
              <PublicMapView
                styleUrl={context.config.basemapStyleUrl}
                basemap={context.basemap}
                origins={data.origins}
                destinations={data.destinations}
                interventionAreas={data.interventionAreas}
                k={k}
                view={view}
                labels={labels}
                describe={describe}
              />
            </Suspense>
          )}
        </div>
        <MapLegend i18n={i18n} view={view} k={k} />
      </div>
      <p className="public-note">{t('map.tableNote')}</p>
      <div className="public-tables">
        <AreaTable i18n={i18n} caption={t('table.destinations')} table={data.progress.byDestination} testId="destinations-table" />
        <AreaTable i18n={i18n} caption={t('table.origins')} table={data.progress.byOrigin} testId="origins-table" />
        <InterventionAreasTable i18n={i18n} areas={data.interventionAreas} />
      </div>
      <p className="public-note">{t('table.hiddenNote', { k })}</p>
    </section>
  );
}

/** The public progress page at /public (and the page of the static export): no sign-in, aggregates only. */
export function PublicPage() {
  const i18n = usePublicI18n();
  const { t } = i18n;
  const [state, retry] = usePublicData();
  const exported = isStaticExport();

  useEffect(() => {
    document.title = `${t('page.title')} — Punte`;
  }, [t]);

  return (
    <div className="public-page">
      <a className="skip-link" href="#public-main">
        {t('page.skip')}
      </a>
      <header className="public-header">
        <p className="brand">
          <span className="brand__mark" aria-hidden="true" />
          <span className="brand__name">Punte</span>
        </p>
        <div className="public-header__actions">
          <PublicLanguageSwitch i18n={i18n} />
          {!exported && (
            <a className="public-header__link" href={ROUTES.login}>
              {t('page.signIn')}
            </a>
          )}
        </div>
      </header>
      <main id="public-main" className="public-main" tabIndex={-1}>
        <h1 className="public-title">{t('page.title')}</h1>
        <p className="public-intro">{t('page.intro')}</p>
        {state.status === 'loading' && <p role="status">{t('page.loading')}</p>}
        {state.status === 'error' && (
          <div role="alert" className="public-error">
            <p>{t('page.error')}</p>
            <button type="button" className="button button--primary" onClick={retry}>
              {t('page.retry')}
            </button>
          </div>
        )}
        {state.status === 'ready' && (
          <>
            <p className="public-as-of" data-testid="as-of">
              {t('page.asOf', { month: i18n.formatMonth(state.data.progress.asOfMonth) })} {t('page.demo')}
            </p>
            <section className="public-section" aria-labelledby="key-figures-title">
              <h2 id="key-figures-title">{t('kf.title')}</h2>
              <KeyFigures i18n={i18n} progress={state.data.progress} interventions={state.data.interventions} />
            </section>
            <section className="public-section" aria-labelledby="access-title">
              <h2 id="access-title">{t('access.title')}</h2>
              <p className="public-note">{t('access.intro')}</p>
              <AccessChangeTable i18n={i18n} progress={state.data.progress} />
            </section>
            <MapSection i18n={i18n} data={state.data} />
            <section className="public-section" aria-labelledby="chart-title">
              <h2 id="chart-title">{t('chart.title')}</h2>
              <ProgressChart i18n={i18n} progress={state.data.progress} />
            </section>
            <section className="public-section" aria-labelledby="segregation-title">
              <h2 id="segregation-title">{t('seg.title')}</h2>
              <SegregationTrend i18n={i18n} segregation={state.data.segregation} />
            </section>
            <section className="public-section" aria-labelledby="interventions-title">
              <h2 id="interventions-title">{t('iv.title')}</h2>
              <h3 className="public-subtitle">{t('iv.timeline')}</h3>
              <p className="public-note">{t('iv.timelineDesc')}</p>
              <InterventionsTimeline i18n={i18n} interventions={state.data.interventions} asOfMonth={state.data.progress.cutoffMonth} />
            </section>
            <section className="public-section" aria-labelledby="about-title">
              <h2 id="about-title">{t('about.title')}</h2>
              <ul className="public-list">
                <li>{t('about.areas')}</li>
                <li>{t('about.threshold', { k: state.data.progress.disclosure.k })}</li>
                <li>{t('about.months', { k: state.data.progress.disclosure.k })}</li>
              </ul>
            </section>
          </>
        )}
      </main>
      <footer className="public-footer">{t('page.footer')}</footer>
    </div>
  );
}
