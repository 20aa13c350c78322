/** What is wrong with a geometry; stable names the API reports as `code` (issue 3). */
export type GeometryIssueCode =
  | 'malformed'
  | 'empty'
  | 'geometry-collection'
  | 'wrong-type'
  | 'crs-member'
  | 'non-numeric-coordinate'
  | 'non-finite-coordinate'
  | 'too-many-dimensions'
  | 'too-many-vertices'
  | 'out-of-range'
  | 'out-of-region'
  | 'unclosed-ring'
  | 'ring-too-short'
  | 'self-intersection'
  | 'rings-cross'
  | 'hole-outside-shell'
  | 'nested-holes'
  | 'overlapping-parts';

/**
 * One problem in a geometry: a JSON pointer to the offending member and a sentence a planner can act on.
 * `part`, `ring` and `vertex` are zero-based indexes into the coordinates; `featureIndex` is set by imports.
 */
export type GeometryIssue = {
  code: GeometryIssueCode;
  pointer: string;
  detail: string;
  part?: number;
  ring?: number;
  vertex?: number;
  featureIndex?: number;
};

/** The topology problems `ST_MakeValid` can mend (`?repair=true`); every other issue stays a 422. */
export const REPAIRABLE_ISSUES: readonly GeometryIssueCode[] = [
  'self-intersection',
  'rings-cross',
  'hole-outside-shell',
  'nested-holes',
  'overlapping-parts',
];

/** Returns true when every issue is one `ST_MakeValid` can mend. */
export function allRepairable(issues: readonly GeometryIssue[]): boolean {
  return issues.every((issue) => REPAIRABLE_ISSUES.includes(issue.code));
}
