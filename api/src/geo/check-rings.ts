import type { GeometryIssue } from './geometry-issue';
import type { Ring } from './geojson-types';
import type { VertexPointer } from './check-polygon-topology';

/**
 * Returns the issues of rings that are not closed (first position ≠ last) or hold fewer than
 * 4 positions (RFC 7946 §3.1.6); an empty list when every ring is a proper linear ring.
 */
export function checkRings(polygons: Ring[][], pointer: VertexPointer): GeometryIssue[] {
  const issues: GeometryIssue[] = [];
  const multi = polygons.length > 1;
  polygons.forEach((rings, part) =>
    rings.forEach((ring, index) => {
      const label = `${multi ? `Part ${part}, ring` : 'Ring'} ${index}${index === 0 ? ' (exterior)' : ` (hole ${index})`}`;
      if (ring.length < 4) {
        issues.push({
          code: 'ring-too-short',
          part,
          ring: index,
          pointer: pointer(part, index),
          detail: `${label} has ${ring.length} position(s); a closed ring needs at least 4 (a triangle plus the closing position).`,
        });
        return;
      }
      const first = ring[0]!;
      const last = ring[ring.length - 1]!;
      if (first[0] !== last[0] || first[1] !== last[1]) {
        const vertex = ring.length - 1;
        issues.push({
          code: 'unclosed-ring',
          part,
          ring: index,
          vertex,
          pointer: pointer(part, index, vertex),
          detail: `${label} is not closed: its last position [${last.join(', ')}] must repeat the first [${first.join(', ')}].`,
        });
      }
    }),
  );
  return issues;
}
