import { createRoute, z } from '@hono/zod-openapi';
import { permission } from '../access/route-permission.js';
import { errorResponses, json, jsonBody } from '../http/openapi.js';
import { createRouter } from '../http/router.js';
import {
  ClusterQuerySchema, ClustersSchema, DashboardSchema, FilterQuerySchema, HallLevelsSchema, HeatmapSchema, HotspotQuerySchema, HotspotsSchema, StaffInputSchema,
} from './schemas.js';
import { EXPORT_FORMATS, exportDashboard } from './export.js';
import * as service from './service.js';

const tags = ['observatory'];

const dashboard = createRoute({
  ...permission('read_aggregates'),
  method: 'get', path: '/observatory/dashboard', tags, summary: 'Every panel of the dashboard for the filters, from the roll-ups',
  request: { query: FilterQuerySchema },
  responses: { 200: json(DashboardSchema, 'Indicators with the previous period and the same period last year, breakdowns, trend, hour × weekday'), ...errorResponses },
});

const clusters = createRoute({
  ...permission('read_aggregates'),
  method: 'get', path: '/observatory/clusters', tags, summary: 'Clustered incident points of a viewport (server-built); incident ids for readers of incidents only, no points for partners',
  request: { query: ClusterQuerySchema },
  responses: { 200: json(ClustersSchema, 'Clusters and single incidents'), ...errorResponses },
});

const heatmap = createRoute({
  ...permission('read_aggregates'),
  method: 'get', path: '/observatory/heatmap', tags, summary: 'Weighted points (buildings, residences) for a heatmap',
  request: { query: FilterQuerySchema },
  responses: { 200: json(HeatmapSchema, 'Weighted points'), ...errorResponses },
});

const hotspots = createRoute({
  ...permission('read_aggregates'),
  method: 'get', path: '/observatory/hotspots', tags, summary: 'Getis-Ord Gi* on rates per 100 dwellings, FDR confidence bins',
  request: { query: HotspotQuerySchema },
  responses: { 200: json(HotspotsSchema, 'Units with z, p and bin (±3 99 %, ±2 95 %, ±1 90 %)'), ...errorResponses },
});

const hallLevels = createRoute({
  ...permission('read_aggregates'),
  method: 'get', path: '/observatory/hall-levels', tags, summary: 'Level of every hall over the last quarter of the period, and its change',
  request: { query: FilterQuerySchema },
  responses: { 200: json(HallLevelsSchema, 'Halls with their levels'), ...errorResponses },
});

const exportFile = createRoute({
  ...permission('read_aggregates'),
  method: 'get', path: '/observatory/export', tags, summary: 'The dashboard as CSV or XLSX, the map heat as GeoJSON, for the filters (perimeter and partner suppression applied)',
  request: { query: FilterQuerySchema.extend({ format: z.enum(EXPORT_FORMATS).default('csv') }) },
  responses: {
    200: {
      content: {
        'text/csv': { schema: z.string() },
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string().openapi({ format: 'binary' }) },
        'application/geo+json': { schema: z.any() },
      },
      description: 'The file, as an attachment',
    },
    ...errorResponses,
  },
});

const setStaff = createRoute({
  ...permission('manage_patrimony'),
  method: 'put', path: '/observatory/staff', tags, summary: 'Staff per agency (input of the per-100-staff rates)',
  request: jsonBody(StaffInputSchema),
  responses: { 200: json(z.array(z.object({ agencyId: z.number(), name: z.string(), staff: z.number().nullable() })), 'Agencies with their staff'), ...errorResponses },
});

export function observatoryRoutes() {
  return createRouter()
    .openapi(dashboard, async (c) => c.json(await service.dashboard(c.get('db'), c.get('actor'), service.filterOf(c.req.valid('query'))), 200))
    .openapi(clusters, async (c) => {
      const { bbox, zoom, ...query } = c.req.valid('query');
      return c.json(await service.clusters(c.get('db'), c.get('actor'), service.filterOf(query), bbox, zoom), 200);
    })
    .openapi(heatmap, async (c) => c.json(await service.heatmap(c.get('db'), c.get('actor'), service.filterOf(c.req.valid('query'))), 200))
    .openapi(hotspots, async (c) => {
      const { unit, cellSize, distance, ...query } = c.req.valid('query');
      return c.json(await service.hotspots(c.get('db'), c.get('actor'), service.filterOf(query), { unit, cellSize, distance }), 200);
    })
    .openapi(hallLevels, async (c) => c.json(await service.hallLevels(c.get('db'), c.get('actor'), service.filterOf(c.req.valid('query'))), 200))
    .openapi(exportFile, async (c) => {
      const { format, ...query } = c.req.valid('query');
      const file = await exportDashboard(c.get('db'), c.get('actor'), service.filterOf(query), format);
      return c.body(file.body, 200, { 'content-type': file.contentType, 'content-disposition': `attachment; filename="${file.filename}"` });
    })
    .openapi(setStaff, async (c) => {
      const agencies = await service.setStaff(c.get('db'), c.get('actor'), c.req.valid('json').agencies);
      return c.json(agencies.map(({ agencyId, name, staff }) => ({ agencyId, name, staff })), 200);
    });
}
