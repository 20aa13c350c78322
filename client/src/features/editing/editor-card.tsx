import { useEffect, useId, useRef, useState } from 'react';
import { useI18n } from '../../lib/i18n';
import { ConflictPanel } from './conflict-panel';
import { FormField } from './form-field';
import { GeometryTools } from './geometry-tools';
import { LAYER_FORMS } from './layer-forms';
import type { EditingWorkspace } from './use-editing-workspace';
import './editing.css';

/**
 * The floating card in which a planner creates or changes one feature: geometry tools, the conflict
 * panel after a 412, the labelled form, and Save / Delete / Close. Closing with unsaved changes asks first.
 */
export function EditorCard({ workspace }: { workspace: EditingWorkspace }) {
  const { t } = useI18n();
  const { editor, drawing, drawingState } = workspace;
  const state = editor.state;
  const headingId = useId();
  const idPrefix = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const messageRef = useRef<HTMLParagraphElement>(null);
  const problemsRef = useRef<HTMLDivElement>(null);
  const [confirmClose, setConfirmClose] = useState(false);

  const opened = state ? `${state.source}/${state.id ?? 'new'}` : null;
  useEffect(() => {
    setConfirmClose(false);
    if (opened) headingRef.current?.focus();
  }, [opened]);

  // After a refused save, move focus to the first problem so keyboard and screen-reader users find it.
  const attempt = state?.attempt ?? 0;
  useEffect(() => {
    if (!state || attempt === 0 || state.conflict) return;
    const firstField = LAYER_FORMS[state.source].fields.find((field) => state.fieldErrors[field.name]);
    if (firstField) {
      formRef.current?.querySelector<HTMLElement>(`[data-field="${firstField.name}"]`)?.focus();
    } else if (state.geometryErrors.length > 0) {
      problemsRef.current?.focus();
    } else {
      messageRef.current?.focus();
    }
    // Keyed on the attempt only: a new refusal moves focus, typing must not.
  }, [attempt]);

  if (!state) return null;
  const form = LAYER_FORMS[state.source];
  const noun = t(`editing.noun.${state.source}`);
  const rawTitle = state.base?.properties[form.titleField];
  const title =
    state.id === null
      ? t(`editing.newTitle.${state.source}`)
      : t('editing.editTitle', { name: typeof rawTitle === 'string' && rawTitle ? rawTitle : `#${state.id}` });
  const busy = state.busy !== null;
  const blocked = busy || state.conflict !== null;

  const requestClose = () => {
    if (editor.dirty) setConfirmClose(true);
    else editor.close();
  };

  return (
    <section className="editor-card" aria-labelledby={headingId} data-testid="editor-card">
      <header className="editor-card__header">
        <div>
          <p className="editor-card__type">{noun}</p>
          <h2 id={headingId} ref={headingRef} tabIndex={-1} className="editor-card__title">
            {title}
          </h2>
          {state.version !== null && <p className="editor-card__version">{t('editing.version', { version: state.version })}</p>}
        </div>
        <button type="button" className="icon-button" onClick={requestClose} aria-label={t('editing.close')}>
          <span aria-hidden="true">×</span>
        </button>
      </header>

      {state.busy === 'loading' ? (
        <p role="status">{t('editing.loading')}</p>
      ) : (
        <>
          <GeometryTools
            shape={form.geometry}
            drawing={drawing}
            state={drawingState}
            problems={state.geometryErrors}
            disabled={blocked}
            onRedraw={editor.redraw}
            problemsRef={problemsRef}
          />

          {state.conflict && (
            <ConflictPanel editor={state} conflict={state.conflict} geometry={drawingState.geometry} onResolve={editor.resolveConflict} />
          )}

          <form
            ref={formRef}
            className="editor-form"
            noValidate
            aria-describedby={state.error ? `${idPrefix}-error` : undefined}
            onSubmit={(event) => {
              event.preventDefault();
              void editor.save();
            }}
          >
            {form.fields.map((field) => (
              <FormField
                key={field.name}
                field={field}
                idPrefix={idPrefix}
                value={state.values[field.name]}
                error={state.fieldErrors[field.name]}
                disabled={busy}
                onChange={(value) => editor.setValue(field.name, value)}
              />
            ))}

            {state.error && (
              <p id={`${idPrefix}-error`} ref={messageRef} tabIndex={-1} className="editor-card__error" role="alert">
                {state.error}
              </p>
            )}
            {!state.error && state.notice && (
              <p ref={messageRef} tabIndex={-1} className="editor-card__notice" role="status">
                {state.notice}
              </p>
            )}

            {state.confirmingDelete ? (
              <div className="editor-card__confirm" role="group" aria-label={t('editing.delete.confirmLabel')}>
                <p>{t('editing.delete.confirm', { noun })}</p>
                <div className="editor-card__actions">
                  <button type="button" className="button button--danger" onClick={() => void editor.confirmDelete()} autoFocus>
                    {t('editing.delete.yes')}
                  </button>
                  <button type="button" className="button" onClick={editor.cancelDelete}>
                    {t('editing.delete.no')}
                  </button>
                </div>
              </div>
            ) : confirmClose ? (
              <div className="editor-card__confirm" role="group" aria-label={t('editing.discard.label')}>
                <p>{t('editing.discard.question')}</p>
                <div className="editor-card__actions">
                  <button type="button" className="button button--danger" onClick={editor.close} autoFocus>
                    {t('editing.discard.yes')}
                  </button>
                  <button type="button" className="button" onClick={() => setConfirmClose(false)}>
                    {t('editing.discard.no')}
                  </button>
                </div>
              </div>
            ) : (
              <div className="editor-card__actions">
                <button type="submit" className="button button--primary" disabled={blocked}>
                  {state.busy === 'saving' ? t('editing.saving') : t('editing.save')}
                </button>
                {state.id !== null && (
                  <button type="button" className="button button--danger-outline" disabled={blocked} onClick={editor.askDelete}>
                    {state.busy === 'deleting' ? t('editing.deleting') : t('editing.delete.button')}
                  </button>
                )}
                <button type="button" className="button" disabled={busy} onClick={requestClose}>
                  {t('editing.cancel')}
                </button>
              </div>
            )}
          </form>
        </>
      )}
    </section>
  );
}
