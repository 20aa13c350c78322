import { ImportError } from './import-error';
import type { SourceRow, SourceTable } from './import-types';

function declaredCrsOf(crs: unknown): string | undefined {
  if (!crs || typeof crs !== 'object') return undefined;
  const { type, properties } = crs as { type?: string; properties?: { name?: unknown; code?: unknown } };
  if (type === 'name' && typeof properties?.name === 'string') return properties.name;
  if (type === 'EPSG' && properties?.code !== undefined) return `EPSG:${properties.code}`;
  return undefined;
}

/**
 * Returns the rows of a GeoJSON FeatureCollection (or a single Feature) given as text, bytes or a parsed
 * object, with the CRS its legacy `crs` member declares; throws an ImportError when it is not one.
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
  const features = object.type === 'Feature' ? [object] : object.features;
  if ((object.type !== 'FeatureCollection' && object.type !== 'Feature') || !Array.isArray(features)) {
    throw new ImportError('A GeoJSON import must be a FeatureCollection (or one Feature).', [
      { pointer: '/type', detail: `expected "FeatureCollection", got ${JSON.stringify(object.type)}` },
    ]);
  }
  const rows: SourceRow[] = features.map((feature: unknown, index) => {
    const pointer = object.type === 'Feature' ? '' : `/features/${index}`;
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
