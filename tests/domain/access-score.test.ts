import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ACCESS_CONFIG, withAccessConfig } from '../../api/src/domain/access-config';
import { accessScore, categoryScore, distanceDecay, walkingMinutes, weightedMean } from '../../api/src/domain/access-score';
import { SERVICE_CATEGORIES, type ServiceCategory } from '../../api/src/domain/vocabulary';

const config = DEFAULT_ACCESS_CONFIG;
const allAt = (metres: number | null) => Object.fromEntries(SERVICE_CATEGORIES.map((c) => [c, metres])) as Record<ServiceCategory, number | null>;

describe('access score', () => {
  it('follows the walking thresholds of DOMAIN.md', () => {
    // 4.8 km/h: 400 m ≈ 5 min, 800 m ≈ 10 min.
    expect(walkingMinutes(400, config.walkingSpeedKmh)).toBeCloseTo(5, 10);
    expect(walkingMinutes(800, config.walkingSpeedKmh)).toBeCloseTo(10, 10);
    // SDG 11.2.1: a stop within 500 m is full access; a school within a 10-minute walk too.
    expect(categoryScore(500, config.categories.transit_stop)).toBe(100);
    expect(categoryScore(800, config.categories.school)).toBe(100);
    // One half-distance beyond, access halves; two, it quarters.
    expect(categoryScore(1000, config.categories.transit_stop)).toBeCloseTo(50, 10);
    expect(categoryScore(1500, config.categories.transit_stop)).toBeCloseTo(25, 10);
    expect(categoryScore(2400, config.categories.school)).toBeCloseTo(25, 10);
  });

  it('weights categories; the default weights add up to 100', () => {
    expect(SERVICE_CATEGORIES.reduce((sum, c) => sum + config.categories[c].weight, 0)).toBe(100);
    expect(accessScore(allAt(100), config)).toBe(100);
    expect(accessScore(allAt(null), config)).toBe(0);
    // Only the transit stop far (1 km: half access), weight 20 of 100: the score loses 10 points.
    expect(accessScore({ ...allAt(100), transit_stop: 1000 }, config)).toBeCloseTo(90, 10);
    // A missing category counts as no access.
    expect(accessScore({ ...allAt(100), transit_stop: undefined } as never, config)).toBeCloseTo(80, 10);
    // Restricted to some categories, their weights are renormalised.
    expect(accessScore({ school: 100, transit_stop: 1000 }, config, ['school', 'transit_stop'])).toBeCloseTo((15 + 20 * 0.5) / 35 * 100, 10);
  });

  it('is between 0 and 100 and never rises when a service moves farther away', () => {
    const distance = fc.option(fc.double({ min: 0, max: 50_000, noNaN: true }), { nil: null });
    const distances = fc.record(Object.fromEntries(SERVICE_CATEGORIES.map((c) => [c, distance])) as Record<ServiceCategory, typeof distance>);
    fc.assert(
      fc.property(distances, fc.constantFrom(...SERVICE_CATEGORIES), fc.double({ min: 0, max: 5_000, noNaN: true }), (d, category, extra) => {
        const score = accessScore(d, config);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(100);
        const farther = { ...d, [category]: d[category] === null ? null : (d[category] as number) + extra };
        expect(accessScore(farther, config)).toBeLessThanOrEqual(score + 1e-9);
      }),
    );
  });

  it('decays continuously at the full-access distance', () => {
    const scoring = config.categories.social_services;
    expect(distanceDecay(scoring.fullAccessM, scoring)).toBe(1);
    expect(distanceDecay(scoring.fullAccessM + 0.001, scoring)).toBeCloseTo(1, 5);
    expect(distanceDecay(Number.POSITIVE_INFINITY, scoring)).toBe(0);
  });

  it('takes overrides and refuses nonsense', () => {
    const custom = withAccessConfig(config, { walkingSpeedKmh: 3.6, categories: { school: { weight: 40 } } });
    expect(walkingMinutes(900, custom.walkingSpeedKmh)).toBeCloseTo(15, 10);
    expect(custom.categories.school).toEqual({ ...config.categories.school, weight: 40 });
    expect(config.categories.school.weight).toBe(15);
    expect(() => withAccessConfig(config, { walkingSpeedKmh: 0 })).toThrow(/walkingSpeedKmh/);
    expect(() => withAccessConfig(config, { categories: { grocery: { halfDistanceM: 0 } } })).toThrow(/grocery/);
    expect(() => withAccessConfig(config, { nthNearest: 0 })).toThrow(/nthNearest/);
  });

  it('computes weighted means', () => {
    expect(weightedMean([100, 200], [1, 3])).toBe(175);
    expect(weightedMean([1], [0])).toBeNull();
  });
});
