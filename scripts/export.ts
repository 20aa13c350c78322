import fs from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { exportFeatures, type ExportSrid } from '../api/src/db/export-features';
import { LAYERS } from '../api/src/db/layers';
import { toCsvExport, toGeoJsonExport } from '../api/src/export/format-export';
import { parseCrs } from '../api/src/geo/parse-crs';
import { openConfiguredDatabase } from './open-configured-database';

// `npx tsx scripts/export.ts --layer zones --format csv --crs EPSG:3844 --out zones.csv`
// The same files as GET /api/<layer>/export; without --out the file goes to standard output.
const usage = 'usage: npx tsx scripts/export.ts --layer zones|settlements|housing-units|services [--format geojson|csv] [--crs EPSG:4326|EPSG:3844] [--out FILE]';
const { values } = parseArgs({
  options: { layer: { type: 'string' }, format: { type: 'string', default: 'geojson' }, crs: { type: 'string', default: 'EPSG:4326' }, out: { type: 'string' } },
});
const layer = Object.values(LAYERS).find((l) => l.path === values.layer);
const srid = parseCrs(values.crs ?? '')?.srid;
if (!layer || (values.format !== 'geojson' && values.format !== 'csv') || (srid !== 4326 && srid !== 3844)) {
  console.error(usage);
  process.exit(2);
}

const { db } = await openConfiguredDatabase();
try {
  const features = await exportFeatures(db.knex, layer, srid as ExportSrid);
  const text = values.format === 'csv' ? toCsvExport(layer, features, srid as ExportSrid) : `${JSON.stringify(toGeoJsonExport(features, srid as ExportSrid))}\n`;
  if (values.out) {
    await fs.writeFile(values.out, text);
    console.error(`${features.length} ${layer.noun}s written to ${values.out} (${values.format}, EPSG:${srid}).`);
  } else {
    process.stdout.write(text);
  }
} finally {
  await db.close();
}
