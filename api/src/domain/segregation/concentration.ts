import { levelLimits, NEAR_RADIUS_M, type ConcentrationLimits } from '../candidate-score';
import type { SegregationInputs } from './analysis-inputs';
import type { Positions } from './household-positions';
import { neighboursWithin } from './spatial-dissimilarity';

// How many relocated households live close together (issue 12), against the limits that matching
// already applies (candidate-score.ts): per building, within 250 m, and per 10,000 inhabitants of a
// neighbourhood and of a locality. A relocated household is one living in a housing unit (moved or
// followed up, or placed there by a simulated move).

export type BuildingConcentration = {
  building: string;
  lon: number;
  lat: number;
  /** Relocated households in the building. */
  households: number;
  /** Relocated households within 250 m of the building (its own included). */
  within250m: number;
  buildingLimit: number;
  nearLimit: number;
  over: boolean;
};

export type ZoneConcentration = {
  zoneId: number;
  name: string;
  kind: 'neighbourhood' | 'locality';
  households: number;
  population: number | null;
  per10k: number | null;
  /** The most households the zone should hold (from the rate and its population); null: not limited. */
  limit: number | null;
  over: boolean;
};

export type Concentration = {
  limits: ConcentrationLimits;
  relocatedHouseholds: number;
  buildings: BuildingConcentration[];
  zones: ZoneConcentration[];
  /** How many buildings and zones are over a limit. */
  flagged: number;
};

/** Returns the concentration of relocated households under `positions`, most concentrated first. */
export function concentrationOf(inputs: SegregationInputs, positions: Positions, limits: ConcentrationLimits): Concentration {
  // A unit without a building is a building of its own.
  const buildings = new Map<string, { lon: number; lat: number; households: number }>();
  const zoneCounts = new Map<number, number>();
  let relocated = 0;
  for (const unitId of positions.values()) {
    if (unitId === null) continue;
    const place = inputs.housingUnits.get(unitId);
    if (!place) continue;
    relocated += 1;
    const name = place.building ?? `#${unitId}`;
    const entry = buildings.get(name) ?? { lon: place.lon, lat: place.lat, households: 0 };
    entry.households += 1;
    buildings.set(name, entry);
    for (const zoneId of [place.neighbourhoodId, place.localityId]) {
      if (zoneId !== null) zoneCounts.set(zoneId, (zoneCounts.get(zoneId) ?? 0) + 1);
    }
  }
  const list = [...buildings.entries()].map(([building, entry]) => ({ building, ...entry }));
  const environments = neighboursWithin(list, NEAR_RADIUS_M);
  const buildingRows: BuildingConcentration[] = list.map((entry, i) => {
    // A building stands at its first unit's point; its neighbours are the buildings within 250 m.
    const within250m = (environments[i] ?? []).reduce((sum, j) => sum + (list[j] as typeof entry).households, 0);
    return {
      building: entry.building,
      lon: entry.lon,
      lat: entry.lat,
      households: entry.households,
      within250m,
      buildingLimit: limits.building,
      nearLimit: limits.near,
      over: entry.households > limits.building || within250m > limits.near,
    };
  });
  const zoneRows: ZoneConcentration[] = [...zoneCounts.entries()].flatMap(([zoneId, households]) => {
    const zone = inputs.zones.get(zoneId);
    if (!zone) return [];
    const population = zone.population && zone.population > 0 ? zone.population : null;
    const limit = levelLimits(limits, { neighbourhood: zone.kind === 'neighbourhood' ? population : null, locality: zone.kind === 'locality' ? population : null })[
      zone.kind
    ];
    return [
      {
        zoneId,
        name: zone.name,
        kind: zone.kind,
        households,
        population,
        per10k: population === null ? null : Math.round((households / population) * 10_000 * 100) / 100,
        limit,
        over: limit !== null && households > limit,
      },
    ];
  });
  const pressure = (count: number, limit: number | null) => (limit ? count / limit : 0);
  buildingRows.sort((a, b) => Math.max(pressure(b.households, b.buildingLimit), pressure(b.within250m, b.nearLimit)) - Math.max(pressure(a.households, a.buildingLimit), pressure(a.within250m, a.nearLimit)) || a.building.localeCompare(b.building));
  zoneRows.sort((a, b) => pressure(b.households, b.limit) - pressure(a.households, a.limit) || a.zoneId - b.zoneId);
  return {
    limits,
    relocatedHouseholds: relocated,
    buildings: buildingRows,
    zones: zoneRows,
    flagged: buildingRows.filter((b) => b.over).length + zoneRows.filter((z) => z.over).length,
  };
}
