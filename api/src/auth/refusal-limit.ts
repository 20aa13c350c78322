import { ProblemError } from '../problem';

// Issue 17: a viewer wrote 300 append-only audit rows in 1.5 s by asking for identities it may not read.
// Refusals are still audited, but at most MAX_AUDITED per user and window; further ones are answered
// 429 without a row and counted, and the next audited refusal carries that count (one row for many).

const WINDOW_MS = 10 * 60 * 1000;
const MAX_AUDITED = 10;

type Window = { startedAt: number; audited: number; suppressed: number };

/** Counts the refused identity requests of each user over a ten-minute window. */
export class RefusalLimit {
  private readonly windows = new Map<number, Window>();

  /**
   * Returns how many earlier refusals of `userId` went unrecorded (to write in this refusal's audit row),
   * or throws a 429 problem with Retry-After when this one should be neither audited nor answered again.
   */
  admit(userId: number, now = Date.now()): number {
    let window = this.windows.get(userId);
    if (!window || now - window.startedAt >= WINDOW_MS) {
      const carried = window?.suppressed ?? 0;
      window = { startedAt: now, audited: 0, suppressed: 0 };
      this.windows.set(userId, window);
      window.audited++;
      return carried;
    }
    if (window.audited >= MAX_AUDITED) {
      window.suppressed++;
      const retryAfter = Math.ceil((window.startedAt + WINDOW_MS - now) / 1000);
      throw new ProblemError({
        status: 429,
        type: '/problems/too-many-refusals',
        title: 'Too many refused requests',
        detail: `You asked for data your role may not see ${MAX_AUDITED} times in ten minutes; try again in ${Math.ceil(retryAfter / 60)} minutes. Each refusal is recorded.`,
        headers: { 'Retry-After': String(retryAfter) },
        extensions: { retryAfter },
      });
    }
    window.audited++;
    return 0;
  }
}
