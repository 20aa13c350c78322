import type { FeatureCollection } from 'geojson';
import type { InterventionAreaProperties } from './api';
import { formatPercent } from './format-count';
import type { PublicI18n } from './use-public-i18n';

/** The table of intervention areas with their number of interventions and mean progress (the map's third view). */
export function InterventionAreasTable({ i18n, areas }: { i18n: PublicI18n; areas: FeatureCollection }) {
  const { t } = i18n;
  const rows = areas.features.map((f) => f.properties as InterventionAreaProperties);
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="intervention-areas-table">
        <caption>{t('table.interventionAreas')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('table.area')}</th>
            <th scope="col" className="num">
              {t('table.interventions')}
            </th>
            <th scope="col" className="num">
              {t('table.progress')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key} data-key={row.key}>
              <th scope="row">{row.name}</th>
              <td className="num">{i18n.formatNumber(row.interventions)}</td>
              <td className="num">{row.progressPct === null ? t('legend.none') : formatPercent(i18n, row.progressPct)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
