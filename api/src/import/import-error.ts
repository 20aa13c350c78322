import type { ProblemDetailItem } from '../problem';

/** Thrown when a whole import cannot go on (unreadable file, unknown CRS, no geometry column): a 422 with this detail. */
export class ImportError extends Error {
  readonly errors: ProblemDetailItem[];
  constructor(message: string, errors: ProblemDetailItem[] = []) {
    super(message);
    this.errors = errors;
  }
}
