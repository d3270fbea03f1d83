import { createRoute, z } from '@hono/zod-openapi';
import { permission } from '../access/route-permission.js';
import { errorResponses, IdParam, json } from '../http/openapi.js';
import { createRouter } from '../http/router.js';
import { PatrimonyStatsSchema, ResidenceDetailSchema, ResidenceMapSchema, ResidenceSummarySchema } from './schemas.js';
import * as service from './service.js';

const tags = ['patrimony'];

const stats = createRoute({
  ...permission('read_patrimony'), method: 'get', path: '/patrimony/stats', tags, summary: 'Counts of the patrimony',
  responses: { 200: json(PatrimonyStatsSchema, 'Counts'), ...errorResponses },
});

const search = createRoute({
  ...permission('read_patrimony'), method: 'get', path: '/patrimony/search', tags, summary: 'Find residences by name, commune, code or QPV',
  request: {
    query: z.object({
      q: z.string().trim().min(1).max(100),
      limit: z.coerce.number().int().min(1).max(100).default(20),
    }),
  },
  responses: { 200: json(z.array(ResidenceSummarySchema), 'Matching residences'), ...errorResponses },
});

const residence = createRoute({
  ...permission('read_patrimony'), method: 'get', path: '/patrimony/residences/{residenceId}', tags, summary: 'A residence with its buildings, entrances and dwellings',
  request: { params: IdParam('residenceId') },
  responses: { 200: json(ResidenceDetailSchema, 'The residence'), ...errorResponses },
});

const map = createRoute({
  ...permission('read_patrimony'), method: 'get', path: '/patrimony/map/residences', tags, summary: 'Residences as GeoJSON points',
  responses: { 200: json(ResidenceMapSchema, 'GeoJSON FeatureCollection'), ...errorResponses },
});

export function patrimonyRoutes() {
  return createRouter()
    .openapi(stats, async (c) => c.json(await service.patrimonyStats(c.get('db'), c.get('actor')), 200))
    .openapi(search, async (c) => {
      const { q, limit } = c.req.valid('query');
      return c.json(await service.searchResidences(c.get('db'), c.get('actor'), q, limit), 200);
    })
    .openapi(residence, async (c) => {
      const { residenceId } = c.req.valid('param');
      return c.json(await service.residenceDetail(c.get('db'), c.get('actor'), residenceId), 200);
    })
    .openapi(map, async (c) => c.json(await service.residenceMap(c.get('db'), c.get('actor')), 200));
}
