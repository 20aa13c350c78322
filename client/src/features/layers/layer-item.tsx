import { useId, type ReactNode } from 'react';
import { useI18n } from '../../lib/i18n';
import type { DataSourceId } from '../../map/layer-ids';
import type { LayerLoad } from './use-map-data';

interface CountedCollection {
  features: unknown[];
  numberMatched?: number;
  numberReturned?: number;
}

export interface LayerItemProps {
  source: DataSourceId;
  title: string;
  load: LayerLoad<CountedCollection>;
  visible: boolean;
  onVisibleChange: (visible: boolean) => void;
  children?: ReactNode;
}

/** One layer in the panel: a visibility checkbox, a live load status, and its legend below. */
export function LayerItem({ source, title, load, visible, onVisibleChange, children }: LayerItemProps) {
  const { t, formatNumber } = useI18n();
  const id = useId();
  const checkboxId = `${id}-visible`;
  const statusId = `${id}-status`;

  let status: string;
  let isError = false;
  if (load.status === 'loading') {
    status = t('layer.loading');
  } else if (load.status === 'error') {
    status = load.forbidden ? t('layer.forbidden') : t('layer.error', { message: load.message });
    isError = true;
  } else {
    const returned = load.collection.numberReturned ?? load.collection.features.length;
    const matched = load.collection.numberMatched;
    status =
      matched !== undefined && matched > returned
        ? t('layer.partial', { returned: formatNumber(returned), matched: formatNumber(matched) })
        : t('layer.count', { count: formatNumber(returned) });
  }

  return (
    <li className={`layer-item${visible ? '' : ' layer-item--hidden'}`} data-layer={source}>
      <div className="layer-item__header">
        <input
          id={checkboxId}
          type="checkbox"
          className="checkbox"
          checked={visible}
          onChange={(event) => onVisibleChange(event.target.checked)}
          aria-describedby={statusId}
        />
        <label htmlFor={checkboxId} className="layer-item__title">
          {title}
        </label>
      </div>
      <p id={statusId} className={`layer-item__status${isError ? ' layer-item__status--error' : ''}`} aria-live="polite">
        {status}
      </p>
      {children && <div className="layer-item__body">{children}</div>}
    </li>
  );
}
