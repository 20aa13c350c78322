import { useI18n } from '../../lib/i18n';

/** Previous/next buttons with "1–50 of 282"; nothing when everything fits on one page. */
export function Paging({ offset, limit, total, onChange }: { offset: number; limit: number; total: number; onChange: (offset: number) => void }) {
  const { t, formatNumber } = useI18n();
  if (total <= limit && offset === 0) return null;
  const from = total === 0 ? 0 : offset + 1;
  const to = Math.min(total, offset + limit);
  return (
    <nav className="rel-paging" aria-label={t('relocation.common.paging')}>
      <button type="button" className="button button--small" disabled={offset === 0} onClick={() => onChange(Math.max(0, offset - limit))}>
        {t('relocation.common.previous')}
      </button>
      <span aria-live="polite">{t('relocation.common.range', { from: formatNumber(from), to: formatNumber(to), total: formatNumber(total) })}</span>
      <button type="button" className="button button--small" disabled={offset + limit >= total} onClick={() => onChange(offset + limit)}>
        {t('relocation.common.next')}
      </button>
    </nav>
  );
}
