import { useId, useState } from 'react';
import { useI18n } from '../../lib/i18n';
import { DATA_SOURCES, type DataSourceId } from '../../map/layer-ids';
import { EditorCard } from './editor-card';
import { ExportPanel } from './export-panel';
import { FeatureSearch } from './feature-search';
import { ImportDialog } from './import-dialog';
import { LAYER_TITLE_KEYS } from './layer-forms';
import { MeasureCard } from './measure-card';
import type { EditingWorkspace } from './use-editing-workspace';
import './editing.css';

export interface EditingToolsProps {
  workspace: EditingWorkspace;
  onShow: (source: DataSourceId, id: number) => void;
  onSessionExpired: () => void;
}

/**
 * The map tools of the side panel: search by name and measuring for everyone; for planners also adding
 * features, undoing the last edit (Ctrl+Z) and importing; exports for everyone who can read. While a
 * feature is edited or a distance measured, its card takes their place, leaving the whole map free to draw on.
 */
export function EditingTools({ workspace, onShow, onSessionExpired }: EditingToolsProps) {
  const { t, formatNumber } = useI18n();
  const [importing, setImporting] = useState(false);
  const headingId = useId();
  const addId = useId();
  const { canEdit, editor, measuring } = workspace;
  const busy = editor.state !== null || measuring || workspace.drawing === null;

  if (editor.state) return <EditorCard workspace={workspace} />;
  if (measuring) return <MeasureCard workspace={workspace} />;
  return (
    <section className="editing-tools" aria-labelledby={headingId} data-testid="map-tools">
      <h2 id={headingId} className="panel-heading">
        {t('editing.tools.title')}
      </h2>
      <FeatureSearch onShow={onShow} onSessionExpired={onSessionExpired} />

      {canEdit && (
        <div className="editing-tools__group" role="group" aria-labelledby={addId}>
          <h3 id={addId} className="editing-tools__subheading">
            {t('editing.tools.add')}
          </h3>
          <div className="editing-tools__buttons">
            {DATA_SOURCES.map((source) => (
              <button key={source} type="button" className="button button--small" disabled={busy} onClick={() => editor.openNew(source)}>
                {t(`editing.newTitle.${source}`)}
              </button>
            ))}
          </div>
        </div>
      )}

      <div className="editing-tools__buttons">
        <button type="button" className="button button--small" disabled={busy} onClick={workspace.startMeasure}>
          {t('editing.measure.start')}
        </button>
        {canEdit && (
          <button
            type="button"
            className="button button--small"
            disabled={workspace.undoBusy || workspace.drawingState.phase === 'drawing'}
            onClick={() => void workspace.undo()}
            aria-keyshortcuts="Control+Z"
            title={t('editing.undo.shortcut')}
          >
            {t('editing.undo.button')}
          </button>
        )}
        {canEdit && (
          <button type="button" className="button button--small" disabled={busy} onClick={() => setImporting(true)}>
            {t('editing.import.open')}
          </button>
        )}
      </div>
      <ExportPanel />
      {canEdit && (
        <ImportDialog
          open={importing}
          onClose={() => setImporting(false)}
          onSessionExpired={onSessionExpired}
          onImported={(layer, report) => {
            void workspace.reloadLayer(layer);
            workspace.toasts.push(
              'success',
              t('editing.import.toast', { inserted: formatNumber(report.inserted), updated: formatNumber(report.updated), layer: t(LAYER_TITLE_KEYS[layer]) }),
            );
          }}
        />
      )}
    </section>
  );
}
