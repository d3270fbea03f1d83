import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { permission } from '../../access/route-permission.js';
import { errorResponses } from '../../http/openapi.js';
import type { AppEnv } from '../../http/context.js';
import { createRouter } from '../../http/router.js';
import * as service from './service.js';

const tags = ['renovation'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const Format = z.enum(['json', 'xlsx']).default('json').openapi({ description: 'json, or xlsx for the workbook sent to the Département' });
const report = (description: string) => ({
  200: { content: { 'application/json': { schema: z.any() }, [XLSX]: { schema: z.string().openapi({ format: 'binary' }) } }, description },
  ...errorResponses,
});

const forecast = createRoute({
  ...permission('read_renovation'),
  method: 'get', path: '/renovation/reports/forecast', tags, summary: 'November forecast: planned volumes of year N per territory and kind',
  request: { query: z.object({ year: z.coerce.number().int().min(2000).max(2100), format: Format }) },
  responses: report('Forecast of the year'),
});
const tracking = createRoute({
  ...permission('read_renovation'),
  method: 'get', path: '/renovation/reports/tracking', tags, summary: 'Semi-annual tracking table of the operations financed by the Département',
  request: { query: z.object({ semester: z.string().regex(/^\d{4}-S[12]$/, 'AAAA-S1 ou AAAA-S2 attendu'), format: Format }) },
  responses: report('Tracking table at the end of the semester'),
});
const consumption = createRoute({
  ...permission('read_renovation'),
  method: 'get', path: '/renovation/reports/consumption', tags, summary: 'Envelope consumption by year for each framework convention',
  request: { query: z.object({ format: Format }) },
  responses: report('Consumption by year'),
});

const scope = (c: Context<AppEnv>) => [c.get('db'), c.get('actor')] as const;
const workbook = (c: Context<AppEnv>, buffer: Buffer, name: string) =>
  c.body(new Uint8Array(buffer), 200, { 'content-type': XLSX, 'content-disposition': `attachment; filename="${name}.xlsx"` });

export function reportRoutes() {
  return createRouter()
    .openapi(forecast, async (c) => {
      const { year, format } = c.req.valid('query');
      if (format === 'xlsx') return workbook(c, await service.forecastWorkbook(...scope(c), year), `previsionnel-${year}`);
      return c.json(await service.forecastReport(...scope(c), year), 200);
    })
    .openapi(tracking, async (c) => {
      const { semester, format } = c.req.valid('query');
      if (format === 'xlsx') return workbook(c, await service.trackingWorkbook(...scope(c), semester), `suivi-${semester}`);
      return c.json(await service.trackingReport(...scope(c), semester), 200);
    })
    .openapi(consumption, async (c) => {
      if (c.req.valid('query').format === 'xlsx') return workbook(c, await service.consumptionWorkbook(...scope(c)), 'consommation-enveloppes');
      return c.json(await service.consumptionReport(...scope(c)), 200);
    });
}
