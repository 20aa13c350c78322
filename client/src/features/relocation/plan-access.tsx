import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { isAbortError } from '../../lib/api-client';
import { useI18n } from '../../lib/i18n';
import { planMoveColours } from '../../map/palette';
import { getPlanAccess, type PlanAccess } from '../access/api';
import { useBasemap } from '../public-map/use-basemap';
import type { PlanDetail } from './api';
import { formatMetres, formatSigned } from './format';

// MapLibre (~1 MB) loads only when a plan has a destination to draw.
const PlanMap = lazy(() => import('../../map/plan-map').then((module) => ({ default: module.PlanMap })));

interface GainRow {
  category: string;
  /** One of the categories this household needs (api/src/domain/candidate-score.ts accessCategoriesFor). */
  needed: boolean;
  originM: number | null;
  destinationM: number | null;
  originScore: number | null;
  destinationScore: number | null;
}

/** Returns the rows of the gain table: the access card's (with scores) when there is one, else the plan's own distances. */
function gainRows(plan: PlanDetail, access: PlanAccess | null): GainRow[] {
  const needed = new Set((plan.accessGain ?? []).map((c) => c.category));
  if (access?.gain) {
    const rows = access.gain.categories.map((c) => ({
      category: c.category,
      needed: needed.has(c.category),
      originM: c.originDistanceM,
      destinationM: c.destinationDistanceM,
      originScore: c.originScore,
      destinationScore: c.destinationScore,
    }));
    // The household's own needs first; the order within each group stays the API's.
    return [...rows.filter((r) => r.needed), ...rows.filter((r) => !r.needed)];
  }
  return (plan.accessGain ?? []).map((c) => ({
    category: c.category,
    needed: true,
    originM: c.originM,
    destinationM: c.destinationM,
    originScore: null,
    destinationScore: null,
  }));
}

/**
 * Where the household comes from and goes to: a small map of the settlement of origin and the matched
 * unit, and the access gain per service category — from GET /api/access/relocation-plans/:id (issue 4)
 * when available, otherwise the nearest-service distances the plan itself carries.
 */
export function PlanAccessSection({ plan, revision }: { plan: PlanDetail; revision: number }) {
  const i18n = useI18n();
  const { t, tEnum, formatNumber } = i18n;
  const hasUnit = plan.destination !== null;
  const [access, setAccess] = useState<PlanAccess | null>(null);
  const { styleUrl, basemap } = useBasemap(hasUnit);

  useEffect(() => {
    if (!hasUnit) return undefined;
    const controller = new AbortController();
    getPlanAccess(plan.id, controller.signal)
      .then(setAccess)
      .catch((caught: unknown) => {
        // The plan's own distances stand in when the access card cannot be computed.
        if (!isAbortError(caught)) setAccess(null);
      });
    return () => controller.abort();
  }, [plan.id, hasUnit, revision]);


  const originName = plan.origin?.name ?? '';
  const originPosition = plan.origin?.position;
  const destinationName = plan.destination ? `${plan.destination.code}, ${plan.destination.locality ?? ''}` : '';
  const destinationPosition = plan.destination?.position;
  const origin = useMemo(
    () => (originPosition ? { position: originPosition, name: originName } : null),
    // Positions arrive as new arrays on every reload; keyed on their values so the map refits only on a real change.
    [originPosition?.[0], originPosition?.[1], originName],
  );
  const destination = useMemo(
    () => (destinationPosition ? { position: destinationPosition, name: destinationName } : null),
    [destinationPosition?.[0], destinationPosition?.[1], destinationName],
  );
  const labels = useMemo(
    () => ({
      region: t('relocation.map.label'),
      zoomIn: t('relocation.map.zoomIn'),
      zoomOut: t('relocation.map.zoomOut'),
      resetBearing: t('relocation.map.resetBearing'),
      unsupported: t('relocation.map.unsupported'),
    }),
    [t],
  );
  const rows = gainRows(plan, access);
  const score = (value: number | null) => (value === null ? t('relocation.common.none') : formatNumber(value, { maximumFractionDigits: 0 }));

  return (
    <section className="rel-card" aria-labelledby="plan-access">
      <h2 id="plan-access">{t('relocation.access.heading')}</h2>
      {!hasUnit && <p className="rel-muted">{t('relocation.access.noUnit')}</p>}
      {hasUnit && (
        <div className="rel-stack">
          <div>
            <div className="rel-map">
              {styleUrl !== undefined && (
                <Suspense fallback={<p className="rel-muted">{t('relocation.common.loading')}</p>}>
                  <PlanMap styleUrl={styleUrl} basemap={basemap} origin={origin} destination={destination} labels={labels} />
                </Suspense>
              )}
            </div>
            <ul className="rel-legend" aria-label={t('relocation.map.legend')}>
              <li>
                <span className="rel-legend__dot" style={{ background: planMoveColours.origin }} aria-hidden="true" />
                {origin ? t('relocation.map.origin', { name: origin.name }) : t('relocation.map.legendOrigin')}
              </li>
              <li>
                <span className="rel-legend__dot" style={{ background: planMoveColours.destination }} aria-hidden="true" />
                {destination ? t('relocation.map.destination', { name: destination.name }) : t('relocation.map.legendDestination')}
              </li>
            </ul>
          </div>
          <div>
            {access?.gain && (
              <p>
                <strong>
                  {t('relocation.access.overall', {
                    origin: score(access.gain.originScore),
                    destination: score(access.gain.destinationScore),
                    change: formatSigned(i18n, access.gain.scoreChange, { maximumFractionDigits: 0 }),
                  })}
                </strong>
              </p>
            )}
            {rows.length > 0 && (
              <div className="rel-table-scroll">
                <table className="rel-table" data-testid="access-gain">
                  <caption className="visually-hidden">{t('relocation.access.table')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('relocation.access.col.category')}</th>
                      <th scope="col" className="rel-num">
                        {t('relocation.access.col.origin')}
                      </th>
                      <th scope="col" className="rel-num">
                        {t('relocation.access.col.destination')}
                      </th>
                      <th scope="col" className="rel-num">
                        {t('relocation.access.col.change')}
                      </th>
                      {access?.gain && (
                        <th scope="col" className="rel-num">
                          {t('relocation.access.col.score')}
                        </th>
                      )}
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((row) => {
                      const change = row.originM !== null && row.destinationM !== null ? row.destinationM - row.originM : null;
                      return (
                        <tr key={row.category}>
                          <th scope="row">
                            {tEnum('service.category', row.category)}
                            {row.needed && <span className="rel-help">{t('relocation.access.needed')}</span>}
                          </th>
                          <td className="rel-num">{formatMetres(i18n, row.originM)}</td>
                          <td className="rel-num">{formatMetres(i18n, row.destinationM)}</td>
                          <td className={`rel-num ${change === null ? '' : change < 0 ? 'rel-better' : change > 0 ? 'rel-worse' : ''}`}>
                            {change === null ? t('relocation.common.none') : `${formatSigned(i18n, Math.round(change / 10) * 10)} m`}
                          </td>
                          {access?.gain && (
                            <td className="rel-num">
                              {score(row.originScore)} → {score(row.destinationScore)}
                            </td>
                          )}
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
            <p className="rel-help">{t('relocation.access.method')}</p>
          </div>
        </div>
      )}
    </section>
  );
}
