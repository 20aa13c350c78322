// Issue 17: an import walks hundreds of thousands of rows. Every long loop gives the event loop a turn
// every few thousand rows, so health checks and other users' requests are answered meanwhile.

/** Rows a loop handles between two turns of the event loop. */
export const ROWS_PER_TURN = 5_000;

/** Resolves on the next turn of the event loop. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Resolves at once, or on the next turn of the event loop every ROWS_PER_TURN-th `index`. */
export function breathe(index: number): Promise<void> | undefined {
  return index > 0 && index % ROWS_PER_TURN === 0 ? yieldToEventLoop() : undefined;
}

/** Returns `items` mapped by `map`, yielding to the event loop every ROWS_PER_TURN items. */
export async function mapInTurns<T, U>(items: readonly T[], map: (item: T, index: number) => U): Promise<U[]> {
  const out: U[] = new Array(items.length);
  for (let i = 0; i < items.length; i++) {
    await breathe(i);
    out[i] = map(items[i] as T, i);
  }
  return out;
}
