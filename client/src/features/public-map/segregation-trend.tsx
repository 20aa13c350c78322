import { SeriesChart } from '../segregation/series-chart';
import { segregationSeriesColours } from '../../map/palette';
import type { PublicSegregation } from './api';
import type { PublicI18n } from './use-public-i18n';

/**
 * The public segregation trend (issue 12): D and isolation over localities by published month, as a
 * chart and, for screen readers and the curious, as a table of the same values.
 */
export function SegregationTrend({ i18n, segregation }: { i18n: PublicI18n; segregation: PublicSegregation }) {
  const { t } = i18n;
  const series = segregation.series;
  const format = (value: number | null) => (value === null ? '–' : i18n.formatNumber(value, { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
  if (series.length === 0) return <p className="public-note">{t('seg.none')}</p>;
  const first = series[0]?.month as string;
  const last = series.at(-1)?.month as string;
  return (
    <>
      <p className="public-note">{t('seg.intro')}</p>
      <SeriesChart
        title={t('seg.title')}
        description={t('seg.desc', { first: i18n.formatMonth(first), last: i18n.formatMonth(last) })}
        months={series.map((p) => p.month)}
        lines={[
          { key: 'dissimilarity', label: t('seg.dissimilarity'), colour: segregationSeriesColours.dissimilarity, width: 3, values: series.map((p) => p.dissimilarity) },
          { key: 'isolation', label: t('seg.isolation'), colour: segregationSeriesColours.isolation, width: 2, values: series.map((p) => p.isolation) },
        ]}
      />
      <p className="public-note">{t('seg.note', { k: segregation.disclosure.k })}</p>
      <details>
        <summary>{t('seg.showTable')}</summary>
        <table className="data-table" data-testid="segregation-table">
          <thead>
            <tr>
              <th scope="col">{t('seg.month')}</th>
              <th scope="col">{t('seg.dissimilarity')}</th>
              <th scope="col">{t('seg.isolation')}</th>
            </tr>
          </thead>
          <tbody>
            {series.map((point) => (
              <tr key={point.month}>
                <th scope="row">{i18n.formatMonth(point.month)}</th>
                <td>{format(point.dissimilarity)}</td>
                <td>{format(point.isolation)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </>
  );
}
