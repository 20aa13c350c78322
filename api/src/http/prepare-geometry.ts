import type { Knex } from 'knex';
import type { Config } from '../config';
import type { LayerDefinition } from '../db/layers';
import { repairPolygon, type RepairReport } from '../db/repair-geometry';
import { allRepairable, type GeometryIssue } from '../geo/geometry-issue';
import { normaliseWinding } from '../geo/normalise-winding';
import { toLayerGeometry } from '../geo/to-layer-geometry';
import { validateGeometry } from '../geo/validate-geometry';
import type { MultiPolygonGeometry, PointGeometry } from '../geo/geojson-types';
import { geometryProblem } from './geometry-problem';

export type PreparedGeometry = { geometry: MultiPolygonGeometry | PointGeometry; repair?: RepairReport & { issues: GeometryIssue[] } };

/**
 * Returns the geometry of a write body ready to store — validated, in the layer's type, wound by RFC 7946 —
 * or throws a 422 problem naming every issue. With `repair`, topology issues are mended by ST_MakeValid
 * (polygon layers) and the result says what changed; other issues still fail.
 */
export async function prepareGeometry(
  knex: Knex,
  config: Config,
  layer: LayerDefinition,
  value: unknown,
  options: { repair: boolean; pointer?: string },
): Promise<PreparedGeometry> {
  const pointer = options.pointer ?? '/body/geometry';
  const rules = { layerType: layer.geometryType, maxVertices: config.maxVertices, wgs84: true, region: config.regionBbox, topology: true };
  const { issues, geometry } = validateGeometry(value, pointer, rules);
  if (issues.length === 0 && geometry) return { geometry: toLayerGeometry(normaliseWinding(geometry)) };
  const canRepair = options.repair && layer.geometryType === 'MultiPolygon' && geometry && allRepairable(issues);
  if (!canRepair) {
    const hint = !options.repair && allRepairable(issues) && layer.geometryType === 'MultiPolygon' ? ' Send it again with ?repair=true to mend it with ST_MakeValid.' : '';
    throw geometryProblem(issues, hint);
  }
  const repaired = await repairPolygon(knex, geometry);
  if (repaired.empty || !repaired.valid) {
    throw geometryProblem([
      ...issues,
      { code: 'empty', pointer, detail: 'Nothing of the area is left after ST_MakeValid: the shape has no interior.' },
    ]);
  }
  // Range, region and size checks again on what PostGIS produced; its topology PostGIS has just vouched for.
  const again = validateGeometry(repaired.geometry, pointer, { ...rules, topology: false });
  if (again.issues.length > 0) throw geometryProblem(again.issues);
  return { geometry: repaired.geometry, repair: { ...repaired.report, issues } };
}
