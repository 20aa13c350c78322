import type { z } from 'zod';

const BOOLEAN_WORDS: Record<string, boolean> = { true: true, false: false, yes: true, no: false, da: true, nu: false, '1': true, '0': false };

/** The readings a text cell may have besides text: a number (decimal comma accepted), a boolean, JSON. */
function readings(text: string): unknown[] {
  const trimmed = text.trim();
  const out: unknown[] = [];
  const decimal = /^[+-]?\d+,\d+$/.test(trimmed) ? trimmed.replace(',', '.') : trimmed;
  if (decimal !== '' && Number.isFinite(Number(decimal))) out.push(Number(decimal));
  const word = BOOLEAN_WORDS[trimmed.toLowerCase()];
  if (word !== undefined) out.push(word);
  if (/^[[{]/.test(trimmed)) {
    try {
      out.push(JSON.parse(trimmed));
    } catch {
      // Not JSON after all: the schema will say what it expected.
    }
  }
  return out;
}

/**
 * Returns a text value (a CSV cell, a constant) as the type `schema` accepts — the text itself, else a
 * number, boolean or JSON reading of it — or the text unchanged when no reading fits, for the schema to
 * reject with its own message. Non-text values are returned as they are.
 */
export function coerceText(value: unknown, schema: z.ZodType): unknown {
  if (typeof value !== 'string') return value;
  if (schema.safeParse(value).success) return value;
  return readings(value).find((reading) => schema.safeParse(reading).success) ?? value;
}
