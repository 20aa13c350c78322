import fs from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { exportFeatures, type ExportSrid } from '../api/src/db/export-features';
import { LAYERS } from '../api/src/db/layers';
import { toCsvExport, toGeoJsonExport } from '../api/src/export/format-export';
import { parseCrs } from '../api/src/geo/parse-crs';
import { openConfiguredDatabase } from './open-configured-database';
import { describeFailure, openServerSession } from './server-session';

// `npx tsx scripts/export.ts --layer zones --format csv --crs EPSG:3844 --out zones.csv`
// The same files as GET /api/<layer>/export; without --out the file goes to standard output.
// With --server URL it asks a running Punte (which may hold the embedded data folder: issue 10).
const usage =
  'usage: npx tsx scripts/export.ts --layer zones|settlements|housing-units|services [--format geojson|csv] [--crs EPSG:4326|EPSG:3844] [--out FILE]\n' +
  '       [--server http://127.0.0.1:3000 --user USERNAME]   (password from PUNTE_PASSWORD or a prompt)';
const { values } = parseArgs({
  options: {
    layer: { type: 'string' },
    format: { type: 'string', default: 'geojson' },
    crs: { type: 'string', default: 'EPSG:4326' },
    out: { type: 'string' },
    server: { type: 'string' },
    user: { type: 'string' },
  },
});
const layer = Object.values(LAYERS).find((l) => l.path === values.layer);
const srid = parseCrs(values.crs ?? '')?.srid;
if (!layer || (values.format !== 'geojson' && values.format !== 'csv') || (srid !== 4326 && srid !== 3844)) {
  console.error(usage);
  process.exit(2);
}

/** Writes the export to --out or standard output. */
async function deliver(text: string, count: number | undefined): Promise<void> {
  if (!values.out) {
    process.stdout.write(text);
    return;
  }
  await fs.writeFile(values.out, text);
  console.error(`${count ?? 'The'} ${layer!.noun}s written to ${values.out} (${values.format}, EPSG:${srid}).`);
}

if (values.server) {
  const session = await openServerSession(values.server, values.user);
  try {
    const response = await session.request(`/api/${layer.path}/export?format=${values.format}&crs=EPSG:${srid}`);
    if (!response.ok) {
      console.error(`Export refused: ${await describeFailure(response)}`);
      process.exit(1);
    }
    const text = await response.text();
    await deliver(text, values.format === 'geojson' ? (JSON.parse(text) as { features: unknown[] }).features.length : undefined);
  } finally {
    await session.close();
  }
} else {
  const { db } = await openConfiguredDatabase();
  try {
    const features = await exportFeatures(db.knex, layer, srid as ExportSrid);
    await deliver(values.format === 'csv' ? toCsvExport(layer, features, srid as ExportSrid) : `${JSON.stringify(toGeoJsonExport(features, srid as ExportSrid))}\n`, features.length);
  } finally {
    await db.close();
  }
}
