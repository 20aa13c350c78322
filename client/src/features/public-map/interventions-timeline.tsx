import type { PublicIntervention, PublicInterventions } from './api';
import { formatPercent } from './format-count';
import { TimelineBars } from './timeline-bars';
import type { PublicI18n } from './use-public-i18n';

interface TimelineProps {
  i18n: PublicI18n;
  interventions: PublicInterventions;
  /** Any month inside the time span (the release month), so an empty list still has an axis. */
  asOfMonth: string;
}

/**
 * The interventions on a time line (bars from start to end month, filled by progress, dots at updates)
 * followed by the table with every figure, which is what assistive technology reads.
 */
export function InterventionsTimeline({ i18n, interventions, asOfMonth }: TimelineProps) {
  const { t } = i18n;
  const items = [...interventions.items].sort((a, b) => (a.startMonth ?? '9999').localeCompare(b.startMonth ?? '9999'));
  if (items.length === 0) return <p>{t('iv.none')}</p>;
  const period = (i: PublicIntervention) =>
    `${i.startMonth ? i18n.formatMonth(i.startMonth, 'short') : t('iv.unknownDate')} – ${i.endMonth ? i18n.formatMonth(i.endMonth, 'short') : t('iv.unknownDate')}`;

  return (
    <>
      <TimelineBars
        items={items.map((i) => ({ ...i, updateMonths: i.updates.map((u) => u.month) }))}
        asOfMonth={asOfMonth}
        formatPercent={(n) => formatPercent(i18n, n)}
        testId="interventions-timeline"
      />
      {/* Wider than a phone: the region scrolls sideways and takes keyboard focus to do so (WCAG 2.1.1). */}
      <div className="table-scroll" role="region" aria-label={t('iv.caption')} tabIndex={0}>
        <table className="data-table data-table--wide" data-testid="interventions-table">
          <caption>{t('iv.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('iv.name')}</th>
              <th scope="col">{t('iv.area')}</th>
              <th scope="col">{t('iv.type')}</th>
              <th scope="col">{t('iv.status')}</th>
              <th scope="col">{t('iv.period')}</th>
              <th scope="col">{t('iv.funding')}</th>
              <th scope="col" className="num">
                {t('iv.budget')}
              </th>
              <th scope="col" className="num">
                {t('iv.progress')}
              </th>
              <th scope="col">{t('iv.updates')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.key} data-key={item.key}>
                <th scope="row">{item.name}</th>
                <td>{item.areaName ?? '—'}</td>
                <td>{i18n.tEnum('ivType', item.type)}</td>
                <td>{i18n.tEnum('ivStatus', item.status)}</td>
                <td>{period(item)}</td>
                <td>{item.fundingProgramme ?? '—'}</td>
                <td className="num">
                  {item.budgetLei === null ? '—' : i18n.formatNumber(item.budgetLei, { style: 'currency', currency: 'RON', maximumFractionDigits: 0 })}
                </td>
                <td className="num">{formatPercent(i18n, item.progressPct)}</td>
                <td>
                  {item.updates.length === 0
                    ? t('iv.noUpdates')
                    : item.updates.map((u) => `${i18n.formatMonth(u.month, 'short')}: ${formatPercent(i18n, u.progressPct)}`).join('; ')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
