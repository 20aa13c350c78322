/**
 * Thrown when a housing unit is marked available while a relocation plan holds it (issue 17): the map
 * would then offer a flat that a family has been matched with or lives in.
 */
export class UnitHeldByPlanError extends Error {
  constructor(
    readonly unitId: number,
    readonly planId: number,
    readonly state: string,
  ) {
    super(`Housing unit ${unitId} is held by relocation plan ${planId} (${state}): it cannot be marked available until the plan releases it.`);
  }
}
