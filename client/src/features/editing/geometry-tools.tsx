import type { Ref } from 'react';
import { useI18n, type MessageKey } from '../../lib/i18n';
import { DRAWING_COLOURS, type Drawing, type DrawingState } from '../../map/drawing';
import type { ProblemItem } from './api';

export interface GeometryToolsProps {
  shape: 'polygon' | 'point';
  drawing: Drawing | null;
  state: DrawingState;
  problems: ProblemItem[];
  disabled: boolean;
  onRedraw: () => void;
  /** The list of geometry problems, focused after a refused save. */
  problemsRef?: Ref<HTMLDivElement>;
}

function hintKey(shape: 'polygon' | 'point', state: DrawingState): MessageKey {
  if (state.phase === 'drawing') return shape === 'polygon' ? 'editing.hint.drawPolygon' : 'editing.hint.placePoint';
  if (state.phase === 'editing') return shape === 'polygon' ? 'editing.hint.editPolygon' : 'editing.hint.movePoint';
  return shape === 'polygon' ? 'editing.hint.noPolygon' : 'editing.hint.noPoint';
}

/** Returns the server's geometry problem in the reader's language (by its code), with where it is. */
function useDescribeProblem(): (item: ProblemItem) => string {
  const { t, tEnum } = useI18n();
  return (item) => {
    // Known codes read in the planner's language; a code this client does not know keeps the server's sentence.
    const known = item.code ? tEnum('editing.issue', item.code) : undefined;
    const reason = known && known !== item.code ? known : item.detail;
    const where: string[] = [];
    if (item.part !== undefined) where.push(t('editing.where.part', { n: item.part + 1 }));
    if (item.ring !== undefined) where.push(item.ring === 0 ? t('editing.where.outerRing') : t('editing.where.hole', { n: item.ring }));
    if (item.vertex !== undefined) where.push(t('editing.where.vertex', { n: item.vertex + 1 }));
    return where.length > 0 ? `${where.join(', ')}: ${reason}` : reason;
  };
}

/**
 * The geometry half of the editor: what to do on the map now, the buttons that do the same from the
 * keyboard (finish, cancel, redraw), the drawing layer's legend, and the server's geometry problems,
 * numbered like their red rings on the map.
 */
export function GeometryTools({ shape, drawing, state, problems, disabled, onRedraw, problemsRef }: GeometryToolsProps) {
  const { t } = useI18n();
  const describe = useDescribeProblem();
  const drawingNow = state.phase === 'drawing';

  return (
    <div className="geometry-tools" role="group" aria-label={t('editing.geometry.label')}>
      <p className="geometry-tools__hint" id="editing-geometry-hint" aria-live="polite">
        {t(hintKey(shape, state))}
        {shape === 'polygon' && state.phase !== 'idle' && <> {t('editing.geometry.vertices', { count: state.vertices })}</>}
      </p>
      <div className="geometry-tools__actions">
        {drawingNow && shape === 'polygon' && (
          <button type="button" className="button button--small" disabled={disabled || state.vertices < 3} onClick={() => drawing?.finish()}>
            {t('editing.geometry.finish')}
          </button>
        )}
        {drawingNow && (
          <button type="button" className="button button--small" disabled={disabled} onClick={() => drawing?.cancel()}>
            {t('editing.geometry.cancel')}
          </button>
        )}
        {!drawingNow && (
          <button type="button" className="button button--small" disabled={disabled} onClick={onRedraw}>
            {t(state.phase === 'idle' ? (shape === 'polygon' ? 'editing.geometry.draw' : 'editing.geometry.place') : 'editing.geometry.redraw')}
          </button>
        )}
      </div>
      <ul className="legend geometry-tools__legend" aria-label={t('editing.legend.label')}>
        <li className="legend__item">
          <span className="editing-swatch" style={{ borderColor: DRAWING_COLOURS.shape, background: `${DRAWING_COLOURS.shape}40` }} aria-hidden="true" />
          <span>{t('editing.legend.shape')}</span>
        </li>
        {problems.length > 0 && (
          <li className="legend__item">
            <span className="editing-swatch editing-swatch--issue" style={{ borderColor: DRAWING_COLOURS.issue }} aria-hidden="true" />
            <span>{t('editing.legend.issue')}</span>
          </li>
        )}
      </ul>
      {problems.length > 0 && (
        <div ref={problemsRef} tabIndex={-1} className="geometry-tools__problems" role="alert">
          <p className="geometry-tools__problems-title">{t('editing.geometry.problems', { count: problems.length })}</p>
          <ol>
            {problems.map((item, index) => (
              <li key={`${item.pointer}-${index}`} data-pointer={item.pointer}>
                {describe(item)}
              </li>
            ))}
          </ol>
        </div>
      )}
    </div>
  );
}
