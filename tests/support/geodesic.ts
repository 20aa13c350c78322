// An independent ellipsoidal distance for tests of issue 4: Vincenty's inverse formula on WGS84
// (T. Vincenty, Survey Review 23(176), 1975), accurate to well under a millimetre for points that are
// not nearly antipodal. PostGIS geography measures on the same spheroid, so the two agree to
// millimetres; Turf's `distance` uses a sphere (radius 6,371,008.8 m) and differs by up to ~0.3%.

const A = 6378137;
const F = 1 / 298.257223563;
const B = A * (1 - F);

/** Returns the geodesic distance in metres between two [lon, lat] positions on the WGS84 ellipsoid. */
export function vincentyDistance(from: readonly [number, number], to: readonly [number, number]): number {
  const rad = Math.PI / 180;
  const L = (to[0] - from[0]) * rad;
  const U1 = Math.atan((1 - F) * Math.tan(from[1] * rad));
  const U2 = Math.atan((1 - F) * Math.tan(to[1] * rad));
  const sinU1 = Math.sin(U1);
  const cosU1 = Math.cos(U1);
  const sinU2 = Math.sin(U2);
  const cosU2 = Math.cos(U2);
  let lambda = L;
  for (let iteration = 0; iteration < 200; iteration++) {
    const sinLambda = Math.sin(lambda);
    const cosLambda = Math.cos(lambda);
    const sinSigma = Math.sqrt((cosU2 * sinLambda) ** 2 + (cosU1 * sinU2 - sinU1 * cosU2 * cosLambda) ** 2);
    if (sinSigma === 0) return 0;
    const cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
    const sigma = Math.atan2(sinSigma, cosSigma);
    const sinAlpha = (cosU1 * cosU2 * sinLambda) / sinSigma;
    const cos2Alpha = 1 - sinAlpha ** 2;
    const cos2SigmaM = cos2Alpha === 0 ? 0 : cosSigma - (2 * sinU1 * sinU2) / cos2Alpha;
    const C = (F / 16) * cos2Alpha * (4 + F * (4 - 3 * cos2Alpha));
    const previous = lambda;
    lambda = L + (1 - C) * F * sinAlpha * (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM ** 2)));
    if (Math.abs(lambda - previous) < 1e-12) {
      const u2 = (cos2Alpha * (A * A - B * B)) / (B * B);
      const bigA = 1 + (u2 / 16384) * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)));
      const bigB = (u2 / 1024) * (256 + u2 * (-128 + u2 * (74 - 47 * u2)));
      const deltaSigma =
        bigB *
        sinSigma *
        (cos2SigmaM +
          (bigB / 4) *
            (cosSigma * (-1 + 2 * cos2SigmaM ** 2) - (bigB / 6) * cos2SigmaM * (-3 + 4 * sinSigma ** 2) * (-3 + 4 * cos2SigmaM ** 2)));
      return B * bigA * (sigma - deltaSigma);
    }
  }
  throw new Error(`Vincenty's formula did not converge between ${from} and ${to} (nearly antipodal points)`);
}
