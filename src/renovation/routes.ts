import { createRoute, z } from '@hono/zod-openapi';
import { permission } from '../access/route-permission.js';
import { errorResponses, IdParam, json } from '../http/openapi.js';
import { createRouter } from '../http/router.js';
import { parseIsoDate } from './dpe/domain/dates.js';
import { programmeRoutes } from './programme/routes.js';
import { reportRoutes } from './reports/routes.js';
import { ComplianceOverviewSchema, ResidenceLabelsSchema } from './schemas.js';
import * as service from './service.js';

const tags = ['renovation'];

const atQuery = z.string().refine((text) => parseIsoDate(text) !== undefined, 'YYYY-MM-DD expected').optional()
  .openapi({ description: 'Evaluation date (default: today)' });
const today = () => new Date().toISOString().slice(0, 10);

const compliance = createRoute({
  ...permission('read_renovation'),
  method: 'get', path: '/renovation/compliance', tags,
  summary: 'Dwellings per letting ban (compliant, covered, at risk, not covered, unknown) and the yearly E/F/G trajectory',
  request: {
    query: z.object({
      at: atQuery,
      from: z.coerce.number().int().min(2000).max(service.TRAJECTORY_LAST_YEAR).optional()
        .openapi({ description: 'First year of the trajectory (default: the year of `at`)' }),
    }),
  },
  responses: { 200: json(ComplianceOverviewSchema, 'Counts per deadline and trajectory'), ...errorResponses },
});

const residenceLabels = createRoute({
  ...permission('read_renovation'),
  method: 'get', path: '/renovation/residences/{residenceId}/labels', tags,
  summary: "Each dwelling's effective DPE label: its own valid DPE, else its building's, else unknown",
  request: { params: IdParam('residenceId'), query: z.object({ at: atQuery }) },
  responses: { 200: json(ResidenceLabelsSchema, 'One entry per dwelling of the residence'), ...errorResponses },
});

export function renovationRoutes() {
  return createRouter().openapi(compliance, async (c) => {
    const { from } = c.req.valid('query');
    return c.json(await service.complianceOverview(c.get('db'), c.get('actor'), c.req.valid('query').at ?? today(), from), 200);
  }).openapi(residenceLabels, async (c) => {
    const at = c.req.valid('query').at ?? today();
    return c.json(await service.residenceLabels(c.get('db'), c.get('actor'), c.req.valid('param').residenceId, at), 200);
  }).route('/', programmeRoutes()).route('/', reportRoutes());
}
