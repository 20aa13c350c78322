import type { Geometry } from 'geojson';
import type { PlanState } from '../vocabulary';

// What a segregation analysis works on (issue 12), as db/segregation reads it: the areal units with
// their population, where each settlement and housing unit lies among them, the households from the
// segregated settlements and the state changes of their plans by month.

export type UnitLevel = 'neighbourhood' | 'locality' | 'hex';

/** An areal unit: a zone (key 'z' + id) or a hexagon (key 'h' + i:j), with its residents. */
export type AreaUnit = { key: string; name: string; population: number; lon: number; lat: number; geometry: Geometry };

/** A settlement or housing unit and the units it lies in (null: outside every one of them). */
export type Place = {
  unitKey: string | null;
  building: string | null;
  lon: number;
  lat: number;
  neighbourhoodId: number | null;
  localityId: number | null;
};

/** A household of the group: from a segregated settlement (its origin). */
export type GroupHousehold = { id: number; size: number; settlementId: number };

/** One state change of a plan, in the month (YYYY-MM, Cluj-Napoca) it took effect. */
export type PlanStep = { planId: number; householdId: number; housingUnitId: number | null; month: string; toState: PlanState };

export type Zone = { id: number; name: string; kind: 'neighbourhood' | 'locality'; population: number | null };

export type SegregationInputs = {
  level: UnitLevel;
  units: AreaUnit[];
  settlements: Map<number, Place>;
  housingUnits: Map<number, Place>;
  households: GroupHousehold[];
  /** Every state change of the group's plans, oldest first. */
  steps: PlanStep[];
  zones: Map<number, Zone>;
};
