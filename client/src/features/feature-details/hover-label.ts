import type { I18n } from '../../lib/i18n';
import { LAYER_IDS } from '../../map/layer-ids';

const typeByLayer: Record<string, Parameters<I18n['t']>[0]> = {
  [LAYER_IDS.settlementsFill]: 'details.type.settlement',
  [LAYER_IDS.settlementsLine]: 'details.type.settlement',
  [LAYER_IDS.zonesFill]: 'details.type.zone',
  [LAYER_IDS.zonesLine]: 'details.type.zone',
  [LAYER_IDS.housingUnitsCircle]: 'details.type.housingUnit',
  [LAYER_IDS.servicesCircle]: 'details.type.service',
};

/**
 * Returns the tooltip text for a hovered map feature ("Type: name"), or null when it has no name.
 * Basemap features (whose names the offline style cannot draw as labels) use their `layer` property.
 */
export function hoverLabel(layerId: string, properties: Record<string, unknown>, i18n: I18n): string | null {
  const typeKey = typeByLayer[layerId];
  if (typeKey) {
    if (layerId === LAYER_IDS.servicesCircle && typeof properties.category === 'string') {
      const category = i18n.tEnum('service.category', properties.category);
      return typeof properties.name === 'string' ? `${properties.name} (${category})` : category;
    }
    if (layerId === LAYER_IDS.housingUnitsCircle) {
      const status = typeof properties.status === 'string' ? i18n.tEnum('housing.status', properties.status) : '';
      const label = [properties.code, properties.address].filter((part) => typeof part === 'string' && part).join(' · ');
      return `${i18n.t(typeKey)} ${label}${status ? ` (${status})` : ''}`.trim();
    }
    if (layerId === LAYER_IDS.zonesFill || layerId === LAYER_IDS.zonesLine) {
      const kind = typeof properties.kind === 'string' ? i18n.tEnum('zone.kind', properties.kind) : i18n.t(typeKey);
      return typeof properties.name === 'string' ? `${kind}: ${properties.name}` : kind;
    }
    return typeof properties.name === 'string' ? `${i18n.t(typeKey)}: ${properties.name}` : i18n.t(typeKey);
  }
  if (typeof properties.name !== 'string' || !properties.name) return null;
  const kind = typeof properties.layer === 'string' ? i18n.tEnum('basemap', properties.layer) : null;
  return kind && kind !== properties.layer ? `${properties.name} (${kind})` : properties.name;
}
