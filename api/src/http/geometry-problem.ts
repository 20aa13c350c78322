import type { GeometryIssue } from '../geo/geometry-issue';
import { ProblemError } from '../problem';

// A problem body stays readable; the detail says how many more there were.
const MAX_ERRORS = 50;

/** Returns the 422 problem for geometry that cannot be stored, with one `errors[]` item per issue (pointer, code, detail, indexes). */
export function geometryProblem(issues: GeometryIssue[], hint = ''): ProblemError {
  const shown = issues.slice(0, MAX_ERRORS);
  const more = issues.length > shown.length ? ` (and ${issues.length - shown.length} more)` : '';
  const first = issues[0];
  return new ProblemError({
    status: 422,
    type: '/problems/geometry-invalid',
    title: 'Invalid geometry',
    detail: `The geometry cannot be stored: ${first ? `${first.detail} (${first.pointer})` : 'it is invalid'}${
      issues.length > 1 ? ` — ${issues.length} problems in all${more}` : ''
    }.${hint}`,
    errors: shown.map(({ pointer, detail, ...rest }) => ({ pointer, detail, ...rest })),
  });
}
