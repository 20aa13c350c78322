import { ProblemError } from '../problem';

// Failed logins allowed per window: per username and address, and per address across usernames.
const WINDOW_MS = 15 * 60 * 1000;
const MAX_PER_ACCOUNT = 10;
const MAX_PER_ADDRESS = 50;

type Counter = { failures: number; resetAt: number };

/**
 * Counts failed logins in memory. One instance per app; a restart forgets, which is acceptable
 * for one server process (a cluster would keep the counters in the database).
 */
export class LoginRateLimit {
  private readonly counters = new Map<string, Counter>();

  /** Throws a 429 problem when this address, or this address for this username, failed too often. */
  check(address: string, username: string, now = Date.now()): void {
    for (const [key, max] of this.keys(address, username)) {
      const counter = this.counters.get(key);
      if (counter && counter.resetAt > now && counter.failures >= max) {
        const retryAfter = Math.ceil((counter.resetAt - now) / 1000);
        throw new ProblemError({
          status: 429,
          type: '/problems/too-many-login-attempts',
          title: 'Too many login attempts',
          detail: `Too many failed logins; try again in ${Math.ceil(retryAfter / 60)} minutes.`,
          extensions: { retryAfter },
          headers: { 'Retry-After': String(retryAfter) },
        });
      }
    }
  }

  /** Records one failed login. */
  fail(address: string, username: string, now = Date.now()): void {
    for (const [key] of this.keys(address, username)) {
      const counter = this.counters.get(key);
      if (!counter || counter.resetAt <= now) this.counters.set(key, { failures: 1, resetAt: now + WINDOW_MS });
      else counter.failures += 1;
    }
    if (this.counters.size > 10_000) this.prune(now);
  }

  /** Forgets the failures of this username from this address after a successful login. */
  succeed(address: string, username: string): void {
    this.counters.delete(`account:${address}:${username}`);
  }

  private keys(address: string, username: string): Array<[string, number]> {
    return [
      [`account:${address}:${username}`, MAX_PER_ACCOUNT],
      [`address:${address}`, MAX_PER_ADDRESS],
    ];
  }

  private prune(now: number): void {
    for (const [key, counter] of this.counters) if (counter.resetAt <= now) this.counters.delete(key);
  }
}
