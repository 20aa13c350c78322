import { useCallback, useEffect, useId, useState } from 'react';
import { ApiError, isAbortError } from '../../lib/api-client';
import { useI18n } from '../../lib/i18n';
import { listHousingUnits, type HousingUnitCollection } from '../housing-units/api';
import { getAccessComparison, type AccessComparison } from './api';
import { ComparisonChart } from './comparison-chart';
import { COMPARISON_KINDS, comparisonKindColours } from './comparison-rows';
import { ComparisonTable } from './comparison-table';
import './access.css';

type Load<T> = { status: 'loading'; previous?: T } | { status: 'ready'; data: T } | { status: 'error'; message: string; previous?: T };

const PAGE_PATH = '/access/comparison';

/** Returns the housing unit ids in `?units=1,2`, ignoring anything that is not a positive whole number. */
function unitsFromUrl(): number[] {
  const raw = new URLSearchParams(window.location.search).get('units') ?? '';
  return [...new Set(raw.split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0))];
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The access comparison (`/access/comparison`): the Pata Rât communities beside the city average, each
 * locality and the housing units the user adds, as a table and a bar chart per category. The chosen
 * units live in the URL (`?units=`), so a comparison can be linked and reloaded.
 */
export function AccessComparisonPage({ onSessionExpired }: { onSessionExpired: () => void }) {
  const i18n = useI18n();
  const { t, tEnum, formatNumber } = i18n;
  const pickId = useId();
  const [unitIds, setUnitIds] = useState<number[]>(unitsFromUrl);
  const [picked, setPicked] = useState('');
  const [comparison, setComparison] = useState<Load<AccessComparison>>({ status: 'loading' });
  const [units, setUnits] = useState<Load<HousingUnitCollection>>({ status: 'loading' });

  const failed = useCallback(
    (error: unknown) => {
      if (error instanceof ApiError && error.status === 401) onSessionExpired();
      return messageOf(error);
    },
    [onSessionExpired],
  );

  useEffect(() => {
    const controller = new AbortController();
    listHousingUnits(controller.signal)
      .then((data) => setUnits({ status: 'ready', data }))
      .catch((error: unknown) => {
        if (!isAbortError(error)) setUnits({ status: 'error', message: failed(error) });
      });
    return () => controller.abort();
  }, [failed]);

  useEffect(() => {
    const controller = new AbortController();
    // Keep the last table on screen while the next one is computed.
    setComparison((current) => ({ status: 'loading', previous: current.status === 'ready' ? current.data : current.previous }));
    const query = unitIds.length > 0 ? `?units=${unitIds.join(',')}` : '';
    if (window.location.pathname === PAGE_PATH && window.location.search !== query) {
      window.history.replaceState(null, '', `${PAGE_PATH}${query}`);
    }
    getAccessComparison(unitIds, controller.signal)
      .then((data) => setComparison({ status: 'ready', data }))
      .catch((error: unknown) => {
        if (isAbortError(error)) return;
        const message = failed(error);
        setComparison((current) => ({ status: 'error', message, previous: current.status === 'loading' ? current.previous : undefined }));
      });
    return () => controller.abort();
  }, [unitIds, failed]);

  const unitFeatures = units.status === 'ready' ? units.data.features : [];
  const codeOf = (id: number) => unitFeatures.find((f) => f.id === id)?.properties.code ?? `#${id}`;
  const shown = comparison.status === 'ready' ? comparison.data : comparison.previous;
  const addUnit = () => {
    const id = Number(picked);
    if (Number.isInteger(id) && id > 0 && !unitIds.includes(id)) setUnitIds([...unitIds, id]);
    setPicked('');
  };

  return (
    <div className="access-comparison">
      <header>
        <h1>{t('access.comparison.title')}</h1>
        <p className="access-comparison__intro">{t('access.comparison.intro')}</p>
      </header>

      <section aria-labelledby={`${pickId}-units`}>
        <h2 id={`${pickId}-units`}>{t('access.comparison.units')}</h2>
        {units.status === 'error' ? (
          <p role="alert">{t('access.comparison.unitsError', { message: units.message })}</p>
        ) : (
          <form
            className="access-units"
            onSubmit={(event) => {
              event.preventDefault();
              addUnit();
            }}
          >
            <div className="field">
              <label htmlFor={pickId}>{t('access.comparison.pickUnit')}</label>
              <select id={pickId} value={picked} onChange={(event) => setPicked(event.target.value)} disabled={units.status === 'loading'}>
                <option value="">{t('access.comparison.pickPlaceholder')}</option>
                {unitFeatures
                  .filter((f) => !unitIds.includes(f.id))
                  .map((f) => (
                    <option key={f.id} value={f.id}>
                      {[f.properties.code, f.properties.address, f.properties.locality].filter(Boolean).join(' — ')}
                    </option>
                  ))}
              </select>
            </div>
            <button type="submit" className="button" disabled={picked === ''}>
              {t('access.comparison.addUnit')}
            </button>
          </form>
        )}
        {unitIds.length === 0 ? (
          <p className="access-help">{t('access.comparison.noUnits')}</p>
        ) : (
          <ul className="access-units__chosen">
            {unitIds.map((id) => (
              <li key={id} className="access-units__chip">
                {codeOf(id)}
                <button
                  type="button"
                  className="icon-button"
                  aria-label={t('access.comparison.removeUnit', { code: codeOf(id) })}
                  onClick={() => setUnitIds(unitIds.filter((u) => u !== id))}
                >
                  <span aria-hidden="true">×</span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>

      {comparison.status === 'loading' && (
        <p role="status" className="access-status--busy">
          {t('access.comparison.loading')}
        </p>
      )}
      {comparison.status === 'error' && <p role="alert">{t('access.comparison.error', { message: comparison.message })}</p>}

      {shown && (
        <>
          <section aria-labelledby={`${pickId}-table`}>
            <h2 id={`${pickId}-table`}>{t('access.comparison.tableHeading')}</h2>
            <p className="access-help">{t('access.comparison.method', { speed: formatNumber(shown.walkingSpeedKmh) })}</p>
            <ComparisonTable comparison={shown} />
          </section>

          <section aria-labelledby={`${pickId}-charts`}>
            <h2 id={`${pickId}-charts`}>{t('access.comparison.chartsHeading')}</h2>
            <ul className="access-chart-legend" aria-label={t('access.comparison.chartLegend')}>
              {COMPARISON_KINDS.filter((kind) => shown.rows.some((r) => r.kind === kind)).map((kind) => (
                <li key={kind}>
                  <span className="access-key" style={{ background: comparisonKindColours[kind] }} aria-hidden="true" />
                  {tEnum('access.comparison.kind', kind)}
                </li>
              ))}
            </ul>
            <div className="access-charts">
              <ComparisonChart
                title={t('access.comparison.chartTitle', { category: t('access.comparison.chartOverall') })}
                rows={shown.rows}
                scoreOf={(row) => row.score}
              />
              {shown.categories.map((category) => (
                <ComparisonChart
                  key={category}
                  title={t('access.comparison.chartTitle', { category: tEnum('service.category', category) })}
                  rows={shown.rows}
                  scoreOf={(row) => row.categories.find((c) => c.category === category)?.score ?? null}
                />
              ))}
            </div>
          </section>
        </>
      )}
    </div>
  );
}
