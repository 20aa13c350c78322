import { describe, expect, it } from 'vitest';
import {
  accessCategoriesFor,
  DEFAULT_CONCENTRATION_LIMITS,
  levelLimits,
  scoreCandidate,
  type ConcentrationCounts,
  type HouseholdProfile,
  type UnitProfile,
} from '../../api/src/domain/candidate-score';

const family: HouseholdProfile = { size: 5, children: 3, seniors: 0, disabledMembers: 0, needs: [], preferredLocalities: [] };
const flat: UnitProfile = { rooms: 3, floorAreaM2: 70, stepFree: false, locality: 'Cluj-Napoca' };
const none: ConcentrationCounts = { building: 0, near: 0, neighbourhood: 0, locality: 0 };
const farOrigin = { school: 3000, kindergarten: 3000, transit_stop: 2500, grocery: 2500, family_doctor: 4000, pharmacy: 4000 };
const nearUnit = { school: 300, kindergarten: 350, transit_stop: 150, grocery: 200, family_doctor: 500, pharmacy: 400 };

// A unit in a neighbourhood of 6,700 people and a locality of 25,000, at the default rates.
const limits = levelLimits(DEFAULT_CONCENTRATION_LIMITS, { neighbourhood: 6_700, locality: 25_000 });
const score = (overrides: Partial<Parameters<typeof scoreCandidate>[0]> = {}) =>
  scoreCandidate({ household: family, unit: flat, originDistances: farOrigin, unitDistances: nearUnit, counts: none, limits, ...overrides });

describe('candidate score', () => {
  it('looks at schools and kindergartens for children, doctor and pharmacy for seniors, transit and grocery for all', () => {
    expect(accessCategoriesFor(family).sort()).toEqual(['grocery', 'kindergarten', 'school', 'transit_stop']);
    expect(accessCategoriesFor({ ...family, children: 0, seniors: 1 }).sort()).toEqual(['family_doctor', 'grocery', 'pharmacy', 'transit_stop']);
  });

  it('adds up a breakdown whose parts give the total', () => {
    const result = score();
    const b = result.breakdown;
    expect(result.eligible).toBe(true);
    expect(result.score).toBeCloseTo(b.sizeFit.score + b.features.score + b.access.score + b.locality.score - b.concentration.penalty, 2);
    expect(b.access.score).toBe(40);
    expect(b.access.categories.find((c) => c.category === 'school')).toEqual({ category: 'school', originM: 3000, unitM: 300, gain: 1 });
    expect(b.sizeFit).toMatchObject({ personsPerRoom: 1.67, m2PerPerson: 14 });
  });

  it('ranks a better-served unit above a worse-served one, and warns where access gets worse than at the origin', () => {
    const worse = score({ unitDistances: { ...nearUnit, school: 1500, kindergarten: 3500 } });
    expect(worse.score).toBeLessThan(score().score);
    const regress = score({ originDistances: { ...farOrigin, grocery: 100 }, unitDistances: { ...nearUnit, grocery: 1200 } });
    expect(regress.warnings.map((w) => w.code)).toContain('access-worse');
  });

  it('makes a unit without step-free access ineligible when the household needs it', () => {
    const result = score({ household: { ...family, needs: ['step_free'] } });
    expect(result.eligible).toBe(false);
    expect(result.warnings.map((w) => w.code)).toContain('step-free-required');
    expect(score({ household: { ...family, needs: ['step_free'] }, unit: { ...flat, stepFree: true } }).eligible).toBe(true);
  });

  it('makes more than three persons per room ineligible (UN-Habitat sufficient living area)', () => {
    const result = score({ unit: { ...flat, rooms: 1, floorAreaM2: 30 } });
    expect(result.eligible).toBe(false);
    expect(result.warnings.map((w) => w.code)).toContain('overcrowded');
  });

  it('penalises concentration more as relocated households accumulate, and warns past each limit', () => {
    const some = score({ counts: { building: 1, near: 2, neighbourhood: 5, locality: 10 } });
    const full = score({ counts: { building: 4, near: 8, neighbourhood: 10, locality: 25 } });
    expect(some.score).toBeLessThan(score().score);
    expect(full.score).toBeLessThan(some.score);
    expect(some.warnings.filter((w) => w.code.startsWith('concentration'))).toEqual([]);
    expect(full.warnings.map((w) => w.code)).toEqual(
      expect.arrayContaining(['concentration-building', 'concentration-near', 'concentration-neighbourhood', 'concentration-locality']),
    );
    expect(full.breakdown.concentration.limits).toEqual({ building: 4, near: 8, neighbourhood: 10, locality: 25 });
  });

  it('turns the rates per 10,000 inhabitants into household limits, at least one, none without a population', () => {
    expect(levelLimits(DEFAULT_CONCENTRATION_LIMITS, { neighbourhood: 69_916, locality: 286_598 })).toEqual({
      building: 4,
      near: 8,
      neighbourhood: 104,
      locality: 286,
    });
    expect(levelLimits(DEFAULT_CONCENTRATION_LIMITS, { neighbourhood: 400, locality: null })).toEqual({ building: 4, near: 8, neighbourhood: 1, locality: null });
    const unlimited = score({ counts: { building: 0, near: 0, neighbourhood: 500, locality: 900 }, limits: levelLimits(DEFAULT_CONCENTRATION_LIMITS, { neighbourhood: null, locality: null }) });
    expect(unlimited.warnings.filter((w) => w.code.startsWith('concentration'))).toEqual([]);
  });

  it('uses configurable limits and skips levels the unit is not part of', () => {
    const strict = score({ counts: { building: 1, near: 0, neighbourhood: null, locality: null }, limits: { building: 1, near: 5, neighbourhood: 1, locality: 1 } });
    expect(strict.warnings.map((w) => w.code)).toEqual(['concentration-building']);
  });

  it('prefers the localities the household asked for', () => {
    const wantsFloresti = { ...family, preferredLocalities: ['Florești'] };
    expect(score({ household: wantsFloresti }).breakdown.locality.score).toBe(0);
    expect(score({ household: wantsFloresti, unit: { ...flat, locality: 'Florești' } }).breakdown.locality.score).toBe(10);
  });

  it('does not change its inputs', () => {
    const input = { household: family, unit: flat, originDistances: farOrigin, unitDistances: nearUnit, counts: none };
    const copy = structuredClone(input);
    scoreCandidate(input);
    expect(input).toEqual(copy);
  });
});
