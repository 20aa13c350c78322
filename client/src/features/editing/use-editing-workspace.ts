import { useCallback, useEffect, useRef, useState } from 'react';
import { createDrawing, type Drawing, type DrawingState } from '../../map/drawing';
import type { DataSourceId } from '../../map/layer-ids';
import type { Session } from '../auth/api';
import { fetchLayer } from './api';
import { useDrawingState } from './use-drawing-state';
import { useFeatureEditor, type FeatureEditor } from './use-feature-editor';
import { useLayerEdits, type LayerEdits } from './use-layer-edits';
import { useToasts, type Toasts } from './use-toasts';
import { useUndo } from './use-undo';

type MapForDrawing = Parameters<typeof createDrawing>[0];

/** What the map page hands to the workspace: who is signed in and how to select a feature. */
export interface EditingWorkspaceOptions {
  session: Session;
  onSelect: (selection: { source: DataSourceId; id: number; fit?: boolean } | null) => void;
  onSessionExpired: () => void;
}

export interface EditingWorkspace {
  /** The user may create, change and delete map features ('layers:write'); the UI hides editing otherwise. */
  canEdit: boolean;
  /** Pass to MapView's onMapReady. */
  attachMap: (map: MapForDrawing) => void;
  drawing: Drawing | null;
  drawingState: DrawingState;
  editor: FeatureEditor;
  edits: LayerEdits;
  toasts: Toasts;
  measuring: boolean;
  startMeasure: () => void;
  stopMeasure: () => void;
  undo: () => Promise<void>;
  undoBusy: boolean;
  /** True while clicks on the map place vertices, so they must not select features. */
  capturesMapClicks: boolean;
  /** Reads a layer again (after an import) and shows it. */
  reloadLayer: (source: DataSourceId) => Promise<void>;
}

function isInteractive(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON', 'A'].includes(target.tagName);
}

/**
 * Returns the planner workspace of the map page (issue 3): the drawing layer, the feature editor, the
 * measuring tool, undo, and the local record of saved edits; plus the keyboard: Escape cancels the
 * shape being drawn, Enter closes it, Ctrl+Z undoes the last saved edit.
 */
export function useEditingWorkspace({ session, onSelect, onSessionExpired }: EditingWorkspaceOptions): EditingWorkspace {
  const canEdit = session.permissions.includes('layers:write');
  const [drawing, setDrawing] = useState<Drawing | null>(null);
  const drawingState = useDrawingState(drawing);
  const [measuring, setMeasuring] = useState(false);
  const edits = useLayerEdits();
  const toasts = useToasts();
  const select = useRef(onSelect);
  select.current = onSelect;

  const attachMap = useCallback((map: MapForDrawing) => setDrawing(createDrawing(map)), []);
  // A new map (or leaving the page) retires the drawing tool of the old one.
  useEffect(() => () => drawing?.destroy(), [drawing]);

  const editor = useFeatureEditor({
    drawing,
    drawingState,
    onSaved: (source, feature) => {
      edits.saved(source, feature);
      select.current({ source, id: feature.id });
    },
    onDeleted: (source, id) => {
      edits.removed(source, id);
      select.current(null);
    },
    onSessionExpired,
    notify: toasts.push,
  });

  const { undo, busy: undoBusy } = useUndo({
    enabled: canEdit,
    drawing: drawingState.phase === 'drawing',
    edits,
    notify: toasts.push,
    onUndone: (source, id, exists) => select.current(exists ? { source, id } : null),
    onSessionExpired,
  });

  const startMeasure = useCallback(() => {
    if (!drawing || editor.state) return;
    select.current(null);
    setMeasuring(true);
    drawing.start('line');
  }, [drawing, editor.state]);

  const stopMeasure = useCallback(() => {
    setMeasuring(false);
    drawing?.clear();
  }, [drawing]);

  const { replaced } = edits;
  const reloadLayer = useCallback(
    async (source: DataSourceId) => {
      try {
        replaced(source, await fetchLayer(source));
      } catch (error) {
        console.error(`reading ${source} again after an import`, error);
      }
    },
    [replaced],
  );

  const phase = drawingState.phase;
  useEffect(() => {
    if (!drawing || phase !== 'drawing') return undefined;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        if (measuring) stopMeasure();
        else drawing.cancel();
      } else if (event.key === 'Enter' && !isInteractive(event.target)) {
        event.preventDefault();
        drawing.finish();
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [drawing, phase, measuring, stopMeasure]);

  return {
    canEdit,
    attachMap,
    drawing,
    drawingState,
    editor,
    edits,
    toasts,
    measuring,
    startMeasure,
    stopMeasure,
    undo,
    undoBusy,
    capturesMapClicks: editor.state !== null || measuring,
    reloadLayer,
  };
}
