import { createRoute } from '@hono/zod-openapi';
import { permission } from '../../access/route-permission.js';
import { errorResponses, json } from '../../http/openapi.js';
import { createRouter } from '../../http/router.js';
import { filterOf } from '../service.js';
import { ChoroplethQuerySchema, ChoroplethSchema, EmergingQuerySchema, EmergingSchema } from './schemas.js';
import * as service from './service.js';

const tags = ['observatory'];

const choropleth = createRoute({
  ...permission('read_aggregates'),
  method: 'get', path: '/observatory/choropleth', tags,
  summary: 'Rates per 100 dwellings per agency, commune or hexagon as GeoJSON, from the roll-ups (perimeter and partner suppression applied)',
  request: { query: ChoroplethQuerySchema },
  responses: { 200: json(ChoroplethSchema, 'Areas with their incidents, dwellings and rate; `source` says whether areas are imported boundaries or approximate'), ...errorResponses },
});

const emerging = createRoute({
  ...permission('read_aggregates'),
  method: 'get', path: '/observatory/emerging', tags,
  summary: 'Emerging hotspots: each hexagon’s class from the monthly Gi* of the period (Mann-Kendall trend), as GeoJSON',
  request: { query: EmergingQuerySchema },
  responses: { 200: json(EmergingSchema, 'Hexagons with a pattern (new, consecutive, intensifying, persistent, diminishing, sporadic, oscillating, historical; hot or cold)'), ...errorResponses },
});

export function observatoryMapRoutes() {
  return createRouter()
    .openapi(choropleth, async (c) => {
      const { unit, cellSize, ...query } = c.req.valid('query');
      return c.json(await service.choropleth(c.get('db'), c.get('actor'), filterOf(query), { unit, cellSize }), 200);
    })
    .openapi(emerging, async (c) => {
      const { cellSize, distance, ...query } = c.req.valid('query');
      return c.json(await service.emerging(c.get('db'), c.get('actor'), filterOf(query), { cellSize, distance }), 200);
    });
}
