import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SERVICE_CATEGORIES, type ServiceCategory } from '../api/src/domain/vocabulary';

// A synthetic metropolitan dataset for the access benchmark (issue 4): origins (homes) and services
// clustered around neighbourhood centres like a real city, over an area the size of the Cluj
// metropolitan area (~38 km × 22 km), and five locality polygons tiling it for the hexagon grid.
// Deterministic: the same seed gives the same data on every machine and engine.

export type MetroOptions = { seed: number; origins: number; services: number };
export type MetroDataset = {
  origins: Array<{ key: string; lon: number; lat: number }>;
  services: Array<{ name: string; category: ServiceCategory; lon: number; lat: number }>;
  /** Locality outlines (one ring each, WGS84), tiling the bounding box. */
  localities: Array<{ name: string; ring: Array<[number, number]> }>;
  bbox: [number, number, number, number];
};

export const DEFAULT_METRO: MetroOptions = { seed: 20261123, origins: 100_000, services: 5_000 };

/** The metro extent: Gilău to Apahida, Baciu to Feleacu (WGS84). */
export const METRO_BBOX: [number, number, number, number] = [23.38, 46.68, 23.88, 46.88];

/** Returns a deterministic PRNG in [0, 1) (mulberry32). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Returns the synthetic metro dataset for `options`. */
export function generateMetro(options: MetroOptions = DEFAULT_METRO): MetroDataset {
  const random = mulberry32(options.seed);
  const [west, south, east, north] = METRO_BBOX;
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  // 40 neighbourhood centres; the dense core (a quarter of them) lies in the middle third.
  const centres = Array.from({ length: 40 }, (_, i) => {
    const core = i < 10;
    const spanX = core ? 0.33 : 1;
    const spanY = core ? 0.33 : 1;
    return {
      lon: west + (east - west) * (0.5 + (random() - 0.5) * spanX),
      lat: south + (north - south) * (0.5 + (random() - 0.5) * spanY),
      sigma: core ? 0.008 : 0.004 + random() * 0.01,
      weight: core ? 3 : 1,
    };
  });
  const totalWeight = centres.reduce((sum, c) => sum + c.weight, 0);
  const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
  /** A point near a weighted-random centre; 10% uniform over the area (scattered houses). */
  const place = (): [number, number] => {
    if (random() < 0.1) return [west + random() * (east - west), south + random() * (north - south)];
    let pick = random() * totalWeight;
    const centre = centres.find((c) => (pick -= c.weight) < 0) ?? (centres[0] as (typeof centres)[number]);
    return [
      clamp(centre.lon + gaussian() * centre.sigma * 1.46, west, east),
      clamp(centre.lat + gaussian() * centre.sigma, south, north),
    ];
  };
  const round7 = (v: number) => Math.round(v * 1e7) / 1e7;
  const origins = Array.from({ length: options.origins }, (_, i) => {
    const [lon, lat] = place();
    return { key: String(i), lon: round7(lon), lat: round7(lat) };
  });
  const services = Array.from({ length: options.services }, (_, i) => {
    const [lon, lat] = place();
    const category = SERVICE_CATEGORIES[i % SERVICE_CATEGORIES.length] as ServiceCategory;
    return { name: `Synthetic ${category} ${i}`, category, lon: round7(lon), lat: round7(lat) };
  });
  // Five localities: a central city and four communes, as vertical strips with a jagged edge.
  const cuts = [west, west + 0.1, west + 0.2, west + 0.34, west + 0.42, east];
  const names = ['Gilău (synthetic)', 'Florești (synthetic)', 'Cluj-Napoca (synthetic)', 'Baciu (synthetic)', 'Apahida (synthetic)'];
  const localities = names.map((name, i) => {
    const x0 = cuts[i] as number;
    const x1 = cuts[i + 1] as number;
    const ring: Array<[number, number]> = [
      [x0, south],
      [x1, south],
      [x1, (south + north) / 2],
      [x1, north],
      [x0, north],
      [x0, (south + north) / 2],
      [x0, south],
    ];
    return { name, ring };
  });
  return { origins, services, localities, bbox: METRO_BBOX };
}

// `npx tsx bench/generate-metro.ts [out.json]` writes the dataset as JSON for use elsewhere.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const out = process.argv[2] ?? path.join(process.cwd(), 'bench', 'metro.json');
  const data = generateMetro();
  fs.writeFileSync(out, JSON.stringify(data));
  console.log(`wrote ${data.origins.length} origins, ${data.services.length} services, ${data.localities.length} localities to ${out}`);
}
