import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { createAccessGridCache, type AccessGrid } from '../db/access-grid';
import { accessDataVersion, listCatchments } from '../db/access-queries';
import type { AccessConfig } from './access-config';
import { ACCESS_METHOD, type AccessOptions } from './access-card';
import { placeComparisonRows, type ComparisonRow } from './access-comparison';
import { accessScore, categoryScore, round } from './access-score';
import { SERVICE_CATEGORIES, type ServiceCategory } from './vocabulary';

// Map overlays of access (issue 4), computed on the server and cached per data version, so the
// browser draws ready hexagons and rings. Each overlay leaves as a serialized JSON string with an
// ETag: repeated requests cost a version check (one small query) and nothing else.

/** The score classes of the grid legend; colours are viridis (colour-blind safe), low access dark. */
export const SCORE_LEGEND = [
  { min: 0, max: 20, label: '0–20', colour: '#440154' },
  { min: 20, max: 40, label: '20–40', colour: '#3b528b' },
  { min: 40, max: 60, label: '40–60', colour: '#21918c' },
  { min: 60, max: 80, label: '60–80', colour: '#5ec962' },
  { min: 80, max: 100, label: '80–100', colour: '#fde725' },
] as const;

export type GridCategory = 'all' | ServiceCategory;

/** A serialized overlay and its ETag. */
export type CachedBody = { etag: string; body: string };

export type AccessOverlays = {
  /** The hexagon grid coloured by the overall score ('all') or one category's score. */
  grid(category: GridCategory): Promise<CachedBody>;
  /** Catchment discs of every service of a category for each radius. */
  catchments(category: ServiceCategory, radiiM: readonly number[]): Promise<CachedBody>;
  /** Comparison rows of the settlements, the city average and the localities. */
  placeRows(): Promise<ComparisonRow[]>;
};

const etagOf = (...parts: string[]) => `"${createHash('sha1').update(parts.join('|')).digest('base64url').slice(0, 20)}"`;

/** Returns the grid as a GeoJSON FeatureCollection string for one category. */
export function gridCollection(grid: AccessGrid, category: GridCategory, config: AccessConfig): string {
  const features = grid.cells.map((cell) => {
    const distances: Record<string, number | null> = {};
    for (const c of SERVICE_CATEGORIES) distances[c] = round(cell.distancesM[c], 0);
    const score = category === 'all' ? accessScore(cell.distancesM, config) : categoryScore(cell.distancesM[category], config.categories[category]);
    return {
      type: 'Feature',
      id: cell.id,
      geometry: { type: 'Polygon', coordinates: [cell.ring] },
      properties: { score: round(score), nearestM: category === 'all' ? null : distances[category], ...distances },
    };
  });
  return JSON.stringify({
    type: 'FeatureCollection',
    method: ACCESS_METHOD,
    category,
    version: grid.version,
    cellSideM: grid.cellSideM,
    cellWidthM: Math.round(grid.cellSideM * Math.sqrt(3)),
    legend: { property: 'score', classes: SCORE_LEGEND },
    features,
  });
}

/** Returns the overlays of one app over `knex`, with empty caches. */
export function createAccessOverlays(knex: Knex, options: AccessOptions): AccessOverlays {
  const grids = createAccessGridCache();
  // Serialized bodies of the current data version; cleared when the version moves on.
  let version = '';
  let bodies = new Map<string, Promise<CachedBody>>();
  let rows: Promise<ComparisonRow[]> | undefined;

  const current = async () => {
    const now = await accessDataVersion(knex);
    if (now !== version) {
      version = now;
      bodies = new Map();
      rows = undefined;
    }
    return now;
  };
  const memo = (key: string, make: () => Promise<CachedBody>): Promise<CachedBody> => {
    let entry = bodies.get(key);
    if (!entry) {
      entry = make();
      bodies.set(key, entry);
      const own = entry;
      own.catch(() => {
        if (bodies.get(key) === own) bodies.delete(key);
      });
    }
    return entry;
  };

  return {
    async grid(category) {
      await current();
      return memo(`grid:${category}`, async () => {
        const grid = await grids.get(knex);
        return { etag: etagOf('grid', grid.version, category), body: gridCollection(grid, category, options.config) };
      });
    },
    async catchments(category, radiiM) {
      const at = await current();
      return memo(`catchments:${category}:${radiiM.join(',')}`, async () => {
        const discs = await listCatchments(knex, category, radiiM);
        const body = JSON.stringify({
          type: 'FeatureCollection',
          method: ACCESS_METHOD,
          category,
          radiiM,
          features: discs.map((d, i) => ({
            type: 'Feature',
            id: i + 1,
            geometry: d.geometry,
            properties: { serviceId: d.serviceId, name: d.name, category, radiusM: d.radiusM },
          })),
        });
        return { etag: etagOf('catchments', at, category, radiiM.join(',')), body };
      });
    },
    async placeRows() {
      await current();
      if (!rows) {
        const own = placeComparisonRows(knex, options);
        rows = own;
        own.catch(() => {
          if (rows === own) rows = undefined;
        });
      }
      return rows;
    },
  };
}
