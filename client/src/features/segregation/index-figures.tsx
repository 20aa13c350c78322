import { useI18n, type MessageKey } from '../../lib/i18n';
import type { SegregationReport } from './api';
import { formatIndex } from './format-index';

/** The indices shown as figures, in reading order; each has a name and a plain explanation. */
export const INDEX_KEYS = ['dissimilarity', 'isolation', 'exposure', 'correlationRatio', 'theil', 'spatialDissimilarity', 'mutualInformation'] as const;
export type IndexKey = (typeof INDEX_KEYS)[number];

/** The indices of one moment as a list of figures, each explained in plain words. */
export function IndexFigures({ indices, spatialRadiusM }: { indices: SegregationReport['indices']; spatialRadiusM: number }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <dl className="segregation-figures">
      {INDEX_KEYS.map((key) => (
        <div key={key} className="segregation-figure" data-index={key}>
          <dt>{t(`segregation.index.${key}` as MessageKey)}</dt>
          <dd className="segregation-figure__value">{formatIndex(indices[key], i18n)}</dd>
          <dd className="segregation-figure__help">{t(`segregation.explain.${key}` as MessageKey, { radius: spatialRadiusM })}</dd>
        </div>
      ))}
    </dl>
  );
}
