import { countVertices } from '../geo/count-vertices';

type GeometryLike = { type?: string; coordinates?: unknown } | null | undefined;
type Snapshot = { geometry?: GeometryLike; properties?: Record<string, unknown> } | null | undefined;

/** One changed field of a feature; geometry changes are summarised (type and vertex count), not copied. */
export type FeatureChangeItem = { property: string; before: unknown; after: unknown };

// Bookkeeping that changes with every write says nothing about what the planner changed.
const BOOKKEEPING = new Set(['version', 'updatedAt']);

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function geometrySummary(geometry: GeometryLike) {
  return geometry ? { type: geometry.type, vertices: countVertices(geometry.coordinates) } : null;
}

/**
 * Returns what differs between two states of a feature (either may be missing: a create or a delete),
 * property by property, with the geometry as one summarised item; empty when nothing changed.
 */
export function featureChanges(before: Snapshot, after: Snapshot): FeatureChangeItem[] {
  const changes: FeatureChangeItem[] = [];
  const keys = new Set([...Object.keys(before?.properties ?? {}), ...Object.keys(after?.properties ?? {})]);
  for (const key of keys) {
    if (BOOKKEEPING.has(key)) continue;
    const was = before ? (before.properties?.[key] ?? null) : undefined;
    const now = after ? (after.properties?.[key] ?? null) : undefined;
    if (before && after && same(was, now)) continue;
    if ((!before || !after) && (was ?? now ?? null) === null) continue;
    changes.push({ property: key, before: was ?? null, after: now ?? null });
  }
  if (!same(before?.geometry, after?.geometry)) {
    changes.push({ property: 'geometry', before: geometrySummary(before?.geometry), after: geometrySummary(after?.geometry) });
  }
  return changes;
}

/** Returns true when two states of a feature hold the same properties and geometry (version and updatedAt aside). */
export function sameFeatureState(a: Snapshot, b: Snapshot): boolean {
  return Boolean(a) && Boolean(b) && featureChanges(a, b).length === 0;
}
