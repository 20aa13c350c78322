import { checkCoordinateRanges } from './check-coordinate-ranges';
import { checkCoordinates, COORDINATE_DEPTH } from './check-coordinates';
import { checkPolygonTopology, type VertexPointer } from './check-polygon-topology';
import { checkRings } from './check-rings';
import { countVertices } from './count-vertices';
import type { GeometryIssue } from './geometry-issue';
import type { BoundingBox, LayerGeometry, LayerGeometryType, Ring } from './geojson-types';

export type GeometryRules = {
  /** What the layer stores: 'MultiPolygon' layers accept Polygon and MultiPolygon, 'Point' layers Point. */
  layerType: LayerGeometryType;
  maxVertices: number;
  /** Check WGS84 ranges (and `region` when given); off for coordinates still in a projected source CRS. */
  wgs84: boolean;
  region?: BoundingBox;
  /** Check self-intersections, holes and overlapping parts; off when the caller repairs with ST_MakeValid. */
  topology: boolean;
};

export type GeometryValidation = {
  issues: GeometryIssue[];
  /** The geometry, typed, when its structure is sound (it may still carry topology or range issues). */
  geometry?: LayerGeometry;
};

const GEOJSON_TYPES = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection'];

function accepted(layerType: LayerGeometryType): Array<keyof typeof COORDINATE_DEPTH> {
  return layerType === 'Point' ? ['Point'] : ['Polygon', 'MultiPolygon'];
}

/** Returns the issues of the geometry's own members (crs, type) before its coordinates are looked at. */
function checkEnvelope(value: Record<string, unknown>, pointer: string, rules: GeometryRules): GeometryIssue[] {
  const issues: GeometryIssue[] = [];
  if ('crs' in value) {
    issues.push({
      code: 'crs-member',
      pointer: `${pointer}/crs`,
      detail:
        'A "crs" member is not accepted: GeoJSON is WGS84 longitude/latitude (RFC 7946 §4). Send WGS84, or import the file with its CRS declared (e.g. crs=EPSG:3844).',
    });
  }
  const type = value.type;
  if (type === 'GeometryCollection') {
    issues.push({
      code: 'geometry-collection',
      pointer: `${pointer}/type`,
      detail: `A GeometryCollection cannot be stored; send one ${accepted(rules.layerType).join(' or ')}.`,
    });
  } else if (typeof type !== 'string' || !GEOJSON_TYPES.includes(type)) {
    issues.push({ code: 'malformed', pointer: `${pointer}/type`, detail: `"type" must be a GeoJSON geometry type, got ${JSON.stringify(type)}.` });
  } else if (!(accepted(rules.layerType) as string[]).includes(type)) {
    issues.push({
      code: 'wrong-type',
      pointer: `${pointer}/type`,
      detail: `This layer stores ${rules.layerType === 'Point' ? 'points: send a Point' : 'areas: send a Polygon or MultiPolygon'}, not a ${type}.`,
    });
  }
  return issues;
}

/**
 * Returns every reason `value` cannot be stored as the geometry of a layer — structure, type, crs member,
 * dimensions, finite numbers, vertex count, WGS84 range and region, closed rings of 4+ positions,
 * topology — each with a JSON pointer under `pointer` (e.g. `/body/geometry/coordinates/0/3`).
 * An empty `issues` list means the geometry is valid; the input is never modified.
 */
export function validateGeometry(value: unknown, pointer: string, rules: GeometryRules): GeometryValidation {
  if (value === null || value === undefined) {
    return { issues: [{ code: 'empty', pointer, detail: 'A geometry is required.' }] };
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    return { issues: [{ code: 'malformed', pointer, detail: 'The geometry must be a GeoJSON geometry object.' }] };
  }
  const object = value as Record<string, unknown>;
  const envelope = checkEnvelope(object, pointer, rules);
  if (envelope.some((issue) => issue.code !== 'crs-member')) return { issues: envelope };
  const type = object.type as keyof typeof COORDINATE_DEPTH;
  const coordinatesPointer = `${pointer}/coordinates`;
  const vertices = countVertices(object.coordinates);
  if (vertices > rules.maxVertices) {
    return {
      issues: [
        ...envelope,
        {
          code: 'too-many-vertices',
          pointer: coordinatesPointer,
          detail: `The geometry has ${vertices} vertices; at most ${rules.maxVertices} are accepted. Simplify it first.`,
        },
      ],
    };
  }
  const structure = checkCoordinates(object.coordinates, COORDINATE_DEPTH[type], coordinatesPointer);
  if (structure.length > 0) return { issues: [...envelope, ...structure] };
  const geometry = object as unknown as LayerGeometry;
  const issues = [...envelope];
  if (rules.wgs84) issues.push(...checkCoordinateRanges(geometry, coordinatesPointer, rules.region));
  if (geometry.type === 'Point') return { issues, geometry };

  const polygons: Ring[][] = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const vertexPointer: VertexPointer = (part, ring, vertex) =>
    `${coordinatesPointer}/${geometry.type === 'MultiPolygon' ? `${part}/` : ''}${ring}${vertex === undefined ? '' : `/${vertex}`}`;
  const ringIssues = checkRings(polygons, vertexPointer).map((issue) => (geometry.type === 'Polygon' ? withoutPart(issue) : issue));
  if (ringIssues.length > 0) return { issues: [...issues, ...ringIssues], geometry };
  if (rules.topology) {
    const topology = checkPolygonTopology(polygons, vertexPointer);
    issues.push(...(geometry.type === 'Polygon' ? topology.map(withoutPart) : topology));
  }
  return { issues, geometry };
}

/** A Polygon has no parts: its issues name only ring and vertex. */
function withoutPart(issue: GeometryIssue): GeometryIssue {
  const { part: _part, ...rest } = issue;
  return rest;
}
