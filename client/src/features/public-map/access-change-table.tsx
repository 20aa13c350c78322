import type { PublicProgress } from './api';
import { formatMetres } from './format-count';
import type { PublicI18n } from './use-public-i18n';

/** The table of median distances to school, family doctor and transit stop before and after the move. */
export function AccessChangeTable({ i18n, progress }: { i18n: PublicI18n; progress: PublicProgress }) {
  const { t } = i18n;
  // A "before" withheld while "after" is published was measured at too few places of origin (issue 15).
  const metres = (value: number | null, afterShown: boolean, signed = false) =>
    value === null ? t(afterShown ? 'access.tooFewPlaces' : 'access.tooFew') : formatMetres(i18n, value, signed);
  return (
    <div className="table-scroll">
      <table className="data-table" data-testid="access-table">
        <caption>{t('access.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('access.category')}</th>
            <th scope="col" className="num">
              {t('access.before')}
            </th>
            <th scope="col" className="num">
              {t('access.after')}
            </th>
            <th scope="col" className="num">
              {t('access.change')}
            </th>
          </tr>
        </thead>
        <tbody>
          {progress.accessChange.map((row) => (
            <tr key={row.category}>
              <th scope="row">{i18n.tEnum('category', row.category)}</th>
              <td className="num">{metres(row.medianBeforeM, row.medianAfterM !== null)}</td>
              <td className="num">{metres(row.medianAfterM, false)}</td>
              <td className="num">{metres(row.medianChangeM, row.medianAfterM !== null, true)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
