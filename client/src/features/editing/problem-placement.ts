/**
 * Where a write's problem belongs: under a form field, on the geometry (a vertex or ring on the map),
 * or in a general message. The server names places with JSON pointers (RFC 6901) such as
 * `/body/properties/name` or `/body/geometry/coordinates/0/3`, and for geometry with part/ring/vertex.
 */
import { kinks, pointToLineDistance } from '@turf/turf';
import type { Geometry, Position } from 'geojson';
import type { ProblemItem } from './api';

export interface PlacedProblems {
  /** Server sentences by form field name. */
  fields: Record<string, string>;
  geometry: ProblemItem[];
  general: string[];
}

const PROPERTY_POINTER = /^\/body\/properties\/([^/]+)/;

/** Returns the problem items sorted by where they belong. */
export function placeProblems(items: ProblemItem[], fieldNames: readonly string[]): PlacedProblems {
  const placed: PlacedProblems = { fields: {}, geometry: [], general: [] };
  for (const item of items) {
    const property = PROPERTY_POINTER.exec(item.pointer)?.[1];
    if (property && fieldNames.includes(property)) {
      placed.fields[property] ??= item.detail;
    } else if (item.pointer.startsWith('/body/geometry') || item.code !== undefined) {
      placed.geometry.push(item);
    } else {
      placed.general.push(property ? `${property}: ${item.detail}` : item.detail);
    }
  }
  return placed;
}

function indexesFromPointer(pointer: string): number[] {
  const match = /\/coordinates((?:\/\d+)*)/.exec(pointer);
  return match?.[1] ? match[1].split('/').filter(Boolean).map(Number) : [];
}

// Problems the server reports at the edge that starts at a vertex; the crossing itself is easier to find.
const CROSSINGS = new Set(['self-intersection', 'rings-cross', 'overlapping-parts']);

/** Returns the crossing of edges nearest to the edge that starts at `start`, or null when there is none. */
function crossingNear(geometry: Geometry, start: Position, next: Position | undefined): Position | null {
  if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') return null;
  let points: Position[];
  try {
    points = kinks(geometry).features.map((feature) => feature.geometry.coordinates);
  } catch {
    return null;
  }
  const edge = { type: 'LineString' as const, coordinates: [start, next ?? start] };
  let best: Position | null = null;
  let bestDistance = Infinity;
  for (const point of points) {
    const distance = pointToLineDistance(point, edge, { units: 'meters' });
    if (distance < bestDistance) [best, bestDistance] = [point, distance];
  }
  return best;
}

/**
 * Returns the position on the map a geometry problem points at — where edges cross for a crossing, else
 * the vertex, or the first vertex of the ring or part — or null when it names no place (an empty or
 * wrongly typed geometry).
 */
export function problemPosition(item: ProblemItem, geometry: Geometry | null): Position | null {
  const vertex = vertexPosition(item, geometry);
  if (vertex && geometry && item.code && CROSSINGS.has(item.code) && item.vertex !== undefined) {
    const next = vertexPosition({ ...item, vertex: item.vertex + 1 }, geometry) ?? undefined;
    return crossingNear(geometry, vertex, next) ?? vertex;
  }
  return vertex;
}

function vertexPosition(item: ProblemItem, geometry: Geometry | null): Position | null {
  if (!geometry || !('coordinates' in geometry)) return null;
  const fromPointer = indexesFromPointer(item.pointer);
  let path: number[];
  if (item.ring !== undefined || item.vertex !== undefined || item.part !== undefined) {
    path = geometry.type === 'MultiPolygon' ? [item.part ?? 0, item.ring ?? 0, item.vertex ?? 0] : [item.ring ?? 0, item.vertex ?? 0];
  } else {
    path = fromPointer;
  }
  let node: unknown = geometry.coordinates;
  for (const index of path) {
    if (!Array.isArray(node)) break;
    node = node[index];
  }
  // Descend to the first position when the path stopped at a ring or a part.
  while (Array.isArray(node) && Array.isArray(node[0])) node = node[0];
  return Array.isArray(node) && typeof node[0] === 'number' && typeof node[1] === 'number' ? [node[0], node[1]] : null;
}
