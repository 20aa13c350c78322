import fs from 'node:fs';
import path from 'node:path';
import { Router } from 'express';
import type { AppContext } from '../app-context';
import { GEODATA_DIR } from '../paths';

/** Returns the router of /api/public/* context data: the offline basemap and the client's map settings. */
export function publicRouter(context: AppContext): Router {
  const router = Router();
  // The basemap is a few hundred kilobytes of context lines: read once, served from memory.
  const basemap = fs.readFileSync(path.join(GEODATA_DIR, 'basemap', 'basemap.geojson'), 'utf8');

  router.get('/public/basemap', (_req, res) => {
    res.setHeader('Cache-Control', 'public, max-age=3600');
    res.type('application/geo+json').send(basemap);
  });

  router.get('/public/config', (_req, res) => {
    res.json({ basemapStyleUrl: context.config.basemapStyleUrl ?? null, center: [23.63, 46.775], zoom: 11.5 });
  });

  context.registry.registerPath({
    method: 'get',
    path: '/api/public/basemap',
    summary: 'Offline context basemap (boundary, river, roads, railway, landfill) as GeoJSON',
    tags: ['public'],
    responses: { 200: { description: 'FeatureCollection; properties.layer names the kind of line or area' } },
  });
  context.registry.registerPath({
    method: 'get',
    path: '/api/public/config',
    summary: 'Map settings for the client: optional online basemap style, start view',
    tags: ['public'],
    responses: { 200: { description: 'Client map settings' } },
  });
  return router;
}
