/** The reference point of "distance to the city centre": Piața Unirii, Cluj-Napoca (docs/DOMAIN.md), [lon, lat]. */
export const CITY_CENTRE = { name: 'Piața Unirii', position: [23.58932, 46.76996] as [number, number] };
