import type { GeometryIssue } from './geometry-issue';

/** Nesting depth of `coordinates` per geometry type: 0 means the coordinates are one position. */
export const COORDINATE_DEPTH = { Point: 0, Polygon: 2, MultiPolygon: 3 } as const;

// A geometry with thousands of NaNs needs one line of explanation, not thousands.
const MAX_ISSUES = 20;

type Where = { pointer: string; part?: number; ring?: number; vertex?: number };

/** Names the indexes of a coordinates path: [ring, vertex] in a Polygon, [part, ring, vertex] in a MultiPolygon. */
function locate(path: number[], depth: number, pointer: string): Where {
  const where: Where = { pointer };
  if (depth === 3 && path[0] !== undefined) where.part = path[0];
  const rest = depth === 3 ? path.slice(1) : path;
  if (depth >= 2 && rest[0] !== undefined) where.ring = rest[0];
  if (depth >= 2 && rest[1] !== undefined) where.vertex = rest[1];
  return where;
}

const show = (value: unknown) => (value === undefined ? 'nothing' : JSON.stringify(value) ?? String(value));

function checkPosition(position: unknown, where: Where, issues: GeometryIssue[]): void {
  if (!Array.isArray(position)) {
    issues.push({ code: 'malformed', ...where, detail: `Expected a position [longitude, latitude], got ${show(position)}.` });
    return;
  }
  if (position.length < 2) {
    issues.push({ code: 'malformed', ...where, detail: `A position needs longitude and latitude; got ${position.length} number(s).` });
    return;
  }
  if (position.length > 3) {
    issues.push({
      code: 'too-many-dimensions',
      ...where,
      detail: `A position has at most 3 numbers (longitude, latitude, height); got ${position.length}.`,
    });
    return;
  }
  position.forEach((value, axis) => {
    const axisWhere = { ...where, pointer: `${where.pointer}/${axis}` };
    const axisName = ['longitude', 'latitude', 'height'][axis];
    if (typeof value !== 'number') {
      issues.push({ code: 'non-numeric-coordinate', ...axisWhere, detail: `The ${axisName} must be a number, got ${show(value)}.` });
    } else if (!Number.isFinite(value)) {
      issues.push({
        code: 'non-finite-coordinate',
        ...axisWhere,
        detail: `The ${axisName} is not a finite number (a value such as 1e999 overflows to Infinity).`,
      });
    }
  });
}

function walk(value: unknown, level: number, depth: number, path: number[], pointer: string, issues: GeometryIssue[]): void {
  if (issues.length >= MAX_ISSUES) return;
  if (level === 0) {
    checkPosition(value, locate(path, depth, pointer), issues);
    return;
  }
  if (!Array.isArray(value)) {
    issues.push({ code: 'malformed', ...locate(path, depth, pointer), detail: `Expected an array here, got ${show(value)}.` });
    return;
  }
  // An empty ring is a ring with too few positions (reported with the ring checks); an empty part or geometry is empty.
  if (value.length === 0 && level > 1) {
    const what = path.length === 0 ? 'The geometry has no coordinates' : 'This part has no rings';
    issues.push({ code: 'empty', ...locate(path, depth, pointer), detail: `${what}: empty geometries cannot be stored.` });
    return;
  }
  value.forEach((item, index) => walk(item, level - 1, depth, [...path, index], `${pointer}/${index}`, issues));
}

/**
 * Returns the structural issues of `coordinates` for a geometry of the given depth (see COORDINATE_DEPTH):
 * wrong nesting, empty parts, positions that are not 2 or 3 finite numbers. `pointer` points at the
 * coordinates member. Returns an empty list when every position is well formed.
 */
export function checkCoordinates(coordinates: unknown, depth: number, pointer: string): GeometryIssue[] {
  const issues: GeometryIssue[] = [];
  if (Array.isArray(coordinates) && coordinates.length === 0) {
    return [{ code: 'empty', pointer, detail: 'The geometry has no coordinates: empty geometries cannot be stored.' }];
  }
  walk(coordinates, depth, depth, [], pointer, issues);
  return issues;
}
