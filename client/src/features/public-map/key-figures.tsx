import type { PublicInterventions, PublicProgress, PublishedCount } from './api';
import { formatPercent } from './format-count';
import type { PublicI18n } from './use-public-i18n';

interface KeyFiguresProps {
  i18n: PublicI18n;
  progress: PublicProgress;
  interventions: PublicInterventions;
}

/** The key figures: households and people relocated, share of planned relocations done, interventions. */
export function KeyFigures({ i18n, progress, interventions }: KeyFiguresProps) {
  const { t } = i18n;
  const { k } = progress.disclosure;
  const { householdsRelocated, peopleRelocated, plannedRelocations, shareDonePercent } = progress.keyFigures;
  // A key figure is only ever hidden for being below k (it has no secondary suppression).
  const count = (c: PublishedCount) => (c.suppressed ? t('kf.fewerThan', { k }) : i18n.formatNumber(c.value));
  const figures: Array<{ id: string; label: string; value: string; note?: string }> = [
    { id: 'households', label: t('kf.households'), value: count(householdsRelocated) },
    { id: 'people', label: t('kf.people'), value: count(peopleRelocated) },
    {
      id: 'share',
      label: t('kf.share'),
      value: shareDonePercent === null ? t('kf.notAvailable') : formatPercent(i18n, shareDonePercent),
      note: plannedRelocations.suppressed ? undefined : t('kf.planned', { count: i18n.formatNumber(plannedRelocations.value) }),
    },
    { id: 'completed', label: t('kf.completed'), value: i18n.formatNumber(interventions.counts.completed) },
    { id: 'under-way', label: t('kf.underWay'), value: i18n.formatNumber(interventions.counts.underWay) },
  ];
  return (
    <dl className="key-figures" data-testid="key-figures">
      {figures.map((figure) => (
        <div key={figure.id} className="key-figures__item" data-figure={figure.id}>
          <dt className="key-figures__label">{figure.label}</dt>
          <dd className="key-figures__value">{figure.value}</dd>
          {figure.note && <dd className="key-figures__note">{figure.note}</dd>}
        </div>
      ))}
    </dl>
  );
}
