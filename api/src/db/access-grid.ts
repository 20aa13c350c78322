import { bbox as turfBbox, booleanPointInPolygon, hexGrid } from '@turf/turf';
import type { MultiPolygon } from 'geojson';
import type { Knex } from 'knex';
import { SERVICE_CATEGORIES, type ServiceCategory } from '../domain/vocabulary';
import { accessDataVersion, nearestServiceDistances } from './access-queries';

// The hexagonal access grid (issue 4): hexagons over the bounding box of the locality zones, kept
// when their centre lies in a locality (whole hexagons, not cut at the boundary, so the tessellation
// stays regular), with the geodesic distance from each centre to the nearest service of every category.

/** Default side (= circumradius) of a hexagon: 231 m makes cells 400 m across (flat to flat). */
export const DEFAULT_CELL_SIDE_M = 231;

/**
 * Origins per query, and queries in flight: two let a server use two cores, while on the embedded
 * engine (one connection, first come first served) another request never waits behind more than two
 * short grid queries.
 */
const ORIGINS_PER_QUERY = 1_000;
const QUERIES_IN_FLIGHT = 2;

export type GridCell = {
  id: number;
  /** The hexagon's outer ring, [lon, lat] rounded to 6 decimals (~0.1 m), closed. */
  ring: Array<[number, number]>;
  centre: [number, number];
  /** Geodesic metres from the centre to the nearest service of each category (null: none exists). */
  distancesM: Record<ServiceCategory, number | null>;
};

export type AccessGrid = {
  /** The data version the grid was built from (accessDataVersion). */
  version: string;
  cellSideM: number;
  cells: GridCell[];
  /** How long the build took, for the bench and the logs. */
  buildMs: number;
};

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/** Returns the access grid of the current data: hexagons over the localities with nearest-service distances. */
export async function buildAccessGrid(knex: Knex, options: { cellSideM?: number; version?: string } = {}): Promise<AccessGrid> {
  const started = performance.now();
  const cellSideM = options.cellSideM ?? DEFAULT_CELL_SIDE_M;
  const version = options.version ?? (await accessDataVersion(knex));
  const localities = (
    (await knex('zones').select(knex.raw('ST_AsGeoJSON(geom, 7)::json as geometry')).where('kind', 'locality')) as Array<{
      geometry: MultiPolygon;
    }>
  ).map(({ geometry }) => {
    const feature = { type: 'Feature' as const, geometry, properties: {} };
    return { feature, box: turfBbox(feature) as [number, number, number, number] };
  });
  if (localities.length === 0) return { version, cellSideM, cells: [], buildMs: performance.now() - started };

  const extent = localities.reduce<[number, number, number, number]>(
    (b, { box }) => [Math.min(b[0], box[0]), Math.min(b[1], box[1]), Math.max(b[2], box[2]), Math.max(b[3], box[3])],
    [Infinity, Infinity, -Infinity, -Infinity],
  );
  const hexagons = hexGrid(extent, cellSideM / 1000, { units: 'kilometers' });
  const kept: Array<{ ring: Array<[number, number]>; centre: [number, number] }> = [];
  for (const hexagon of hexagons.features) {
    const ring = hexagon.geometry.coordinates[0] as Array<[number, number]>;
    // The first six vertices are the corners; their mean is the centre.
    let x = 0;
    let y = 0;
    for (let i = 0; i < 6; i++) {
      x += (ring[i] as [number, number])[0];
      y += (ring[i] as [number, number])[1];
    }
    const centre: [number, number] = [x / 6, y / 6];
    const inside = localities.some(
      ({ feature, box }) =>
        centre[0] >= box[0] && centre[0] <= box[2] && centre[1] >= box[1] && centre[1] <= box[3] && booleanPointInPolygon(centre, feature),
    );
    if (inside) kept.push({ ring: ring.map(([lon, lat]) => [round6(lon), round6(lat)]), centre });
  }

  const results: Array<Map<string, Partial<Record<ServiceCategory, { distanceM: number } | null>>>> = [];
  let next = 0;
  const worker = async () => {
    for (let chunk = next++; chunk * ORIGINS_PER_QUERY < kept.length; chunk = next++) {
      const start = chunk * ORIGINS_PER_QUERY;
      const origins = kept.slice(start, start + ORIGINS_PER_QUERY).map((cell, j) => ({ key: String(start + j), lon: cell.centre[0], lat: cell.centre[1] }));
      results[chunk] = await nearestServiceDistances(knex, origins, SERVICE_CATEGORIES);
    }
  };
  await Promise.all(Array.from({ length: QUERIES_IN_FLIGHT }, worker));
  const cells: GridCell[] = kept.map((cell, index) => {
    const nearest = results[Math.floor(index / ORIGINS_PER_QUERY)]?.get(String(index)) ?? {};
    const distancesM = Object.fromEntries(
      SERVICE_CATEGORIES.map((category) => [category, nearest[category]?.distanceM ?? null]),
    ) as Record<ServiceCategory, number | null>;
    return { id: index + 1, ring: cell.ring, centre: [round6(cell.centre[0]), round6(cell.centre[1])], distancesM };
  });
  return { version, cellSideM, cells, buildMs: performance.now() - started };
}

/** A per-app cache of the grid, rebuilt when accessDataVersion changes; concurrent callers share one build. */
export type AccessGridCache = { get(knex: Knex): Promise<AccessGrid> };

/** Returns an empty grid cache; `cellSideM` fixes the cell size of every grid it builds. */
export function createAccessGridCache(options: { cellSideM?: number } = {}): AccessGridCache {
  let current: { version: string; grid: Promise<AccessGrid> } | undefined;
  return {
    async get(knex) {
      const version = await accessDataVersion(knex);
      if (current?.version !== version) {
        const entry = { version, grid: buildAccessGrid(knex, { ...options, version }) };
        current = entry;
        // A failed build is not kept: the next request tries again.
        entry.grid.catch(() => {
          if (current === entry) current = undefined;
        });
      }
      return current.grid;
    },
  };
}
