// Defaults of the segregation analysis (issue 12) that both the API and batch matching use.

/** The first month an analysis accepts: the relocation programmes began in 2014 (docs/DOMAIN.md). */
export const FIRST_ANALYSIS_MONTH = '2014-01';

/**
 * The hexagon side by default: 400 m puts hexagon centres ~690 m apart, so the 800 m environment of the
 * spatial D holds a hexagon and its six neighbours.
 */
export const DEFAULT_HEX_SIDE_M = 400;
