/** How two segments meet: not at all, at one point that ends one of them, crossing inside both, or along a stretch. */
export type SegmentContact = 'none' | 'touch' | 'cross' | 'overlap';

type Point = readonly [number, number];

// Coordinates are degrees or metres with at most ~15 significant digits: an orientation this small
// relative to the segment lengths is a point on the line, not a side of it.
const RELATIVE_TOLERANCE = 1e-12;

function orientation(p: Point, q: Point, r: Point): number {
  const value = (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]);
  const scale = Math.hypot(q[0] - p[0], q[1] - p[1]) * Math.hypot(r[0] - p[0], r[1] - p[1]);
  return Math.abs(value) <= RELATIVE_TOLERANCE * scale ? 0 : Math.sign(value);
}

/** Whether r, known to be on the line through p and q, lies within the segment's extent. */
function withinExtent(p: Point, q: Point, r: Point): boolean {
  return (
    Math.min(p[0], q[0]) <= r[0] && r[0] <= Math.max(p[0], q[0]) && Math.min(p[1], q[1]) <= r[1] && r[1] <= Math.max(p[1], q[1])
  );
}

/** Returns the length of the shared stretch of two collinear segments, projected on their main axis (0 when they meet at a point). */
function collinearOverlap(a1: Point, a2: Point, b1: Point, b2: Point): number {
  const axis = Math.abs(a2[0] - a1[0]) >= Math.abs(a2[1] - a1[1]) ? 0 : 1;
  const aMin = Math.min(a1[axis], a2[axis]);
  const aMax = Math.max(a1[axis], a2[axis]);
  const bMin = Math.min(b1[axis], b2[axis]);
  const bMax = Math.max(b1[axis], b2[axis]);
  return Math.min(aMax, bMax) - Math.max(aMin, bMin);
}

/** Returns how segment a1–a2 meets segment b1–b2 (planar, in the coordinates' own units). */
export function segmentsIntersect(a1: Point, a2: Point, b1: Point, b2: Point): SegmentContact {
  const d1 = orientation(b1, b2, a1);
  const d2 = orientation(b1, b2, a2);
  const d3 = orientation(a1, a2, b1);
  const d4 = orientation(a1, a2, b2);
  if (d1 === 0 && d2 === 0 && d3 === 0 && d4 === 0) {
    const shared = collinearOverlap(a1, a2, b1, b2);
    if (shared > 0) return 'overlap';
    return shared === 0 ? 'touch' : 'none';
  }
  if (d1 * d2 < 0 && d3 * d4 < 0) return 'cross';
  if (d1 === 0 && withinExtent(b1, b2, a1)) return 'touch';
  if (d2 === 0 && withinExtent(b1, b2, a2)) return 'touch';
  if (d3 === 0 && withinExtent(a1, a2, b1)) return 'touch';
  if (d4 === 0 && withinExtent(a1, a2, b2)) return 'touch';
  return 'none';
}
