import { useEffect, useId, useRef } from 'react';
import { useI18n } from '../../lib/i18n';
import type { Geometry } from 'geojson';
import { formatMoment, formatValue } from './format-value';
import { LAYER_FORMS, valuesFromProperties, type FormValues } from './layer-forms';
import { sameShape, type Conflict, type EditorState } from './use-feature-editor';

export interface ConflictPanelProps {
  editor: EditorState;
  conflict: Conflict;
  /** The shape on the drawing layer now (the planner's). */
  geometry: Geometry | null;
  onResolve: (choice: 'reload' | 'keep') => void;
}

/**
 * The 412 answer made visible: who saved a newer version, that version field by field next to what the
 * planner typed (which is still in the form), and the two ways on. Takes focus so it is announced.
 */
export function ConflictPanel({ editor, conflict, geometry, onResolve }: ConflictPanelProps) {
  const i18n = useI18n();
  const { t } = i18n;
  const headingId = useId();
  const explainId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const form = LAYER_FORMS[editor.source];
  const theirs: FormValues = valuesFromProperties(editor.source, conflict.current.properties);

  useEffect(() => {
    headingRef.current?.focus();
  }, [conflict.currentVersion]);

  // Each field either side changed since the version the form read, with who changed it: on "keep", the
  // planner's changes stay and the other fields take the newer version's values.
  const rows = form.fields.flatMap((field) => {
    const base = editor.initialValues[field.name];
    const mine = formatValue(field, editor.values[field.name], i18n);
    const other = formatValue(field, theirs[field.name], i18n);
    const byMe = mine !== formatValue(field, base, i18n);
    const byThem = other !== formatValue(field, base, i18n);
    return byMe || byThem ? [{ field, mine, other, byMe, byThem }] : [];
  });
  const theirShapeChanged = !sameShape(conflict.current.geometry, editor.base?.geometry);
  const myShapeChanged = !sameShape(geometry, editor.base?.geometry);
  const who = conflict.changedBy ?? t('editing.conflict.someone');
  const changedBy = (byMe: boolean, byThem: boolean) =>
    byMe && byThem ? t('editing.conflict.changedByBoth') : byMe ? t('editing.conflict.changedByMe') : t('editing.conflict.changedByThem', { who });

  return (
    <section className="conflict-panel" aria-labelledby={headingId} data-testid="conflict-panel">
      <h3 id={headingId} ref={headingRef} tabIndex={-1} className="conflict-panel__title">
        {t(conflict.intent === 'delete' ? 'editing.conflict.titleDelete' : 'editing.conflict.title')}
      </h3>
      <p>
        {conflict.changedAt
          ? t('editing.conflict.byAt', { who, at: formatMoment(conflict.changedAt, i18n), version: conflict.currentVersion })
          : t('editing.conflict.by', { who, version: conflict.currentVersion })}{' '}
        {t('editing.conflict.yours', { version: editor.version ?? '?' })}
      </p>
      <p className="conflict-panel__kept">{t(conflict.intent === 'delete' ? 'editing.conflict.notDeleted' : 'editing.conflict.kept')}</p>
      {(rows.length > 0 || theirShapeChanged || myShapeChanged) && (
        <dl className="conflict-panel__changes" aria-label={t('editing.conflict.caption')}>
          {rows.map(({ field, mine, other, byMe, byThem }) => (
            <div key={field.name} className="conflict-panel__change" data-field={field.name}>
              <dt>
                {i18n.tEnum('prop', field.name)} <span className="conflict-panel__who">({changedBy(byMe, byThem)})</span>
              </dt>
              <dd>
                <span className="conflict-panel__side">{t('editing.conflict.theirs', { version: conflict.currentVersion })}:</span> {other}
              </dd>
              <dd className={byMe ? 'conflict-panel__mine' : undefined}>
                <span className="conflict-panel__side">{t('editing.conflict.mine')}:</span> {mine}
              </dd>
            </div>
          ))}
          {(theirShapeChanged || myShapeChanged) && (
            <div className="conflict-panel__change" data-field="geometry">
              <dt>
                {t('editing.geometry.label')} <span className="conflict-panel__who">({changedBy(myShapeChanged, theirShapeChanged)})</span>
              </dt>
              <dd>
                <span className="conflict-panel__side">{t('editing.conflict.theirs', { version: conflict.currentVersion })}:</span>{' '}
                {t(theirShapeChanged ? 'editing.conflict.shapeChanged' : 'editing.conflict.shapeSame')}
              </dd>
              <dd className={myShapeChanged ? 'conflict-panel__mine' : undefined}>
                <span className="conflict-panel__side">{t('editing.conflict.mine')}:</span>{' '}
                {t(myShapeChanged ? 'editing.conflict.shapeChanged' : 'editing.conflict.shapeSame')}
              </dd>
            </div>
          )}
        </dl>
      )}
      <p id={explainId} className="conflict-panel__explain">
        {t(conflict.intent === 'delete' ? 'editing.conflict.explainDelete' : 'editing.conflict.explain')}
      </p>
      <div className="conflict-panel__actions">
        <button type="button" className="button" aria-describedby={explainId} onClick={() => onResolve('reload')}>
          {t('editing.conflict.reload')}
        </button>
        <button type="button" className="button button--primary" aria-describedby={explainId} onClick={() => onResolve('keep')}>
          {t('editing.conflict.keep')}
        </button>
      </div>
    </section>
  );
}
