import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../lib/api-client';
import { useI18n } from '../../lib/i18n';
import type { DataSourceId } from '../../map/layer-ids';
import { ProblemError, undoLastEdit } from './api';
import { LAYER_FORMS } from './layer-forms';
import type { LayerEdits } from './use-layer-edits';

export interface UndoOptions {
  enabled: boolean;
  /** While vertices are being placed, Ctrl+Z belongs to the drawing, not to saved edits. */
  drawing: boolean;
  edits: LayerEdits;
  notify: (tone: 'success' | 'info' | 'error', text: string) => void;
  onUndone: (source: DataSourceId, id: number, exists: boolean) => void;
  onSessionExpired: () => void;
}

/** True when the key press is meant for a text field or another control that handles Ctrl+Z itself. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * Returns `undo` (reverse the signed-in planner's last map edit through POST /api/undo, confirmed by a
 * toast) and whether it is running; also binds Ctrl+Z / ⌘Z outside text fields.
 */
export function useUndo(options: UndoOptions): { undo: () => Promise<void>; busy: boolean } {
  const i18n = useI18n();
  const [busy, setBusy] = useState(false);
  const latest = useRef({ options, i18n, busy });
  latest.current = { options, i18n, busy };

  const undo = useCallback(async () => {
    const { options: opts, i18n: { t }, busy: running } = latest.current;
    if (!opts.enabled || running) return;
    setBusy(true);
    try {
      const { undone, result } = await undoLastEdit();
      const source = undone.layer;
      const feature = result.feature;
      if (feature) opts.edits.saved(source, feature);
      else opts.edits.removed(source, undone.id);
      opts.onUndone(source, undone.id, feature !== null);
      const nameField = LAYER_FORMS[source]?.titleField ?? 'name';
      const rawName = feature?.properties[nameField];
      const name = typeof rawName === 'string' && rawName ? rawName : `#${undone.id}`;
      opts.notify('success', t(`editing.undo.done.${undone.action}`, { noun: t(`editing.noun.${source}`), name }));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) {
        opts.onSessionExpired();
      } else if (error instanceof ProblemError && error.status === 404) {
        opts.notify('info', t('editing.undo.nothing'));
      } else if (error instanceof ProblemError && error.status === 409) {
        opts.notify('error', t('editing.undo.changed'));
      } else {
        console.error('undoing the last map edit', error);
        opts.notify('error', t('editing.error.network'));
      }
    } finally {
      setBusy(false);
    }
  }, []);

  const { enabled, drawing } = options;
  useEffect(() => {
    if (!enabled) return undefined;
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.shiftKey || event.altKey || event.key.toLowerCase() !== 'z') return;
      if (drawing || isTyping(event.target)) return;
      event.preventDefault();
      void undo();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [enabled, drawing, undo]);

  return { undo, busy };
}
