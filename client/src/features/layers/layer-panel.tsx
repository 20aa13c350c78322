import { useId, type ReactNode } from 'react';
import { useI18n } from '../../lib/i18n';
import {
  HOUSING_STATUSES,
  SERVICE_CATEGORIES,
  housingStatusColours,
  serviceCategoryColours,
  settlementColours,
  zoneKindColours,
} from '../../map/palette';
import { LayerItem } from './layer-item';
import { Swatch } from './swatch';
import type { LayerSettings } from './use-layer-settings';
import type { LayerLoads } from './use-map-data';
import './layer-panel.css';

export interface LayerPanelProps {
  layers: LayerLoads;
  settings: LayerSettings;
  /** Selects a settlement and zooms to it (the keyboard route to what the map shows). */
  onShowSettlement: (id: number) => void;
  /** Further layer items (overlays of other features, e.g. access), listed after the data layers. */
  children?: ReactNode;
}

/** The layer panel: one entry per data layer with a visibility checkbox and its legend; services filter by category. */
export function LayerPanel({ layers, settings, onShowSettlement, children }: LayerPanelProps) {
  const { t, tEnum, formatNumber } = useI18n();
  const id = useId();
  const { visibility, setVisible, serviceCategories, setCategoryVisible, setAllCategories } = settings;

  const settlements = layers.settlements.status === 'ready' ? layers.settlements.collection.features : [];
  const services = layers.services.status === 'ready' ? layers.services.collection.features : [];
  const housingUnits = layers['housing-units'].status === 'ready' ? layers['housing-units'].collection.features : [];
  const countBy = <T,>(items: T[], key: (item: T) => string) =>
    items.reduce((counts, item) => counts.set(key(item), (counts.get(key(item)) ?? 0) + 1), new Map<string, number>());
  const servicesPerCategory = countBy(services, (f) => f.properties.category);
  const unitsPerStatus = countBy(housingUnits, (f) => f.properties.status);

  return (
    <section className="layer-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="panel-heading">
        {t('panel.title')}
      </h2>
      <ul className="layer-panel__list">
        <LayerItem
          source="settlements"
          title={t('layer.settlements')}
          load={layers.settlements}
          visible={visibility.settlements}
          onVisibleChange={(visible) => setVisible('settlements', visible)}
        >
          <ul className="legend">
            <li className="legend__item">
              <Swatch shape="fill" colour={settlementColours.fill} stroke={settlementColours.outline} />
              <span>{t('legend.settlement')}</span>
            </li>
          </ul>
          {settlements.length > 0 && (
            <>
              <h3 className="layer-item__subheading" id={`${id}-settlements`}>
                {t('layer.settlementsList')}
              </h3>
              <ul className="settlement-list" aria-labelledby={`${id}-settlements`}>
                {settlements.map((feature) => (
                  <li key={feature.id}>
                    <button
                      type="button"
                      className="link-button"
                      aria-label={t('layer.showOnMap', { name: feature.properties.name })}
                      onClick={() => onShowSettlement(feature.id)}
                    >
                      {feature.properties.name}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </LayerItem>

        <LayerItem
          source="zones"
          title={t('layer.zones')}
          load={layers.zones}
          visible={visibility.zones}
          onVisibleChange={(visible) => setVisible('zones', visible)}
        >
          <ul className="legend">
            <li className="legend__item">
              <Swatch shape="outline" colour={zoneKindColours.locality} />
              <span>{tEnum('zone.kind', 'locality')}</span>
            </li>
            <li className="legend__item">
              <Swatch shape="thin-outline" colour={zoneKindColours.neighbourhood} />
              <span>{tEnum('zone.kind', 'neighbourhood')}</span>
            </li>
            <li className="legend__item">
              <Swatch shape="hatch" colour={zoneKindColours.intervention} />
              <span>{tEnum('zone.kind', 'intervention')}</span>
            </li>
          </ul>
        </LayerItem>

        <LayerItem
          source="housing-units"
          title={t('layer.housingUnits')}
          load={layers['housing-units']}
          visible={visibility['housing-units']}
          onVisibleChange={(visible) => setVisible('housing-units', visible)}
        >
          <ul className="legend">
            {HOUSING_STATUSES.map((status) => (
              <li key={status} className="legend__item">
                <Swatch shape="circle" colour={housingStatusColours[status]} stroke="#1f2937" />
                <span>{tEnum('housing.status', status)}</span>
                {housingUnits.length > 0 && (
                  <span className="legend__count">{formatNumber(unitsPerStatus.get(status) ?? 0)}</span>
                )}
              </li>
            ))}
          </ul>
        </LayerItem>

        <LayerItem
          source="services"
          title={t('layer.services')}
          load={layers.services}
          visible={visibility.services}
          onVisibleChange={(visible) => setVisible('services', visible)}
        >
          <fieldset className="category-filter">
            <legend className="layer-item__subheading">{t('services.filter')}</legend>
            <div className="category-filter__actions">
              <button type="button" className="button button--small" onClick={() => setAllCategories(true)}>
                {t('services.all')}
              </button>
              <button type="button" className="button button--small" onClick={() => setAllCategories(false)}>
                {t('services.none')}
              </button>
            </div>
            <ul className="legend">
              {SERVICE_CATEGORIES.map((category) => {
                const inputId = `${id}-category-${category}`;
                const countId = `${inputId}-count`;
                return (
                  <li key={category} className="legend__item legend__item--check">
                    <input
                      id={inputId}
                      type="checkbox"
                      className="checkbox"
                      checked={serviceCategories.includes(category)}
                      onChange={(event) => setCategoryVisible(category, event.target.checked)}
                      aria-describedby={services.length > 0 ? countId : undefined}
                    />
                    <Swatch shape="circle" colour={serviceCategoryColours[category]} stroke="#4b5563" />
                    <label htmlFor={inputId}>{tEnum('service.category', category)}</label>
                    {services.length > 0 && (
                      <span id={countId} className="legend__count">
                        {formatNumber(servicesPerCategory.get(category) ?? 0)}
                      </span>
                    )}
                  </li>
                );
              })}
            </ul>
          </fieldset>
        </LayerItem>
        {children}
      </ul>
    </section>
  );
}
