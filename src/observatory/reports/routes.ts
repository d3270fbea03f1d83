import { createRoute, z } from '@hono/zod-openapi';
import { permission } from '../../access/route-permission.js';
import { errorResponses } from '../../http/openapi.js';
import { createRouter } from '../../http/router.js';
import { partnerPackRequest, reportFile } from './files.js';
import { lastYear, PartnerPackQuerySchema, YearQuerySchema } from './schemas.js';

const tags = ['observatory'];
const binary = (types: string[], description: string) => ({
  200: { content: Object.fromEntries(types.map((type) => [type, { schema: z.string().openapi({ format: 'binary' }) }])), description },
  ...errorResponses,
});

const partnerPack = createRoute({
  ...permission('read_aggregates'),
  method: 'get', path: '/observatory/reports/partner-pack', tags,
  summary: 'Partner pack for a local security council (CLSPD): communes or a QPV over a period, small counts suppressed, as PDF or XLSX',
  request: {
    query: PartnerPackQuerySchema,
  },
  responses: binary(['application/pdf', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], 'The pack, as an attachment'),
});

const boardReport = createRoute({
  ...permission('read_landlord_reports'),
  method: 'get', path: '/observatory/reports/board', tags,
  summary: 'Annual report to the board (PDF): key figures, 36-month trend, map and hotspots of a year',
  request: { query: YearQuerySchema },
  responses: binary(['application/pdf'], 'The report, as an attachment'),
});

const ushSurvey = createRoute({
  ...permission('read_landlord_reports'),
  method: 'get', path: '/observatory/reports/ush-survey', tags,
  summary: 'Counts and costs of a year per family and category, in the layout of the USH national survey of incivilities (XLSX)',
  request: { query: YearQuerySchema },
  responses: binary(['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], 'The workbook, as an attachment'),
});

const attachment = (file: { body: Buffer; contentType: string; filename: string }) => ({
  body: new Uint8Array(file.body),
  headers: { 'content-type': file.contentType, 'content-disposition': `attachment; filename="${file.filename}"` },
});

export function observatoryReportRoutes() {
  return createRouter()
    .openapi(partnerPack, async (c) => {
      const file = attachment(await reportFile(c.get('db'), c.get('actor'), partnerPackRequest(c.req.valid('query'))));
      return c.body(file.body, 200, file.headers);
    })
    .openapi(boardReport, async (c) => {
      const file = attachment(await reportFile(c.get('db'), c.get('actor'), { kind: 'board', year: c.req.valid('query').year ?? lastYear() }));
      return c.body(file.body, 200, file.headers);
    })
    .openapi(ushSurvey, async (c) => {
      const file = attachment(await reportFile(c.get('db'), c.get('actor'), { kind: 'ush-survey', year: c.req.valid('query').year ?? lastYear() }));
      return c.body(file.body, 200, file.headers);
    });
}
