import { describe, expect, it } from 'vitest';
import {
  checkAssignment,
  greedyAssignment,
  solveAssignment,
  type Assignment,
  type AssignmentInstance,
} from '../../api/src/domain/batch-assignment';
import { generateMatchingInstance, seededRandom } from '../support/matching-instance';

const total = (assignment: Assignment) => Math.round(assignment.reduce((sum, a) => sum + a.score, 0) * 100) / 100;

/** Returns the best total by trying every assignment (small instances only). */
function bruteForce(instance: AssignmentInstance): number {
  const byHousehold = Array.from({ length: instance.householdCount }, (_, h) => instance.pairs.filter((p) => p.household === h && p.score > 0));
  let best = 0;
  const chosen: Assignment = [];
  const visit = (h: number) => {
    if (h === instance.householdCount) {
      if (checkAssignment(instance, chosen).length === 0) best = Math.max(best, total(chosen));
      return;
    }
    visit(h + 1);
    for (const pair of byHousehold[h] ?? []) {
      if (chosen.some((c) => c.unit === pair.unit)) continue;
      chosen.push(pair);
      visit(h + 1);
      chosen.pop();
    }
  };
  visit(0);
  return best;
}

/**
 * Returns a small random instance with tight, overlapping groups: pairs of units that exclude each other
 * (capacity 1, like two units within 250 m with one place left) and a building of capacity −1..2,
 * so the LP relaxation is often fractional and the integer program has work to do.
 */
function smallInstance(seed: number): AssignmentInstance {
  const random = seededRandom(seed);
  const householdCount = 3 + Math.floor(random() * 3);
  const unitCount = 4 + Math.floor(random() * 4);
  const pairs: Array<AssignmentInstance['pairs'][number]> = [];
  for (let h = 0; h < householdCount; h++) {
    for (let u = 0; u < unitCount; u++) if (random() < 0.8) pairs.push({ household: h, unit: u, score: Math.round(random() * 1000) / 10 });
  }
  const groups: Array<AssignmentInstance['groups'][number]> = [];
  for (let u = 0; u < unitCount; u++) {
    for (let v = u + 1; v < unitCount; v++) if (random() < 0.35) groups.push({ key: `near:${u}-${v}`, capacity: 1, units: [u, v] });
  }
  const building = Array.from({ length: unitCount }, (_, u) => u).filter(() => random() < 0.5);
  if (building.length > 0) groups.push({ key: 'building', capacity: Math.floor(random() * 4) - 1, units: building });
  return { householdCount, unitCount, pairs, groups };
}

describe('batch assignment', () => {
  it('beats greedy where taking the best pair first blocks two good ones', async () => {
    const instance: AssignmentInstance = {
      householdCount: 2,
      unitCount: 2,
      pairs: [
        { household: 0, unit: 0, score: 10 },
        { household: 0, unit: 1, score: 9 },
        { household: 1, unit: 0, score: 9 },
        { household: 1, unit: 1, score: 1 },
      ],
      groups: [],
    };
    expect(total(greedyAssignment(instance))).toBe(11);
    const result = await solveAssignment(instance);
    expect(result.status).toBe('optimal');
    expect(result.total).toBe(18);
    expect(result.greedyTotal).toBe(11);
  });

  it('keeps every group within its capacity, and a full group takes nobody', async () => {
    const instance: AssignmentInstance = {
      householdCount: 3,
      unitCount: 4,
      pairs: [0, 1, 2].flatMap((household) => [0, 1, 2, 3].map((unit) => ({ household, unit, score: 10 + unit }))),
      groups: [
        { key: 'building:A', capacity: 1, units: [2, 3] },
        { key: 'building:B', capacity: 0, units: [1] },
      ],
    };
    const result = await solveAssignment(instance);
    expect(checkAssignment(instance, result.assignment)).toEqual([]);
    expect(result.assignment.map((a) => a.unit).sort()).toEqual([0, 3]);
    expect(result.total).toBe(23);
  });

  it('solves overlapping 250 m windows exactly where the LP relaxation is fractional', async () => {
    // Three units, each pair within 250 m of each other's window of capacity 1: the LP takes half of each.
    const instance: AssignmentInstance = {
      householdCount: 3,
      unitCount: 3,
      pairs: [0, 1, 2].flatMap((household) => [0, 1, 2].map((unit) => ({ household, unit, score: 10 + household + unit }))),
      groups: [
        { key: 'near:0', capacity: 1, units: [0, 1] },
        { key: 'near:1', capacity: 1, units: [1, 2] },
        { key: 'near:2', capacity: 1, units: [0, 2] },
      ],
    };
    const result = await solveAssignment(instance);
    expect(result.status).toBe('optimal');
    expect(result.assignment).toHaveLength(1);
    expect(result.total).toBe(14);
    expect(result.model.lpBound).toBeGreaterThan(result.total);
  });

  it('finds the true optimum of 80 small random instances (checked by brute force)', async () => {
    let branched = 0;
    for (let seed = 1; seed <= 80; seed++) {
      const instance = smallInstance(seed);
      const result = await solveAssignment(instance);
      if (result.phases.restrictedMipMs > 0) branched++;
      expect(checkAssignment(instance, result.assignment), `seed ${seed}`).toEqual([]);
      expect(result.total, `seed ${seed}`).toBeCloseTo(bruteForce(instance), 2);
      expect(result.total).toBeGreaterThanOrEqual(total(greedyAssignment(instance)));
    }
    // The instances are meant to exercise the integer program, not only integral LPs.
    expect(branched).toBeGreaterThan(10);
  });

  it('gives the same optimum with column generation and reduced-cost fixing as over all pairs at once', async () => {
    let fixed = 0;
    for (const seed of [3, 4, 5]) {
      // 10 households × 40 units, each unit excluding a few others: fractional LPs with many more pairs than the start.
      const random = seededRandom(1000 + seed);
      const pairs = Array.from({ length: 10 }, (_, household) =>
        Array.from({ length: 40 }, (_, unit) => ({ household, unit, score: Math.round((20 + random() * 80) * 10) / 10 })),
      ).flat();
      const groups = Array.from({ length: 40 }, (_, u) => ({ key: `near:${u}`, capacity: 1, units: [u, (u + 1) % 40, (u + 7) % 40] }));
      const instance: AssignmentInstance = { householdCount: 10, unitCount: 40, pairs, groups };
      const staged = await solveAssignment(instance);
      const direct = await solveAssignment(instance, { initialPairsPerHousehold: Infinity });
      expect(staged.status).toBe('optimal');
      expect(direct.status).toBe('optimal');
      expect(staged.total).toBeCloseTo(direct.total, 2);
      expect(checkAssignment(instance, staged.assignment)).toEqual([]);
      if (staged.phases.fullMipMs > 0) fixed++;
    }
    expect(fixed).toBeGreaterThan(0);
  });

  it('is at least as good as greedy and respects every limit on generated Cluj-like instances', async () => {
    for (const seed of [11, 12, 13, 14, 15]) {
      const instance = generateMatchingInstance({ households: 40, units: 80, seed });
      const greedy = greedyAssignment(instance);
      expect(checkAssignment(instance, greedy)).toEqual([]);
      const result = await solveAssignment(instance, { timeLimitSeconds: 30 });
      expect(result.status).toBe('optimal');
      expect(checkAssignment(instance, result.assignment)).toEqual([]);
      expect(result.total).toBeGreaterThanOrEqual(total(greedy));
      expect(result.total).toBeLessThanOrEqual(result.model.lpBound + 1e-6);
    }
  });

  it('returns nothing, optimally, when no pair scores above zero', async () => {
    const result = await solveAssignment({ householdCount: 1, unitCount: 1, pairs: [{ household: 0, unit: 0, score: -3 }], groups: [] });
    expect(result).toMatchObject({ assignment: [], total: 0, status: 'optimal' });
  });
});
