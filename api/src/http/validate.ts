import type { z } from 'zod';
import { fromZodError } from '../problem';

/** Returns `input` parsed by `schema`; throws a 400 problem naming each bad field under `where`. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, where: 'query' | 'params' | 'body'): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw fromZodError(result.error, where);
  return result.data;
}
