import { ImportError } from './import-error';
import type { SourceRow, SourceTable } from './import-types';

function declaredCrsOf(crs: unknown): string | undefined {
  if (!crs || typeof crs !== 'object') return undefined;
  const { type, properties } = crs as { type?: string; properties?: { name?: unknown; code?: unknown } };
  if (type === 'name' && typeof properties?.name === 'string') return properties.name;
  if (type === 'EPSG' && properties?.code !== undefined) return `EPSG:${properties.code}`;
  return undefined;
}

/** The geometry types of GeoJSON (RFC 7946 §3.1) a file may hold bare, without a Feature around it. */
export const GEOJSON_GEOMETRY_TYPES = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection'];

/**
 * Returns the rows of a GeoJSON FeatureCollection (or a single Feature, or a bare geometry as one row
 * without properties) given as text, bytes or a parsed object, with the CRS its legacy `crs` member
 * declares; throws an ImportError when it is none of these, naming what was expected.
 */
export function readGeoJsonSource(input: unknown): SourceTable {
  let data = input;
  if (typeof input === 'string' || input instanceof Uint8Array) {
    const text = typeof input === 'string' ? input : new TextDecoder().decode(input);
    try {
      data = JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (error) {
      throw new ImportError(`The file is not valid JSON: ${(error as Error).message}`);
    }
  }
  const object = (data ?? {}) as { type?: unknown; features?: unknown; crs?: unknown };
  if (object.type === 'GeometryCollection') {
    throw new ImportError('A GeometryCollection cannot be imported: a layer holds one Point or (Multi)Polygon per feature. Send a FeatureCollection with one Feature per place.', [
      { pointer: '/type', detail: 'expected "FeatureCollection", "Feature" or one geometry, got "GeometryCollection"' },
    ]);
  }
  const bareGeometry = typeof object.type === 'string' && GEOJSON_GEOMETRY_TYPES.includes(object.type);
  // A bare geometry is one feature without properties: the layer's required properties then come from --set.
  const features = object.type === 'Feature' ? [object] : bareGeometry ? [{ type: 'Feature', geometry: object, properties: {} }] : object.features;
  if ((object.type !== 'FeatureCollection' && object.type !== 'Feature' && !bareGeometry) || !Array.isArray(features)) {
    throw new ImportError('A GeoJSON import must be a FeatureCollection, one Feature or one geometry.', [
      { pointer: '/type', detail: `expected "FeatureCollection", "Feature" or a geometry type, got ${JSON.stringify(object.type)}` },
    ]);
  }
  const rows: SourceRow[] = features.map((feature: unknown, index) => {
    const pointer = object.type === 'FeatureCollection' ? `/features/${index}` : '';
    const f = (feature ?? {}) as { type?: unknown; id?: unknown; geometry?: unknown; properties?: unknown; crs?: unknown };
    const errors: SourceRow['errors'] = [];
    if (f.type !== 'Feature') errors.push({ pointer: `${pointer}/type`, detail: `expected a Feature, got ${JSON.stringify(f.type)}` });
    if (f.crs !== undefined) {
      errors.push({ pointer: `${pointer}/crs`, code: 'crs-member', detail: 'a "crs" member on a feature is not supported; declare the CRS of the whole import' });
    }
    const properties = f.properties && typeof f.properties === 'object' && !Array.isArray(f.properties) ? { ...(f.properties as Record<string, unknown>) } : {};
    // The Feature's own id is offered as the field "id" (map it with externalId=id to match on it).
    if (f.id !== undefined && !('id' in properties)) properties.id = f.id;
    return { index, pointer, fields: properties, geometry: f.geometry, errors };
  });
  return { rows, geometryFields: [], declaredCrs: declaredCrsOf(object.crs), notes: [] };
}
