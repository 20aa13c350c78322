/**
 * Returns how many positions a coordinates array holds at any depth (a Point counts 1), counting
 * a ring's closing position; returns 0 for anything that holds no position.
 */
export function countVertices(coordinates: unknown): number {
  if (!Array.isArray(coordinates)) return 0;
  if (coordinates.length > 0 && !Array.isArray(coordinates[0])) return 1;
  let total = 0;
  for (const item of coordinates) total += countVertices(item);
  return total;
}
