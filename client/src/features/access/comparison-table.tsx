import { useI18n } from '../../lib/i18n';
import type { AccessComparison } from './api';
import { comparisonRowName } from './comparison-rows';
import { formatDistance, formatScore, roundMinutes } from './format';

/**
 * The comparison as a table, the accessible form of the charts: a row per place (its name is the
 * row header), a column per category with the distance to the nearest service, the walking time and
 * the category score.
 */
export function ComparisonTable({ comparison }: { comparison: AccessComparison }) {
  const i18n = useI18n();
  const { t, tEnum, formatNumber } = i18n;

  return (
    <div className="access-table-wrap" tabIndex={0} role="region" aria-label={t('access.comparison.caption')}>
      <table className="access-table">
        <caption>{t('access.comparison.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('access.comparison.place')}</th>
            <th scope="col">{t('access.comparison.basis')}</th>
            <th scope="col">{t('access.comparison.overall')}</th>
            {comparison.categories.map((category) => (
              <th key={category} scope="col">
                {tEnum('service.category', category)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {comparison.rows.map((row) => {
            const byCategory = new Map(row.categories.map((c) => [c.category, c]));
            return (
              <tr key={`${row.kind}-${row.id}`} data-kind={row.kind}>
                <th scope="row">
                  <span className="access-table__kind">{tEnum('access.comparison.kind', row.kind)}</span>
                  {comparisonRowName(row, i18n)}
                </th>
                <td className="access-table__text">
                  {row.basis === 'population-weighted'
                    ? t('access.comparison.basis.weighted', { population: formatNumber(row.population ?? 0) })
                    : t('access.comparison.basis.point')}
                </td>
                <td>
                  <strong>{formatScore(row.score, i18n)}</strong>
                </td>
                {comparison.categories.map((category) => {
                  const cell = byCategory.get(category);
                  if (!cell) return <td key={category}>—</td>;
                  const minutes = roundMinutes(cell.walkMinutes);
                  return (
                    <td key={category}>
                      {formatDistance(cell.distanceM, i18n)}
                      <span className="access-table__sub">
                        {minutes !== null && `${t('access.card.walk', { minutes: formatNumber(minutes) })} · `}
                        {t('access.comparison.scoreShort', { score: formatScore(cell.score, i18n) })}
                      </span>
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
