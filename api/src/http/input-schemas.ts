import { z } from 'zod';
import { todayInCity } from '../../../contracts/city-date';

// Request schemas used by every route (issue 17): each kind of input is parsed ONE way, so a hostile
// value is refused with a 400 naming the field instead of throwing (a 500) deeper down.

/** The largest id of a PostgreSQL `integer` column (serial ids). */
export const MAX_ID = 2_147_483_647;

/**
 * A whole number in a query string or path: plain decimal digits only (`0x1`, ` 1`, `1e3` and `1.0` are
 * refused, not read as numbers), within [min, max].
 */
export function queryInteger(min: number, max: number) {
  return z
    .string()
    .regex(/^(0|[1-9]\d{0,15})$/, 'must be a whole number written in digits')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
}

/** An id in a query string or path: 1 … 2³¹−1, the range of the id columns. */
export const queryId = () => queryInteger(1, MAX_ID);

/** An id in a JSON body. */
export const bodyId = () => z.number().int().min(1).max(MAX_ID);

/** A calendar date YYYY-MM-DD (refused, never thrown on, when it is not one). */
export const isoDate = () =>
  z.string().refine((text) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
    const time = Date.parse(`${text}T00:00:00Z`);
    return !Number.isNaN(time) && new Date(time).toISOString().startsWith(text);
  }, 'must be a calendar date YYYY-MM-DD');

/** The first day of Cluj-Napoca's relocation programmes (docs/DOMAIN.md: since 2014). */
export const PROGRAMME_START_DATE = '2014-01-01';

/**
 * A date in the programme: not before it began (issue 15: a move dated earlier would enter months the
 * public series never published) and not after today in Cluj-Napoca.
 */
export const programmeDate = () =>
  isoDate()
    .refine((text) => text >= PROGRAMME_START_DATE, `must not be before ${PROGRAMME_START_DATE}, when the relocation programmes began`)
    .refine((text) => text <= todayInCity(), 'must not lie in the future (Europe/Bucharest)');

/** A calendar date that is not after today in Cluj-Napoca (Europe/Bucharest), e.g. a consent date. */
export const pastOrTodayDate = () => isoDate().refine((text) => text <= todayInCity(), 'must not lie in the future (Europe/Bucharest)');

/** Deepest nesting and largest size (JSON text) of a free-form JSON value such as `attributes`. */
export const MAX_FREE_JSON_DEPTH = 8;
export const MAX_FREE_JSON_BYTES = 64 * 1024;

/** Returns the nesting depth of a JSON value, iteratively (a 5,000-deep value must not overflow the stack). */
export function jsonDepth(value: unknown, limit = Number.POSITIVE_INFINITY): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop() as [unknown, number];
    if (item === null || typeof item !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > limit) return deepest;
    for (const child of Object.values(item as Record<string, unknown>)) stack.push([child, depth + 1]);
  }
  return deepest;
}

/** A free-form JSON object, bounded in depth and size. */
export const freeJsonObject = () =>
  z
    .record(z.string(), z.unknown())
    .refine((value) => jsonDepth(value, MAX_FREE_JSON_DEPTH) <= MAX_FREE_JSON_DEPTH, `must not nest deeper than ${MAX_FREE_JSON_DEPTH} levels`)
    .refine((value) => JSON.stringify(value).length <= MAX_FREE_JSON_BYTES, `must be at most ${MAX_FREE_JSON_BYTES / 1024} KB as JSON`);
