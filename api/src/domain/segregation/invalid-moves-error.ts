/** Thrown for simulated moves that name a household or unit that cannot take part, each with where (HTTP 422). */
export class InvalidMovesError extends Error {
  constructor(readonly errors: ReadonlyArray<{ pointer: string; detail: string }>) {
    super(errors.map((e) => `${e.pointer}: ${e.detail}`).join('; '));
  }
}
