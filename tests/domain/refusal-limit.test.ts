import { describe, expect, it } from 'vitest';
import { RefusalLimit } from '../../api/src/auth/refusal-limit';
import { ProblemError } from '../../api/src/problem';

// Issue 17: refused identity requests are audited at most ten times per user and ten minutes; the rest
// are answered 429 and counted into the next audited refusal.

describe('refusal limit', () => {
  it('admits ten refusals, refuses the rest with Retry-After, and carries their count into the next window', () => {
    const limit = new RefusalLimit();
    const t0 = 1_000_000;
    for (let i = 0; i < 10; i++) expect(limit.admit(7, t0 + i)).toBe(0);
    let refused: unknown;
    for (let i = 0; i < 290; i++) {
      try {
        limit.admit(7, t0 + 100 + i);
      } catch (error) {
        refused = error;
      }
    }
    expect(refused).toBeInstanceOf(ProblemError);
    expect((refused as ProblemError).status).toBe(429);
    expect(Number((refused as ProblemError).headers['Retry-After'])).toBeGreaterThan(0);
    expect(limit.admit(8, t0 + 500)).toBe(0);
    expect(limit.admit(7, t0 + 10 * 60 * 1000)).toBe(290);
    expect(limit.admit(7, t0 + 10 * 60 * 1000 + 1)).toBe(0);
  });
});
