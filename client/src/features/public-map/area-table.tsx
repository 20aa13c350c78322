import type { PublishedAreaTable } from './api';
import { formatCount } from './format-count';
import type { PublicI18n } from './use-public-i18n';

interface AreaTableProps {
  i18n: PublicI18n;
  caption: string;
  table: PublishedAreaTable;
  testId: string;
}

/** A table of households and people by area with its total: the accessible form of a map view. */
export function AreaTable({ i18n, caption, table, testId }: AreaTableProps) {
  const { t } = i18n;
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid={testId}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('table.area')}</th>
            <th scope="col" className="num">
              {t('table.households')}
            </th>
            <th scope="col" className="num">
              {t('table.people')}
            </th>
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr key={row.key} data-key={row.key}>
              <th scope="row">{row.name ?? t('table.other')}</th>
              <td className="num" data-suppressed={row.households.suppressed || undefined}>
                {formatCount(i18n, row.households)}
              </td>
              <td className="num" data-suppressed={row.people.suppressed || undefined}>
                {formatCount(i18n, row.people)}
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('table.total')}</th>
            <td className="num">{formatCount(i18n, table.total.households)}</td>
            <td className="num">{formatCount(i18n, table.total.people)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
