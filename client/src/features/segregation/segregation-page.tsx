import type { FeatureCollection } from 'geojson';
import { lazy, Suspense, useId, useMemo, useState } from 'react';
import { useI18n } from '../../lib/i18n';
import { LOCATION_QUOTIENT_CLASSES, LOCATION_QUOTIENT_NONE, CONCENTRATION_HOTSPOT_COLOUR, segregationSeriesColours } from '../../map/palette';
import { useBasemap } from '../public-map/use-basemap';
import { LoadStatus } from '../relocation/load-status';
import { useResource } from '../relocation/use-resource';
import { getSegregation, UNIT_LEVELS, type SegregationReport, type UnitLevel } from './api';
import { formatIndex } from './format-index';
import { ConcentrationTable } from './concentration-table';
import { IndexFigures } from './index-figures';
import { SeriesChart } from './series-chart';
import { SimulationPanel } from './simulation-panel';
import '../relocation/relocation.css';
import './segregation.css';

const SegregationMap = lazy(() => import('../../map/segregation-map').then((module) => ({ default: module.SegregationMap })));

/** The areas of a report as GeoJSON for the map, with their quotient and small flag. */
function areaFeatures(report: SegregationReport): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: report.areas.flatMap((area) =>
      area.geometry
        ? [{ type: 'Feature' as const, properties: { key: area.key, name: area.name, lq: area.locationQuotient, small: area.small }, geometry: area.geometry as unknown as GeoJSON.Geometry }]
        : [],
    ),
  };
}

function hotspotFeatures(report: SegregationReport): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: report.concentration.buildings
      .filter((b) => b.over)
      .map((b) => ({ type: 'Feature' as const, properties: { building: b.building, households: b.households }, geometry: { type: 'Point' as const, coordinates: [b.lon, b.lat] } })),
  };
}

/**
 * The segregation analysis (`/analysis/segregation`, issue 12): the indices of a month with plain
 * explanations, their series since the first move, the location quotient map with the concentration
 * hot spots, the counts behind it all, and the simulation of proposed moves.
 */
export function SegregationPage({ onSessionExpired }: { onSessionExpired: () => void }) {
  const i18n = useI18n();
  const { t, tEnum, formatNumber } = i18n;
  const unitsId = useId();
  const atId = useId();
  const [units, setUnits] = useState<UnitLevel>('neighbourhood');
  const [at, setAt] = useState('');
  const report = useResource(`${units}|${at}`, (signal) => getSegregation(units, at || null, signal), onSessionExpired);
  const { styleUrl, basemap } = useBasemap();


  const data = report.data;
  const areas = useMemo(() => (data ? areaFeatures(data) : null), [data]);
  const hotspots = useMemo(() => (data ? hotspotFeatures(data) : null), [data]);
  const labels = {
    region: t('segregation.mapRegion'),
    zoomIn: t('relocation.map.zoomIn'),
    zoomOut: t('relocation.map.zoomOut'),
    resetBearing: t('relocation.map.resetBearing'),
    unsupported: t('relocation.map.unsupported'),
  };
  const persons = data ? data.areas.reduce((sum, a) => sum + a.group, 0) + data.unassigned.persons : 0;
  const quotientClasses = LOCATION_QUOTIENT_CLASSES.map((c, i) => ({
    colour: c.colour,
    label: i === 0 ? `< ${formatNumber(c.below)}` : Number.isFinite(c.below) ? `${formatNumber(LOCATION_QUOTIENT_CLASSES[i - 1]?.below ?? 0)}–${formatNumber(c.below)}` : `≥ ${formatNumber(LOCATION_QUOTIENT_CLASSES[i - 1]?.below ?? 0)}`,
  }));

  return (
    <div className="segregation-page">
      <h1>{t('segregation.title')}</h1>
      <p className="segregation-intro">{t('segregation.intro')}</p>

      <form className="segregation-controls" onSubmit={(event) => event.preventDefault()}>
        <label htmlFor={unitsId}>{t('segregation.units')}</label>
        <select id={unitsId} value={units} onChange={(event) => setUnits(event.target.value as UnitLevel)}>
          {UNIT_LEVELS.map((level) => (
            <option key={level} value={level}>
              {tEnum('segregation.units', level)}
            </option>
          ))}
        </select>
        <label htmlFor={atId}>{t('segregation.at')}</label>
        <input id={atId} type="month" min="2014-01" value={at || (data?.at ?? '')} onChange={(event) => setAt(event.target.value)} />
      </form>

      <LoadStatus status={report.status} error={report.error} />
      {report.status === 'loading' && data && (
        <p role="status" className="rel-muted">
          {t('segregation.loading')}
        </p>
      )}

      {data && (
        <>
          <p>
            {t('segregation.groupHouseholds', { count: formatNumber(data.groupHouseholds), persons: formatNumber(persons) })}
            {data.unassigned.households > 0 && ` ${t('segregation.unassigned', { count: data.unassigned.households })}`}
          </p>

          <section aria-labelledby={`${atId}-indices`}>
            <h2 id={`${atId}-indices`}>{t('segregation.indices', { month: data.at })}</h2>
            <IndexFigures indices={data.indices} spatialRadiusM={data.parameters.spatialRadiusM} />
          </section>

          <section aria-labelledby={`${atId}-series`}>
            <h2 id={`${atId}-series`}>{t('segregation.series')}</h2>
            <SeriesChart
              title={t('segregation.series')}
              description={t('segregation.series.desc', { month: data.at })}
              months={data.series.map((p) => p.month)}
              lines={[
                { key: 'dissimilarity', label: t('segregation.index.dissimilarity'), colour: segregationSeriesColours.dissimilarity, width: 5, values: data.series.map((p) => p.dissimilarity) },
                { key: 'isolation', label: t('segregation.index.isolation'), colour: segregationSeriesColours.isolation, width: 3, values: data.series.map((p) => p.isolation) },
                { key: 'correlationRatio', label: t('segregation.index.correlationRatio'), colour: segregationSeriesColours.correlationRatio, dash: '5 3', width: 1.5, values: data.series.map((p) => p.correlationRatio) },
              ]}
            />
            <p className="rel-muted">
              {data.series[0]?.month}: D {formatIndex(data.series[0]?.dissimilarity, i18n)}, {formatNumber(data.series[0]?.relocatedHouseholds ?? 0)} {t('segregation.series.relocated')} ·{' '}
              {data.series.at(-1)?.month}: D {formatIndex(data.series.at(-1)?.dissimilarity, i18n)}, {formatNumber(data.series.at(-1)?.relocatedHouseholds ?? 0)} {t('segregation.series.relocated')}
            </p>
          </section>

          <section aria-labelledby={`${atId}-map`} className="segregation-map-section">
            <h2 id={`${atId}-map`}>{t('segregation.map')}</h2>
            <p className="rel-muted">{t('segregation.map.help', { min: data.parameters.minUnitPopulation })}</p>
            <div className="segregation-map-box">
              {styleUrl !== undefined && areas && hotspots && (
                <Suspense fallback={<p className="rel-muted">{t('segregation.loading')}</p>}>
                  <SegregationMap styleUrl={styleUrl} basemap={basemap} areas={areas} hotspots={hotspots} labels={labels} />
                </Suspense>
              )}
              <div className="segregation-legend" aria-label={t('segregation.map')}>
                <p className="segregation-legend__title">{t('segregation.col.lq')}</p>
                <ul>
                  <li>
                    <span className="segregation-swatch" style={{ background: LOCATION_QUOTIENT_NONE }} aria-hidden="true" />
                    {t('segregation.legend.none')}
                  </li>
                  {quotientClasses.map((c) => (
                    <li key={c.colour}>
                      <span className="segregation-swatch" style={{ background: c.colour }} aria-hidden="true" />
                      {c.label}
                    </li>
                  ))}
                  <li>
                    <span className="segregation-swatch segregation-swatch--dot" style={{ background: CONCENTRATION_HOTSPOT_COLOUR }} aria-hidden="true" />
                    {t('segregation.legend.hotspot')}
                  </li>
                </ul>
              </div>
            </div>
            <details className="segregation-areas">
              <summary>{t('segregation.areas')}</summary>
              <div className="rel-table-scroll">
              <table className="rel-table">
                <thead>
                  <tr>
                    <th scope="col">{t('segregation.col.unit')}</th>
                    <th scope="col">{t('segregation.col.population')}</th>
                    <th scope="col">{t('segregation.col.group')}</th>
                    <th scope="col">{t('segregation.col.households')}</th>
                    <th scope="col">{t('segregation.col.lq')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.areas
                    .filter((a) => a.group > 0 || data.level !== 'hex')
                    .map((area) => (
                      <tr key={area.key}>
                        <th scope="row">
                          {area.name}
                          {area.small && <span className="rel-muted"> ({t('segregation.small')})</span>}
                        </th>
                        <td>{formatNumber(Math.round(area.population))}</td>
                        <td>{formatNumber(area.group)}</td>
                        <td>{formatNumber(area.households)}</td>
                        <td>{area.locationQuotient === null ? '–' : formatNumber(area.locationQuotient, { maximumFractionDigits: 1 })}</td>
                      </tr>
                    ))}
                </tbody>
              </table>
              </div>
            </details>
          </section>

          <section aria-labelledby={`${atId}-hotspots`}>
            <h2 id={`${atId}-hotspots`}>{t('segregation.hotspots')}</h2>
            <p className="rel-muted">
              {t('segregation.hotspots.help', {
                building: data.concentration.limits.building,
                near: data.concentration.limits.near,
                neighbourhood: data.concentration.limits.neighbourhoodPer10k,
                locality: data.concentration.limits.localityPer10k,
              })}
            </p>
            <ConcentrationTable concentration={data.concentration} />
          </section>
        </>
      )}

      <SimulationPanel units={units} onSessionExpired={onSessionExpired} />
    </div>
  );
}
