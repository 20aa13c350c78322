import { useI18n } from '../../lib/i18n';
import type { SegregationReport } from './api';

type Concentration = SegregationReport['concentration'];

/** The buildings and zones over a concentration limit (and the busiest others), as one table. */
export function ConcentrationTable({ concentration, limit = 12 }: { concentration: Concentration; limit?: number }) {
  const { t, formatNumber } = useI18n();
  const yesNo = (over: boolean) => (over ? <strong className="segregation-over">{t('segregation.yes')}</strong> : t('segregation.no'));
  const buildings = concentration.buildings.slice(0, limit);
  const zones = concentration.zones.slice(0, limit);
  return (
    <>
      <p role="status">{concentration.flagged === 0 ? t('segregation.hotspots.none') : t('segregation.hotspots.flagged', { count: concentration.flagged })}</p>
      <div className="rel-table-scroll">
      <table className="rel-table segregation-concentration">
        <thead>
          <tr>
            <th scope="col">{t('segregation.col.place')}</th>
            <th scope="col">{t('segregation.col.households')}</th>
            <th scope="col">{t('segregation.col.within250m')}</th>
            <th scope="col">{t('segregation.col.per10k')}</th>
            <th scope="col">{t('segregation.col.limit')}</th>
            <th scope="col">{t('segregation.col.over')}</th>
          </tr>
        </thead>
        <tbody>
          {buildings.map((b) => (
            <tr key={`b-${b.building}`} data-over={b.over}>
              <th scope="row">{b.building}</th>
              <td>{formatNumber(b.households)}</td>
              <td>{formatNumber(b.within250m)}</td>
              <td>–</td>
              <td>
                {b.buildingLimit} / {b.nearLimit}
              </td>
              <td>{yesNo(b.over)}</td>
            </tr>
          ))}
          {zones.map((z) => (
            <tr key={`z-${z.zoneId}`} data-over={z.over}>
              <th scope="row">{z.name}</th>
              <td>{formatNumber(z.households)}</td>
              <td>–</td>
              <td>{z.per10k === null ? '–' : formatNumber(z.per10k, { maximumFractionDigits: 1 })}</td>
              <td>{z.limit ?? '–'}</td>
              <td>{yesNo(z.over)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </>
  );
}
