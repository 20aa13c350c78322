import type { Geometry } from 'geojson';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../lib/api-client';
import { useI18n } from '../../lib/i18n';
import type { Drawing, DrawingState } from '../../map/drawing';
import type { DataSourceId } from '../../map/layer-ids';
import {
  createFeature,
  deleteFeature,
  listHistory,
  ProblemError,
  readFeature,
  updateFeature,
  versionConflictOf,
  type EditableFeature,
  type ProblemItem,
} from './api';
import {
  changedProperties,
  checkValues,
  LAYER_FORMS,
  newValues,
  propertiesFromValues,
  valuesFromProperties,
  type FormValues,
} from './layer-forms';
import { placeProblems, problemPosition } from './problem-placement';

/** Someone else saved the feature after this form read it (a 412 answer). */
export interface Conflict {
  intent: 'save' | 'delete';
  current: EditableFeature;
  currentVersion: number;
  /** Who saved the newer version and when, from the feature's history (null when it could not be read). */
  changedBy: string | null;
  changedAt: string | null;
}

export interface EditorState {
  source: DataSourceId;
  /** null while creating a new feature. */
  id: number | null;
  /** The version the form is based on, as the server sent it. */
  base: EditableFeature | null;
  version: number | null;
  values: FormValues;
  /** The values of `base` (or a new feature's defaults): what the planner has not touched. */
  initialValues: FormValues;
  busy: 'loading' | 'saving' | 'deleting' | null;
  fieldErrors: Record<string, string>;
  geometryErrors: ProblemItem[];
  /** The geometry a 422 answer was about, so its vertex indexes can be found on the map. */
  rejectedGeometry: Geometry | null;
  error: string | null;
  notice: string | null;
  conflict: Conflict | null;
  confirmingDelete: boolean;
  /** Bumped each time problems are shown, so the form moves focus to the first one. */
  attempt: number;
}

export interface FeatureEditor {
  state: EditorState | null;
  /** True when anything (a field or the geometry) would be lost by closing. */
  dirty: boolean;
  openNew: (source: DataSourceId) => void;
  openExisting: (source: DataSourceId, id: number) => Promise<void>;
  setValue: (name: string, value: string | boolean) => void;
  save: () => Promise<void>;
  askDelete: () => void;
  cancelDelete: () => void;
  confirmDelete: () => Promise<void>;
  /** reload: take the other version and drop this form's changes; keep: keep them on top of the newer version. */
  resolveConflict: (choice: 'reload' | 'keep') => void;
  /** Starts drawing the shape again from scratch. */
  redraw: () => void;
  close: () => void;
}

export interface FeatureEditorOptions {
  drawing: Drawing | null;
  drawingState: DrawingState;
  onSaved: (source: DataSourceId, feature: EditableFeature, created: boolean) => void;
  onDeleted: (source: DataSourceId, id: number) => void;
  onSessionExpired: () => void;
  notify: (tone: 'success' | 'info' | 'error', text: string) => void;
}

function shapeKey(geometry: Geometry | null | undefined): string {
  if (!geometry || !('coordinates' in geometry)) return 'null';
  // A one-part MultiPolygon and its Polygon are the same shape; 1e-7° is about a centimetre.
  const coordinates = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  return JSON.stringify(coordinates, (_key, value: unknown) => (typeof value === 'number' ? Math.round(value * 1e7) : value));
}

/** True when two geometries describe the same shape to within about a centimetre. */
export function sameShape(a: Geometry | null | undefined, b: Geometry | null | undefined): boolean {
  return shapeKey(a) === shapeKey(b);
}

function titleOf(source: DataSourceId, properties: Record<string, unknown> | undefined, fallback: string): string {
  const value = properties?.[LAYER_FORMS[source].titleField];
  return typeof value === 'string' && value.trim() ? value : fallback;
}

/** Returns the state of a form with `values` and no outcome yet. */
function blank(source: DataSourceId, values: FormValues): EditorState {
  return {
    source,
    id: null,
    base: null,
    version: null,
    values,
    initialValues: values,
    busy: null,
    fieldErrors: {},
    geometryErrors: [],
    rejectedGeometry: null,
    error: null,
    notice: null,
    conflict: null,
    confirmingDelete: false,
    attempt: 0,
  };
}

/**
 * Returns the editor of one feature at a time: its form values, the version it is based on, and the
 * save/delete actions with their outcomes — field and geometry problems (400/409/422), and conflicts
 * (412) that keep everything the planner typed until they choose what to do with it.
 */
export function useFeatureEditor(options: FeatureEditorOptions): FeatureEditor {
  const { drawing, drawingState } = options;
  const i18n = useI18n();
  const [state, setState] = useState<EditorState | null>(null);
  const latest = useRef({ options, i18n, state });
  latest.current = { options, i18n, state };

  const patch = useCallback((change: Partial<EditorState> | ((previous: EditorState) => Partial<EditorState>)) => {
    setState((previous) => (previous ? { ...previous, ...(typeof change === 'function' ? change(previous) : change) } : previous));
  }, []);

  const geometryChanged = state !== null && drawingState.phase !== 'idle' && !sameShape(drawingState.geometry, state.base?.geometry);
  const fieldsChanged =
    state !== null && LAYER_FORMS[state.source].fields.some((field) => String(state.values[field.name]) !== String(state.initialValues[field.name]));
  const dirty = state !== null && (fieldsChanged || (state.id === null ? drawingState.geometry !== null : geometryChanged));

  // Problem marks on the map follow the geometry problems shown in the form.
  useEffect(() => {
    if (!drawing) return;
    const markers = (state?.geometryErrors ?? []).flatMap((item, index) => {
      const position = problemPosition(item, state?.rejectedGeometry ?? null);
      return position ? [{ position, number: index + 1 }] : [];
    });
    drawing.showIssues(markers);
  }, [drawing, state?.geometryErrors, state?.rejectedGeometry]);

  const openNew = useCallback(
    (source: DataSourceId) => {
      setState(blank(source, newValues(source)));
      latest.current.options.drawing?.start(LAYER_FORMS[source].geometry);
    },
    [],
  );

  const openExisting = useCallback(async (source: DataSourceId, id: number) => {
    setState({ ...blank(source, {}), id, busy: 'loading' });
    latest.current.options.drawing?.clear();
    try {
      const { feature, version } = await readFeature(source, id);
      const values = valuesFromProperties(source, feature.properties);
      setState({ ...blank(source, values), id, base: feature, version });
      latest.current.options.drawing?.load(feature.geometry);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return latest.current.options.onSessionExpired();
      console.error(`reading ${source} ${id} for editing`, error);
      const message = error instanceof ApiError ? (error.detail ?? error.title) : String(error);
      setState((previous) => (previous ? { ...previous, busy: null, error: latest.current.i18n.t('editing.error.load', { message }) } : previous));
    }
  }, []);

  const setValue = useCallback(
    (name: string, value: string | boolean) => {
      patch((previous) => {
        const fieldErrors = { ...previous.fieldErrors };
        delete fieldErrors[name];
        return { values: { ...previous.values, [name]: value }, fieldErrors, notice: null };
      });
    },
    [patch],
  );

  /** Shows what the server refused, next to the fields and on the geometry. */
  const showProblems = useCallback(
    (error: unknown, geometry: Geometry | null) => {
      const { t } = latest.current.i18n;
      if (error instanceof ApiError && error.status === 401) {
        latest.current.options.onSessionExpired();
        return;
      }
      if (!(error instanceof ProblemError)) {
        console.error('saving a map feature', error);
        patch((previous) => ({ busy: null, error: t('editing.error.network'), attempt: previous.attempt + 1 }));
        return;
      }
      const source = latest.current.state?.source;
      const names = source ? LAYER_FORMS[source].fields.map((f) => f.name) : [];
      const placed = placeProblems(error.errors, names);
      const general = placed.general.length > 0 || (Object.keys(placed.fields).length === 0 && placed.geometry.length === 0);
      patch((previous) => ({
        busy: null,
        fieldErrors: placed.fields,
        geometryErrors: placed.geometry,
        rejectedGeometry: geometry,
        error: general ? [error.detail ?? error.title, ...placed.general].join(' ') : null,
        attempt: previous.attempt + 1,
      }));
    },
    [patch],
  );

  const recordConflict = useCallback(
    (intent: Conflict['intent'], found: { current: EditableFeature; currentVersion: number }) => {
      const current = latest.current.state;
      if (!current || current.id === null) return;
      patch((previous) => ({
        busy: null,
        confirmingDelete: false,
        conflict: { intent, ...found, changedBy: null, changedAt: null },
        attempt: previous.attempt + 1,
      }));
      // Who saved the newer version is worth a second request; the conflict is shown without it meanwhile.
      listHistory(current.source, current.id, 1).then(
        (history) => {
          const [entry] = history.entries;
          if (!entry) return;
          patch((previous) =>
            previous.conflict && previous.conflict.currentVersion === found.currentVersion
              ? { conflict: { ...previous.conflict, changedBy: entry.actor.username, changedAt: entry.at } }
              : {},
          );
        },
        (error: unknown) => console.warn('reading who changed the feature', error),
      );
    },
    [patch],
  );

  const save = useCallback(async () => {
    const { state: current, options: opts, i18n: { t } } = latest.current;
    if (!current || current.busy || current.conflict) return;
    const form = LAYER_FORMS[current.source];
    const geometryState = opts.drawingState;
    if (geometryState.phase === 'drawing') {
      patch((previous) => ({ notice: t('editing.notice.finishFirst'), attempt: previous.attempt + 1 }));
      return;
    }
    const geometry = geometryState.geometry;
    if (!geometry) {
      patch((previous) => ({ notice: t(form.geometry === 'point' ? 'editing.notice.placePoint' : 'editing.notice.drawFirst'), attempt: previous.attempt + 1 }));
      return;
    }
    const problems = checkValues(current.source, current.values);
    if (Object.keys(problems).length > 0) {
      const fieldErrors = Object.fromEntries(Object.entries(problems).map(([name, problem]) => [name, t(`editing.field.${problem}`)]));
      patch((previous) => ({ fieldErrors, error: null, attempt: previous.attempt + 1 }));
      return;
    }
    patch({ busy: 'saving', error: null, notice: null, fieldErrors: {}, geometryErrors: [], rejectedGeometry: null });
    const noun = t(`editing.noun.${current.source}`);
    try {
      if (current.id === null) {
        const created = await createFeature(current.source, geometry, propertiesFromValues(current.source, current.values));
        opts.onSaved(current.source, created, true);
        opts.notify('success', t('editing.toast.created', { noun, name: titleOf(current.source, created.properties, `#${created.id}`) }));
      } else {
        const base = current.base as EditableFeature;
        const properties = changedProperties(current.source, current.values, base.properties);
        const geometryChanged = !sameShape(geometry, base.geometry);
        if (Object.keys(properties).length === 0 && !geometryChanged) {
          patch({ busy: null, notice: t('editing.notice.nothingChanged') });
          return;
        }
        const updated = await updateFeature(current.source, current.id, current.version as number, {
          ...(Object.keys(properties).length > 0 ? { properties } : {}),
          ...(geometryChanged ? { geometry } : {}),
        });
        opts.onSaved(current.source, updated, false);
        opts.notify('success', t('editing.toast.updated', { noun, name: titleOf(current.source, updated.properties, `#${updated.id}`) }));
      }
      opts.drawing?.clear();
      setState(null);
    } catch (error) {
      const conflict = versionConflictOf(error);
      if (conflict) recordConflict('save', conflict);
      else showProblems(error, geometry);
    }
  }, [patch, recordConflict, showProblems]);

  const askDelete = useCallback(() => patch({ confirmingDelete: true, notice: null }), [patch]);
  const cancelDelete = useCallback(() => patch({ confirmingDelete: false }), [patch]);

  const confirmDelete = useCallback(async () => {
    const { state: current, options: opts, i18n: { t } } = latest.current;
    if (!current || current.id === null || current.version === null || current.busy) return;
    patch({ busy: 'deleting', error: null, confirmingDelete: false });
    try {
      await deleteFeature(current.source, current.id, current.version);
      opts.onDeleted(current.source, current.id);
      opts.notify('success', t('editing.toast.deleted', { noun: t(`editing.noun.${current.source}`), name: titleOf(current.source, current.base?.properties, `#${current.id}`) }));
      opts.drawing?.clear();
      setState(null);
    } catch (error) {
      const conflict = versionConflictOf(error);
      if (conflict) recordConflict('delete', conflict);
      else showProblems(error, null);
    }
  }, [patch, recordConflict, showProblems]);

  const resolveConflict = useCallback(
    (choice: 'reload' | 'keep') => {
      const { state: current, options: opts, i18n: { t } } = latest.current;
      if (!current?.conflict) return;
      const { current: theirs, currentVersion } = current.conflict;
      const theirValues = valuesFromProperties(current.source, theirs.properties);
      if (choice === 'reload') {
        setState({ ...blank(current.source, theirValues), id: current.id, base: theirs, version: currentVersion, notice: t('editing.notice.reloaded', { version: currentVersion }) });
        opts.drawing?.load(theirs.geometry);
        return;
      }
      // Fields the planner changed keep their input; untouched fields take the newer version's values,
      // so the next save (a PATCH of only the changed fields) does not undo the other person's work.
      const merged: FormValues = { ...theirValues };
      for (const field of LAYER_FORMS[current.source].fields) {
        if (String(current.values[field.name]) !== String(current.initialValues[field.name])) merged[field.name] = current.values[field.name]!;
      }
      const mineChangedShape = !sameShape(opts.drawingState.geometry, current.base?.geometry);
      setState({
        ...current,
        base: theirs,
        version: currentVersion,
        values: merged,
        initialValues: theirValues,
        conflict: null,
        error: null,
        notice: t(current.conflict.intent === 'delete' ? 'editing.notice.keptDelete' : 'editing.notice.kept', { version: currentVersion }),
      });
      if (!mineChangedShape) opts.drawing?.load(theirs.geometry);
    },
    [],
  );

  const redraw = useCallback(() => {
    const { state: current, options: opts } = latest.current;
    if (!current) return;
    opts.drawing?.start(LAYER_FORMS[current.source].geometry);
    patch({ geometryErrors: [], rejectedGeometry: null, notice: null });
  }, [patch]);

  const close = useCallback(() => {
    latest.current.options.drawing?.clear();
    setState(null);
  }, []);

  return { state, dirty, openNew, openExisting, setValue, save, askDelete, cancelDelete, confirmDelete, resolveConflict, redraw, close };
}
