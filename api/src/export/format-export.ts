import type { ExportedFeature, ExportSrid } from '../db/export-features';
import type { LayerDefinition } from '../db/layers';
import { toCsv } from './to-csv';

/** Returns the columns holding a layer's geometry in a CSV export: lon/lat or easting/northing for points, WKT for areas. */
export function geometryColumns(layer: LayerDefinition, srid: ExportSrid): string[] {
  if (layer.geometryType === 'MultiPolygon') return ['wkt'];
  return srid === 4326 ? ['lon', 'lat'] : ['easting', 'northing'];
}

/** Returns a FeatureCollection of the exported features; in Stereo 70 it names its CRS the pre-RFC 7946 way, so it re-imports as such. */
export function toGeoJsonExport(features: ExportedFeature[], srid: ExportSrid) {
  return {
    type: 'FeatureCollection',
    ...(srid === 4326 ? {} : { crs: { type: 'name', properties: { name: `urn:ogc:def:crs:EPSG::${srid}` } } }),
    features: features.map(({ wkt: _wkt, x: _x, y: _y, ...feature }) => feature),
  };
}

/** Returns the CSV text of the exported features: id, every property in layer order, then the geometry columns. */
export function toCsvExport(layer: LayerDefinition, features: ExportedFeature[], srid: ExportSrid): string {
  const properties = layer.columns.map((c) => c.property);
  const header = ['id', ...properties, ...geometryColumns(layer, srid)];
  const rows = features.map((f) => [
    f.id,
    ...properties.map((p) => f.properties[p]),
    ...(layer.geometryType === 'MultiPolygon' ? [f.wkt] : [f.x, f.y]),
  ]);
  return toCsv(header, rows);
}
