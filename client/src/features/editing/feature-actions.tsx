import { useId, useState } from 'react';
import { useI18n } from '../../lib/i18n';
import type { DataSourceId } from '../../map/layer-ids';
import { HistoryPanel } from './history-panel';
import type { EditingWorkspace } from './use-editing-workspace';
import './editing.css';

export interface FeatureActionsProps {
  workspace: EditingWorkspace;
  source: DataSourceId;
  id: number;
  /** The feature's version as shown, so the history is read again after a save. */
  version: unknown;
  onSessionExpired: () => void;
}

/** The planner's actions on the selected feature, inside its details card: edit it, show its history. */
export function FeatureActions({ workspace, source, id, version, onSessionExpired }: FeatureActionsProps) {
  const { t } = useI18n();
  const historyId = useId();
  const [showHistory, setShowHistory] = useState(false);
  if (!workspace.canEdit) return null;
  const editing = workspace.editor.state !== null;

  return (
    <div className="feature-actions">
      <div className="feature-actions__buttons">
        <button
          type="button"
          className="button button--small button--primary"
          disabled={editing || workspace.measuring}
          onClick={() => void workspace.editor.openExisting(source, id)}
        >
          {t('editing.edit')}
        </button>
        <button
          type="button"
          className="button button--small"
          aria-expanded={showHistory}
          aria-controls={historyId}
          onClick={() => setShowHistory((shown) => !shown)}
        >
          {t('editing.history.button')}
        </button>
      </div>
      <div id={historyId} hidden={!showHistory}>
        {showHistory && (
          <>
            <h3 className="feature-actions__heading">{t('editing.history.title')}</h3>
            <HistoryPanel source={source} id={id} version={version} onSessionExpired={onSessionExpired} />
          </>
        )}
      </div>
    </div>
  );
}
