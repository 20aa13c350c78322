/**
 * Colours shared by the map layers and the legend, so a swatch can never disagree with the map.
 *
 * Service categories use Paul Tol's "muted" qualitative scheme (10 colours, distinguishable with the
 * common colour-vision deficiencies): https://personal.sron.nl/~pault/#sec:qualitative
 * Housing statuses use Okabe–Ito colours (https://jfly.uni-koeln.de/color/) plus grey for "unavailable".
 */

export const SERVICE_CATEGORIES = [
  'school',
  'kindergarten',
  'family_doctor',
  'clinic',
  'pharmacy',
  'transit_stop',
  'social_services',
  'employment_office',
  'grocery',
  'community_centre',
] as const;
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];

export const serviceCategoryColours: Record<ServiceCategory, string> = {
  school: '#332288',
  kindergarten: '#88CCEE',
  family_doctor: '#117733',
  clinic: '#44AA99',
  pharmacy: '#999933',
  transit_stop: '#882255',
  social_services: '#CC6677',
  employment_office: '#DDCC77',
  grocery: '#DDDDDD',
  community_centre: '#AA4499',
};
export const UNKNOWN_CATEGORY_COLOUR = '#555555';

export const HOUSING_STATUSES = ['available', 'reserved', 'occupied', 'unavailable'] as const;
export type HousingStatus = (typeof HOUSING_STATUSES)[number];

export const housingStatusColours: Record<HousingStatus, string> = {
  available: '#009E73',
  reserved: '#F0E442',
  occupied: '#0072B2',
  unavailable: '#999999',
};

export const ZONE_KINDS = ['locality', 'neighbourhood', 'intervention'] as const;
export type ZoneKind = (typeof ZONE_KINDS)[number];

export const zoneKindColours: Record<ZoneKind, string> = {
  locality: '#3f4756',
  neighbourhood: '#6b7280',
  intervention: '#6a3d9a',
};

export const settlementColours = {
  fill: '#D55E00',
  outline: '#7a2e00',
};

export const basemapColours = {
  background: '#f2efe9',
  landfill: '#b8a27a',
  landfillOutline: '#7d6a48',
  water: '#9ccbe0',
  river: '#5b9fc9',
  boundary: '#8b8b9a',
  roadCasing: '#c4b9a6',
  motorway: '#e39b2f',
  primary: '#f3c969',
  secondary: '#ffffff',
  railway: '#6b6b6b',
};

/**
 * Access score classes (issue 4): viridis, sequential and readable with every common colour-vision
 * deficiency (https://cran.r-project.org/web/packages/viridis/vignettes/intro-to-viridis.html).
 * Low access is dark so the places that need attention stand out; the same classes as the API's
 * grid legend (api/src/domain/access-overlays.ts SCORE_LEGEND).
 */
export const accessScoreClasses = [
  { min: 0, max: 20, colour: '#440154' },
  { min: 20, max: 40, colour: '#3b528b' },
  { min: 40, max: 60, colour: '#21918c' },
  { min: 60, max: 80, colour: '#5ec962' },
  { min: 80, max: 100, colour: '#fde725' },
] as const;

/** Catchment rings by radius (Okabe–Ito blue and sky blue): the nearer ring darker. */
export const catchmentColours: Record<number, { fill: string; line: string }> = {
  500: { fill: '#0072B2', line: '#004a75' },
  1000: { fill: '#56B4E9', line: '#1f6f9c' },
};

/** The origin marker of an access card. */
export const accessOriginColour = '#E69F00';

/**
 * The relocation plan map (issue 5): origin in the settlement orange, destination in the blue of an
 * occupied unit, joined by a dashed line, so the two ends read the same as on the main map.
 */
export const planMoveColours = { origin: '#D55E00', destination: '#0072B2', line: '#3f4756' } as const;

/**
 * Location quotient classes of the segregation map (issue 12), Paul Tol's sequential "YlOrBr" scheme
 * (colour-blind safe, light to dark): the upper bound of each class and its colour. LQ 1 is the city's
 * share; the group is a fraction of a percent of the population, so quotients in the tens are common.
 */
export const LOCATION_QUOTIENT_CLASSES: ReadonlyArray<{ below: number; colour: string }> = [
  { below: 0.5, colour: '#FFF7BC' },
  { below: 1, colour: '#FEE391' },
  { below: 2, colour: '#FEC44F' },
  { below: 5, colour: '#FB9A29' },
  { below: 20, colour: '#CC4C02' },
  { below: Number.POSITIVE_INFINITY, colour: '#662506' },
];
/** Units with nobody from the group. */
export const LOCATION_QUOTIENT_NONE = '#F2F2F2';
/** Buildings over a concentration limit, drawn over the quotients. */
export const CONCENTRATION_HOTSPOT_COLOUR = '#332288';

/** Lines of the segregation series (Okabe–Ito): D, isolation and η². */
export const segregationSeriesColours = { dissimilarity: '#0072B2', isolation: '#D55E00', correlationRatio: '#009E73' } as const;
