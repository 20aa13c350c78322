import { useEffect, useState } from 'react';
import { ApiError } from '../../lib/api-client';
import { useI18n, type I18n } from '../../lib/i18n';
import type { DataSourceId } from '../../map/layer-ids';
import { listHistory, type FeatureHistory, type HistoryChange } from './api';
import { formatMoment } from './format-value';
import { LAYER_FORMS } from './layer-forms';

export interface HistoryPanelProps {
  source: DataSourceId;
  id: number;
  /** Changes whenever the feature is saved, so the list is read again. */
  version: unknown;
  onSessionExpired: () => void;
}

type Load = { status: 'loading' } | { status: 'ready'; history: FeatureHistory } | { status: 'error'; message: string };

function formatChangeValue(source: DataSourceId, change: HistoryChange, value: unknown, i18n: I18n): string {
  if (value === null || value === undefined || value === '') return i18n.t('details.none');
  const field = LAYER_FORMS[source].fields.find((f) => f.name === change.property);
  if (field?.kind === 'enum' && typeof value === 'string') return i18n.tEnum(field.prefix, value);
  if (typeof value === 'boolean') return i18n.t(value ? 'details.yes' : 'details.no');
  if (typeof value === 'number') return i18n.formatNumber(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Returns a geometry change in words: a moved point, or an outline's vertex counts before and after. */
function describeShapeChange(change: HistoryChange, i18n: I18n): string {
  const before = change.before as { type?: string; vertices?: number } | null;
  const after = change.after as { type?: string; vertices?: number } | null;
  if (after?.type === 'Point' || before?.type === 'Point') return i18n.t('editing.history.moved');
  return i18n.t('editing.history.reshaped', { before: before?.vertices ?? '?', after: after?.vertices ?? '?' });
}

/** The history of one feature from the audit log: who changed what and when, newest first. */
export function HistoryPanel({ source, id, version, onSessionExpired }: HistoryPanelProps) {
  const i18n = useI18n();
  const { t, tEnum } = i18n;
  const [load, setLoad] = useState<Load>({ status: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    setLoad({ status: 'loading' });
    listHistory(source, id, 50, controller.signal).then(
      (history) => setLoad({ status: 'ready', history }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 401) onSessionExpired();
        setLoad({ status: 'error', message: error instanceof ApiError ? (error.detail ?? error.title) : String(error) });
      },
    );
    return () => controller.abort();
  }, [source, id, version, onSessionExpired]);

  if (load.status === 'loading') return <p role="status">{t('editing.history.loading')}</p>;
  if (load.status === 'error') return <p role="alert">{t('editing.history.error', { message: load.message })}</p>;
  const { entries, total } = load.history;
  if (entries.length === 0) return <p>{t('editing.history.empty')}</p>;

  return (
    <div className="history-panel">
      <ol className="history-panel__list" data-testid="feature-history">
        {entries.map((entry) => (
          <li key={entry.auditId} className="history-panel__entry">
            <p className="history-panel__head">
              <strong>{tEnum('editing.history.action', entry.undoOf ? 'undo' : entry.action)}</strong>
              {entry.version !== null && <span> · {t('editing.version', { version: entry.version })}</span>}
            </p>
            <p className="history-panel__meta">
              {t('editing.history.byAt', { who: entry.actor.username ?? t('editing.history.system'), at: formatMoment(entry.at, i18n) })}
            </p>
            {entry.changes.length > 0 && entry.action === 'update' && (
              <ul className="history-panel__changes">
                {entry.changes.map((change) => (
                  <li key={change.property}>
                    {change.property === 'geometry' ? (
                      <>
                        {t('editing.geometry.label')}: {describeShapeChange(change, i18n)}
                      </>
                    ) : (
                      <>
                        {tEnum('prop', change.property)}: <span className="history-panel__before">{formatChangeValue(source, change, change.before, i18n)}</span> →{' '}
                        <span className="history-panel__after">{formatChangeValue(source, change, change.after, i18n)}</span>
                      </>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
      {total > entries.length && <p className="history-panel__more">{t('editing.history.more', { count: total - entries.length })}</p>}
    </div>
  );
}
