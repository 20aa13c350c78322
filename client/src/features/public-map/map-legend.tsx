import { countClasses, HIDDEN_COLOUR, NO_PROGRESS_COLOUR, PROGRESS_CLASSES, type ColourClass, type PublicMapViewName } from '../../map/public-map-layers';
import { formatPercent } from './format-count';
import type { PublicI18n } from './use-public-i18n';

function rangeLabel(i18n: PublicI18n, c: ColourClass, percent: boolean): string {
  const f = (n: number) => (percent ? formatPercent(i18n, n) : i18n.formatNumber(n));
  if (c.max === c.min) return f(c.min);
  if (c.max === null) return `≥ ${f(c.min)}`;
  return `${f(c.min)}–${f(c.max)}`;
}

/** The legend of the current map view: colour classes, plus the hatch of hidden counts. */
export function MapLegend({ i18n, view, k }: { i18n: PublicI18n; view: PublicMapViewName; k: number }) {
  const { t } = i18n;
  const progress = view === 'interventions';
  const items = progress
    ? [
        ...PROGRESS_CLASSES.map((c) => ({ key: String(c.min), colour: c.colour, label: rangeLabel(i18n, c, true), hatch: false })),
        { key: 'none', colour: NO_PROGRESS_COLOUR, label: t('legend.none'), hatch: false },
      ]
    : [
        ...countClasses(k).map((c) => ({ key: String(c.min), colour: c.colour, label: rangeLabel(i18n, c, false), hatch: false })),
        { key: 'hidden', colour: HIDDEN_COLOUR, label: t('legend.hidden'), hatch: true },
      ];
  return (
    <figure className="map-legend" aria-labelledby="map-legend-title">
      <figcaption id="map-legend-title" className="map-legend__title">
        {progress ? t('legend.progress') : t('legend.households')}
      </figcaption>
      <ul className="map-legend__items">
        {items.map((item) => (
          <li key={item.key} className="map-legend__item">
            <span
              className={item.hatch ? 'map-legend__swatch map-legend__swatch--hatch' : 'map-legend__swatch'}
              style={item.hatch ? undefined : { background: item.colour }}
              aria-hidden="true"
            />
            {item.label}
          </li>
        ))}
      </ul>
    </figure>
  );
}
