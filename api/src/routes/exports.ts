import { Router } from 'express';
import { z } from 'zod';
import type { AppContext } from '../app-context';
import { requirePermission } from '../auth/session-middleware';
import { exportFeatures, type ExportSrid } from '../db/export-features';
import { LAYERS } from '../db/layers';
import { toCsvExport, toGeoJsonExport } from '../export/format-export';
import { parseCrs } from '../geo/parse-crs';
import { problemResponses } from '../http/openapi';
import { parseInput } from '../http/validate';

const exportQuerySchema = z
  .object({
    format: z.enum(['geojson', 'csv']).default('geojson'),
    crs: z
      .string()
      .default('EPSG:4326')
      .transform((text, ctx) => {
        const crs = parseCrs(text);
        if (!crs || (crs.srid !== 4326 && crs.srid !== 3844)) {
          ctx.addIssue({ code: 'custom', message: `crs must be EPSG:4326 (WGS84) or EPSG:3844 (Stereo 70), got "${text}"` });
          return z.NEVER;
        }
        return crs.srid as ExportSrid;
      })
      .describe('EPSG:4326 (WGS84, default) or EPSG:3844 (Stereo 70; EPSG:31700 is read as 3844)'),
  })
  .strict();

/**
 * Returns the router of layer exports: GET /api/<layer>/export?format=geojson|csv&crs=EPSG:4326|EPSG:3844.
 * Mounted before the layer routes so /export is not taken for an id.
 */
export function exportsRouter(context: AppContext): Router {
  const router = Router();
  for (const layer of Object.values(LAYERS)) {
    router.get(`/${layer.path}/export`, requirePermission('layers:read'), async (req, res) => {
      const { format, crs } = parseInput(exportQuerySchema, req.query, 'query');
      const features = await exportFeatures(context.db.knex, layer, crs);
      const filename = `${layer.path}-EPSG${crs}.${format}`;
      res.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
      if (format === 'csv') res.type('text/csv; charset=utf-8').send(toCsvExport(layer, features, crs));
      else res.type('application/geo+json').json(toGeoJsonExport(features, crs));
    });
    context.registry.registerPath({
      method: 'get',
      path: `/api/${layer.path}/export`,
      summary: `Every ${layer.noun} as a GeoJSON or CSV file (lon/lat or WKT columns), in WGS84 or Stereo 70`,
      tags: ['exports'],
      security: [{ session: [] }],
      request: { query: exportQuerySchema },
      responses: {
        200: { description: 'The file (Content-Disposition: attachment)', content: { 'application/geo+json': { schema: z.object({}) }, 'text/csv': { schema: z.string() } } },
        ...problemResponses(400, 401, 403),
      },
    });
  }
  return router;
}
