import type { ExpressionSpecification, GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { FeatureCollection } from 'geojson';
import { SEGREGATION_LAYER_IDS, SEGREGATION_SOURCES } from './layer-ids';
import { CONCENTRATION_HOTSPOT_COLOUR, LOCATION_QUOTIENT_CLASSES, LOCATION_QUOTIENT_NONE } from './palette';
import { reducedMotion, useSmallMap } from './use-small-map';
import './map-view.css';

export interface SegregationMapProps {
  styleUrl: string | null;
  basemap: FeatureCollection | null;
  /** Units with `lq` (number or null) and `small` (boolean) properties. */
  areas: FeatureCollection;
  /** Buildings over a concentration limit, with a `households` property. */
  hotspots: FeatureCollection;
  labels: { region: string; zoomIn: string; zoomOut: string; resetBearing: string; unsupported: string };
}

/** The fill colour of a unit by its location quotient class (palette.ts), as a MapLibre expression. */
function quotientColour(): ExpressionSpecification {
  const steps: Array<number | string> = [];
  LOCATION_QUOTIENT_CLASSES.slice(0, -1).forEach((c, i) => steps.push(c.below, (LOCATION_QUOTIENT_CLASSES[i + 1] as { colour: string }).colour));
  return [
    'case',
    ['any', ['==', ['get', 'lq'], null], ['<=', ['get', 'lq'], 0]],
    LOCATION_QUOTIENT_NONE,
    ['step', ['get', 'lq'], (LOCATION_QUOTIENT_CLASSES[0] as { colour: string }).colour, ...steps] as ExpressionSpecification,
  ];
}

function addLayers(map: MapLibreMap): void {
  map.addSource(SEGREGATION_SOURCES.areas, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  map.addSource(SEGREGATION_SOURCES.hotspots, { type: 'geojson', data: { type: 'FeatureCollection', features: [] } });
  map.addLayer({
    id: SEGREGATION_LAYER_IDS.fill,
    type: 'fill',
    source: SEGREGATION_SOURCES.areas,
    // Small units are paler: a handful of people moves their quotient a lot.
    paint: { 'fill-color': quotientColour(), 'fill-opacity': ['case', ['get', 'small'], 0.35, 0.8] },
  });
  map.addLayer({
    id: SEGREGATION_LAYER_IDS.line,
    type: 'line',
    source: SEGREGATION_SOURCES.areas,
    paint: { 'line-color': '#5b6472', 'line-width': 0.6 },
  });
  map.addLayer({
    id: SEGREGATION_LAYER_IDS.hotspots,
    type: 'circle',
    source: SEGREGATION_SOURCES.hotspots,
    paint: {
      'circle-radius': ['interpolate', ['linear'], ['get', 'households'], 1, 5, 20, 14],
      'circle-color': CONCENTRATION_HOTSPOT_COLOUR,
      'circle-stroke-color': '#ffffff',
      'circle-stroke-width': 2,
    },
  });
}

/** Returns the bounds of every coordinate of `collection`, or null when it has none. */
function boundsOf(collection: FeatureCollection): [[number, number], [number, number]] | null {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  const visit = (value: unknown): void => {
    if (!Array.isArray(value)) return;
    if (typeof value[0] === 'number' && typeof value[1] === 'number') {
      west = Math.min(west, value[0]);
      east = Math.max(east, value[0]);
      south = Math.min(south, value[1]);
      north = Math.max(north, value[1]);
      return;
    }
    value.forEach(visit);
  };
  for (const feature of collection.features) if (feature.geometry && 'coordinates' in feature.geometry) visit(feature.geometry.coordinates);
  return Number.isFinite(west) ? [[west, south], [east, north]] : null;
}

/**
 * The segregation map (issue 12): units coloured by the location quotient of the group, and the buildings
 * over a concentration limit. Exposed as `window.__punteMap`; `data-state="ready"` once drawn.
 */
export function SegregationMap({ styleUrl, basemap, areas, hotspots, labels }: SegregationMapProps) {
  const { containerRef, rendered, unsupported } = useSmallMap({
    styleUrl,
    basemap,
    labels,
    center: [23.6, 46.77],
    zoom: 10,
    addLayers,
    draw: (map) => {
      map.getSource<GeoJSONSource>(SEGREGATION_SOURCES.areas)?.setData(areas);
      map.getSource<GeoJSONSource>(SEGREGATION_SOURCES.hotspots)?.setData(hotspots);
      const bounds = boundsOf(areas);
      if (bounds) map.fitBounds(bounds, { padding: 24, maxZoom: 14, duration: reducedMotion() ? 0 : 400 });
    },
    drawDeps: [areas, hotspots],
  });

  return (
    <div className="map-view">
      <div ref={containerRef} className="map-view__canvas" data-testid="segregation-map" data-state={rendered ? 'ready' : 'loading'} />
      {unsupported && (
        <p className="map-view__message" role="alert">
          {labels.unsupported}
        </p>
      )}
    </div>
  );
}
