import { useId, type ReactNode } from 'react';
import { useI18n, type MessageKey } from '../../lib/i18n';
import { accessOriginColour, accessScoreClasses, catchmentColours, SERVICE_CATEGORIES, type ServiceCategory } from '../../map/palette';
import { Swatch } from '../layers/swatch';
import type { GridCategory } from './api';
import type { AccessController, OverlayLoad } from './use-access';
import './access.css';

interface OverlayItemProps {
  title: string;
  visible: boolean;
  onVisibleChange: (visible: boolean) => void;
  status: string;
  busy: boolean;
  isError: boolean;
  testId: string;
  children: ReactNode;
}

/** One overlay in the layer panel, built like the data layers' items (same classes, same order of parts). */
function OverlayItem({ title, visible, onVisibleChange, status, busy, isError, testId, children }: OverlayItemProps) {
  const id = useId();
  return (
    <li className={`layer-item${visible ? '' : ' layer-item--hidden'}`} data-layer={testId}>
      <div className="layer-item__header">
        <input
          id={`${id}-visible`}
          type="checkbox"
          className="checkbox"
          checked={visible}
          onChange={(event) => onVisibleChange(event.target.checked)}
          aria-describedby={`${id}-status`}
        />
        <label htmlFor={`${id}-visible`} className="layer-item__title">
          {title}
        </label>
      </div>
      <p
        id={`${id}-status`}
        className={`layer-item__status${isError ? ' layer-item__status--error' : ''}${busy ? ' access-status--busy' : ''}`}
        role="status"
        aria-busy={busy}
      >
        {status}
      </p>
      <div className="layer-item__body">{children}</div>
    </li>
  );
}

interface CategorySelectProps<C extends string> {
  label: string;
  value: C;
  options: ReadonlyArray<{ value: C; label: string }>;
  onChange: (value: C) => void;
}

function CategorySelect<C extends string>({ label, value, options, onChange }: CategorySelectProps<C>) {
  const id = useId();
  return (
    <div className="access-select">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(event) => onChange(event.target.value as C)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The access overlays and the "access here" tool as items of the layer panel, each with its legend. */
export function AccessLayerItems({ access }: { access: AccessController }) {
  const { t, tEnum, formatNumber } = useI18n();
  const id = useId();
  const { grid, catchments } = access;

  const statusOf = (
    load: OverlayLoad,
    computing: string,
    ready: (load: Extract<OverlayLoad, { status: 'ready' }>) => string,
    errorKey: MessageKey,
  ) => {
    switch (load.status) {
      case 'off':
        return t('access.layer.off');
      case 'loading':
        return computing;
      case 'ready':
        return ready(load);
      case 'error':
        return t(errorKey, { message: load.message });
    }
  };

  const categoryOptions = SERVICE_CATEGORIES.map((category) => ({ value: category, label: tEnum('service.category', category) }));
  const gridOptions: Array<{ value: GridCategory; label: string }> = [{ value: 'all', label: t('access.grid.overall') }, ...categoryOptions];

  return (
    <>
      <OverlayItem
        title={t('access.grid.title')}
        testId="access-grid"
        visible={grid.visible}
        onVisibleChange={access.setGridVisible}
        busy={grid.load.status === 'loading'}
        isError={grid.load.status === 'error'}
        status={statusOf(
          grid.load,
          t('access.grid.computing'),
          (load) => t('access.grid.count', { count: formatNumber(load.count), width: formatNumber(load.cellWidthM ?? 400) }),
          'access.grid.error',
        )}
      >
        <CategorySelect label={t('access.grid.category')} value={grid.category} options={gridOptions} onChange={access.setGridCategory} />
        <p className="layer-item__subheading" id={`${id}-score`}>
          {t('access.legend.score')}
        </p>
        <ul className="legend access-ramp" aria-labelledby={`${id}-score`}>
          {accessScoreClasses.map((c) => (
            <li key={c.min} className="legend__item">
              <Swatch shape="fill" colour={c.colour} stroke={c.colour} />
              <span>{t('access.legend.class', { min: c.min, max: c.max })}</span>
              {c.min === 0 && <span className="legend__count">{t('access.legend.low')}</span>}
              {c.max === 100 && <span className="legend__count">{t('access.legend.high')}</span>}
            </li>
          ))}
        </ul>
        <p className="access-help">{t('access.grid.help')}</p>
      </OverlayItem>

      <OverlayItem
        title={t('access.catchments.title')}
        testId="access-catchments"
        visible={catchments.visible}
        onVisibleChange={access.setCatchmentsVisible}
        busy={catchments.load.status === 'loading'}
        isError={catchments.load.status === 'error'}
        status={statusOf(
          catchments.load,
          t('access.catchments.computing'),
          (load) => t('access.catchments.count', { count: formatNumber(load.count) }),
          'access.catchments.error',
        )}
      >
        <CategorySelect<ServiceCategory>
          label={t('access.catchments.category')}
          value={catchments.category}
          options={categoryOptions}
          onChange={access.setCatchmentsCategory}
        />
        <ul className="legend">
          {([500, 1000] as const).map((radius) => (
            <li key={radius} className="legend__item">
              <Swatch shape="fill" colour={catchmentColours[radius]?.fill ?? '#56B4E9'} stroke={catchmentColours[radius]?.line} />
              <span>{t(radius === 500 ? 'access.catchments.ring500' : 'access.catchments.ring1000')}</span>
            </li>
          ))}
        </ul>
      </OverlayItem>

      <li className="layer-item" data-layer="access-tool">
        <div className="layer-item__header">
          <input
            id={`${id}-tool`}
            type="checkbox"
            className="checkbox"
            checked={access.toolActive}
            onChange={(event) => access.setToolActive(event.target.checked)}
            aria-describedby={`${id}-tool-help`}
          />
          <label htmlFor={`${id}-tool`} className="layer-item__title">
            {t('access.tool.toggle')}
          </label>
        </div>
        <p id={`${id}-tool-help`} className="layer-item__status">
          {t('access.tool.help')}
        </p>
        <div className="layer-item__body">
          <button type="button" className="button button--small" onClick={access.openAtCentre}>
            {t('access.tool.centre')}
          </button>
          <ul className="legend access-origin-legend">
            <li className="legend__item">
              <Swatch shape="circle" colour={accessOriginColour} stroke="#1f2937" />
              <span>{t('access.tool.origin')}</span>
            </li>
          </ul>
        </div>
      </li>
    </>
  );
}
