import type { GeometryIssue } from './geometry-issue';
import type { Ring } from './geojson-types';
import { pointInRing } from './point-in-ring';
import { segmentsIntersect } from './segments-intersect';

/** Builds the JSON pointer of a vertex (or, without one, a ring) from part, ring and vertex indexes. */
export type VertexPointer = (part: number, ring: number, vertex?: number) => string;

type Segment = {
  a: [number, number];
  b: [number, number];
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
  part: number;
  ring: number;
  /** Index of the segment in its ring after repeated positions are dropped. */
  index: number;
  /** Index of the segment's first vertex in the ring as sent. */
  vertex: number;
  segmentsInRing: number;
};

// Enough to show where the trouble is without answering a scribble with thousands of errors.
const MAX_ISSUES = 20;

function segmentsOf(polygons: Ring[][]): Segment[] {
  const segments: Segment[] = [];
  polygons.forEach((rings, part) =>
    rings.forEach((ring, ringIndex) => {
      // Repeated consecutive positions are valid in OGC terms; dropping them keeps neighbours adjacent.
      const kept: Array<{ x: number; y: number; vertex: number }> = [];
      ring.forEach(([x = 0, y = 0], vertex) => {
        const last = kept[kept.length - 1];
        if (!last || last.x !== x || last.y !== y) kept.push({ x, y, vertex });
      });
      const count = kept.length - 1;
      for (let i = 0; i < count; i++) {
        const p = kept[i]!;
        const q = kept[i + 1]!;
        segments.push({
          a: [p.x, p.y],
          b: [q.x, q.y],
          minX: Math.min(p.x, q.x),
          maxX: Math.max(p.x, q.x),
          minY: Math.min(p.y, q.y),
          maxY: Math.max(p.y, q.y),
          part,
          ring: ringIndex,
          index: i,
          vertex: p.vertex,
          segmentsInRing: count,
        });
      }
    }),
  );
  return segments;
}

function adjacent(s: Segment, t: Segment): boolean {
  const gap = Math.abs(s.index - t.index);
  return gap === 1 || gap === s.segmentsInRing - 1;
}

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const fmt = (p: readonly number[]) => `(${p.map((v) => Number(v.toFixed(7))).join(', ')})`;

function ringName(ring: number): string {
  return ring === 0 ? 'the exterior ring' : `hole ${ring} (ring ${ring})`;
}

/** Returns the issue for two edges that meet where they must not; undefined when the contact is allowed. */
function edgeIssue(s: Segment, t: Segment, pointer: VertexPointer, multi: boolean): GeometryIssue | undefined {
  const contact = segmentsIntersect(s.a, s.b, t.a, t.b);
  if (contact === 'none') return undefined;
  const sameRing = s.part === t.part && s.ring === t.ring;
  const where = { part: s.part, ring: s.ring, vertex: s.vertex, pointer: pointer(s.part, s.ring, s.vertex) };
  const partLabel = multi ? `part ${s.part}, ` : '';
  if (sameRing) {
    if (adjacent(s, t) && contact !== 'overlap') return undefined;
    return {
      code: 'self-intersection',
      ...where,
      detail: sentence(
        `${multi ? `Part ${s.part}: ` : ''}${ringName(s.ring)} intersects itself: the edge from vertex ${s.vertex} ${
          contact === 'overlap' ? 'runs back along' : 'meets'
        } the edge from vertex ${t.vertex} near ${fmt(s.a)}.`,
      ),
    };
  }
  // Rings of one polygon, and parts of a multipolygon, may touch at single points only (OGC simple features).
  if (contact === 'touch') return undefined;
  if (s.part === t.part) {
    return {
      code: 'rings-cross',
      ...where,
      detail: sentence(
        `${multi ? `Part ${s.part}: ` : ''}${ringName(s.ring)} ${contact === 'overlap' ? 'shares an edge with' : 'crosses'} ${ringName(
          t.ring,
        )} at the edge from vertex ${s.vertex} near ${fmt(s.a)}.`,
      ),
    };
  }
  return {
    code: 'overlapping-parts',
    ...where,
    detail: `Parts ${t.part} and ${s.part} overlap: ${partLabel}${ringName(s.ring)} ${
      contact === 'overlap' ? 'shares an edge with' : 'crosses'
    } part ${t.part}, ${ringName(t.ring)} near ${fmt(s.a)}.`,
  };
}

/** Returns the issues where edges meet, found with a sweep over the x axis (fast for the shapes people draw). */
function findEdgeIssues(polygons: Ring[][], pointer: VertexPointer, multi: boolean): GeometryIssue[] {
  const segments = segmentsOf(polygons).sort((s, t) => s.minX - t.minX);
  const issues: GeometryIssue[] = [];
  const reported = new Set<string>();
  for (let i = 0; i < segments.length && issues.length < MAX_ISSUES; i++) {
    const s = segments[i]!;
    for (let j = i + 1; j < segments.length && segments[j]!.minX <= s.maxX; j++) {
      const t = segments[j]!;
      if (t.maxY < s.minY || t.minY > s.maxY) continue;
      const [first, second] = s.part < t.part || (s.part === t.part && (s.ring < t.ring || (s.ring === t.ring && s.index < t.index))) ? [s, t] : [t, s];
      const issue = edgeIssue(first, second, pointer, multi);
      if (!issue) continue;
      // One report per pair of rings (or per vertex when a ring crosses itself) keeps the list readable.
      const key = issue.code === 'self-intersection' ? `${first.part}/${first.ring}/${first.index}` : `${first.part}/${first.ring}-${second.part}/${second.ring}`;
      if (reported.has(key)) continue;
      reported.add(key);
      issues.push(issue);
      if (issues.length >= MAX_ISSUES) break;
    }
  }
  return issues;
}

/** Returns where a ring lies relative to another: judged at its first vertex that is not on the other's boundary. */
function ringRelation(ring: Ring, other: Ring): 'inside' | 'outside' | 'unknown' {
  for (const position of ring) {
    const where = pointInRing(position, other);
    if (where !== 'boundary') return where;
  }
  return 'unknown';
}

type Box = [number, number, number, number];
function boxOf(ring: Ring): Box {
  const box: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [x = 0, y = 0] of ring) {
    box[0] = Math.min(box[0], x);
    box[1] = Math.min(box[1], y);
    box[2] = Math.max(box[2], x);
    box[3] = Math.max(box[3], y);
  }
  return box;
}
const boxesMeet = (a: Box, b: Box) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

/** Returns the issues of rings that do not cross but sit in the wrong place: holes outside or inside holes, parts inside parts. */
function findContainmentIssues(polygons: Ring[][], pointer: VertexPointer, multi: boolean): GeometryIssue[] {
  const issues: GeometryIssue[] = [];
  const prefix = (part: number) => (multi ? `Part ${part}: ` : '');
  polygons.forEach((rings, part) => {
    const shell = rings[0]!;
    const holes = rings.slice(1);
    holes.forEach((hole, h) => {
      const ring = h + 1;
      if (ringRelation(hole, shell) === 'outside') {
        issues.push({
          code: 'hole-outside-shell',
          part,
          ring,
          vertex: 0,
          pointer: pointer(part, ring, 0),
          detail: sentence(`${prefix(part)}hole ${ring} (ring ${ring}) lies outside the exterior ring (ring 0); a hole must be inside its polygon.`),
        });
        return;
      }
      holes.forEach((other, o) => {
        if (o === h || !boxesMeet(boxOf(hole), boxOf(other))) return;
        if (ringRelation(hole, other) === 'inside') {
          issues.push({
            code: 'nested-holes',
            part,
            ring,
            vertex: 0,
            pointer: pointer(part, ring, 0),
            detail: sentence(`${prefix(part)}hole ${ring} lies inside hole ${o + 1}; holes must not nest (draw an island as a separate part).`),
          });
        }
      });
    });
  });
  const boxes = polygons.map((rings) => boxOf(rings[0]!));
  for (let i = 0; i < polygons.length; i++) {
    for (let j = 0; j < polygons.length; j++) {
      if (i === j || !boxesMeet(boxes[i]!, boxes[j]!)) continue;
      const inner = polygons[i]!;
      const outer = polygons[j]!;
      if (ringRelation(inner[0]!, outer[0]!) !== 'inside') continue;
      // An island inside a hole of another part is allowed.
      const inHole = outer.slice(1).some((hole) => ringRelation(inner[0]!, hole) === 'inside');
      if (!inHole) {
        issues.push({
          code: 'overlapping-parts',
          part: i,
          ring: 0,
          vertex: 0,
          pointer: pointer(i, 0, 0),
          detail: `Part ${i} lies inside part ${j}; the parts of a MultiPolygon must not overlap (merge them or cut a hole).`,
        });
      }
    }
  }
  return issues.slice(0, MAX_ISSUES);
}

/**
 * Returns the topology issues of polygons whose rings are already closed and long enough:
 * self-intersections, rings that cross, holes outside their shell or inside another hole, and
 * overlapping parts. Returns an empty list for a valid (multi)polygon. Coordinates are treated as planar.
 */
export function checkPolygonTopology(polygons: Ring[][], pointer: VertexPointer): GeometryIssue[] {
  const multi = polygons.length > 1;
  const edgeIssues = findEdgeIssues(polygons, pointer, multi);
  if (edgeIssues.length > 0) return edgeIssues;
  return findContainmentIssues(polygons, pointer, multi);
}
