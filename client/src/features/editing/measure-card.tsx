import { length } from '@turf/turf';
import { useEffect, useId, useRef } from 'react';
import { useI18n } from '../../lib/i18n';
import { formatLength } from './format-length';
import type { EditingWorkspace } from './use-editing-workspace';
import './editing.css';

/**
 * The measuring tool: click points on the map, read the geodesic length of the line (Turf's `length`,
 * on the WGS84 ellipsoid's mean radius) in metres or kilometres; double-click or Enter ends the line,
 * which can then be reshaped by dragging its vertices.
 */
export function MeasureCard({ workspace }: { workspace: EditingWorkspace }) {
  const { t, formatNumber } = useI18n();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { drawing, drawingState, measuring } = workspace;

  useEffect(() => {
    if (measuring) headingRef.current?.focus();
  }, [measuring]);

  if (!measuring) return null;
  const line = drawingState.geometry?.type === 'LineString' ? drawingState.geometry : null;
  const metres = line && line.coordinates.length > 1 ? length({ type: 'Feature', geometry: line, properties: {} }, { units: 'meters' }) : 0;
  const drawingNow = drawingState.phase === 'drawing';

  return (
    <section
      className="editor-card measure-card"
      aria-labelledby={headingId}
      data-testid="measure-card"
      onKeyDown={(event) => {
        if (event.key === 'Escape') workspace.stopMeasure();
      }}
    >
      <header className="editor-card__header">
        <h2 id={headingId} ref={headingRef} tabIndex={-1} className="editor-card__title">
          {t('editing.measure.title')}
        </h2>
        <button type="button" className="icon-button" onClick={workspace.stopMeasure} aria-label={t('editing.measure.close')}>
          <span aria-hidden="true">×</span>
        </button>
      </header>
      <p className="geometry-tools__hint">{t(drawingNow ? 'editing.measure.hintDrawing' : drawingState.phase === 'editing' ? 'editing.measure.hintDone' : 'editing.measure.hintIdle')}</p>
      <p className="measure-card__result" aria-live="polite" data-testid="measured-length" data-metres={Math.round(metres * 100) / 100}>
        {t('editing.measure.length')}: <strong>{formatLength(metres, formatNumber)}</strong>
      </p>
      <div className="editor-card__actions">
        {drawingNow && (
          <button type="button" className="button button--small" disabled={drawingState.vertices < 2} onClick={() => drawing?.finish()}>
            {t('editing.measure.finish')}
          </button>
        )}
        {!drawingNow && (
          <button type="button" className="button button--small" onClick={() => drawing?.start('line')}>
            {t('editing.measure.again')}
          </button>
        )}
        <button type="button" className="button button--small" onClick={workspace.stopMeasure}>
          {t('editing.measure.close')}
        </button>
      </div>
    </section>
  );
}
