import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useI18n } from '../../lib/i18n';
import type { DataSourceId } from '../../map/layer-ids';
import { describeFeature } from './format-properties';
import './feature-details.css';

export interface FeatureDetailsProps {
  source: DataSourceId;
  id: number;
  properties: Record<string, unknown>;
  zoneName: (id: number) => string | undefined;
  /** Move keyboard focus to the panel (when it was opened from a control rather than a map click). */
  takeFocus: boolean;
  onClose: () => void;
  /** Actions offered for the feature (e.g. "Acces la servicii"), shown below its properties. */
  children?: ReactNode;
}

/** The details card for the selected feature: translated labels, formatted values, Escape or the button closes it. */
export function FeatureDetails({ source, id, properties, zoneName, takeFocus, onClose, children }: FeatureDetailsProps) {
  const i18n = useI18n();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const description = describeFeature(source, id, properties, i18n, zoneName);

  useEffect(() => {
    if (takeFocus) headingRef.current?.focus();
  }, [takeFocus, source, id]);

  return (
    <section
      className="feature-details"
      aria-labelledby={headingId}
      data-testid="feature-details"
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose();
      }}
    >
      <header className="feature-details__header">
        <div>
          <p className={`feature-details__type feature-details__type--${source}`}>{description.type}</p>
          <h2 id={headingId} ref={headingRef} tabIndex={-1} className="feature-details__title">
            {description.title}
          </h2>
        </div>
        <button type="button" className="icon-button" onClick={onClose} aria-label={i18n.t('details.close')}>
          <span aria-hidden="true">×</span>
        </button>
      </header>
      {description.notes.map((note) => (
        <p key={note} className="feature-details__note">
          {note}
        </p>
      ))}
      <dl className="feature-details__list">
        {description.rows.map((row) => (
          <div key={row.key} className="feature-details__row">
            <dt>{row.label}</dt>
            <dd>{row.value}</dd>
          </div>
        ))}
      </dl>
      {children && <div className="feature-details__actions">{children}</div>}
    </section>
  );
}
