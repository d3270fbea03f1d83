import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../../core/errors.js';
import { readTableBytes } from '../../patrimony/import/files/read-table.js';
import { permission } from '../../access/route-permission.js';
import { problem, errorResponses, IdParam, json, jsonBody } from '../../http/openapi.js';
import { createRouter } from '../../http/router.js';
import type { AppEnv } from '../../http/context.js';
import { ConventionInputSchema, FinancingLineInputSchema, OperationDetailSchema, OperationFilterSchema, OperationInputSchema, OperationListSchema } from './schemas.js';
import { importOperationTable } from './import/service.js';
import * as service from './service.js';

const tags = ['renovation'];
const refused = { 409: problem('Refused: an envelope or annual convention would be exceeded (the detail says by how much)') };
const noContent = { 204: { description: 'Deleted' } };

const list = createRoute({
  ...permission('read_renovation'),
  method: 'get', path: '/renovation/operations', tags, summary: 'Operations of the programme, with costs, gains, phase and financing totals',
  request: { query: OperationFilterSchema },
  responses: { 200: json(OperationListSchema, 'One page of operations'), ...errorResponses },
});
const create = createRoute({
  ...permission('manage_renovation'),
  method: 'post', path: '/renovation/operations', tags, summary: 'Create an operation (dwellings, plan, phases, costs, labels)',
  request: jsonBody(OperationInputSchema),
  responses: { 201: json(OperationDetailSchema, 'The operation'), ...errorResponses },
});
const detail = createRoute({
  ...permission('read_renovation'),
  method: 'get', path: '/renovation/operations/{operationId}', tags, summary: 'An operation with its phases, financing lines and hints',
  request: { params: IdParam('operationId') },
  responses: { 200: json(OperationDetailSchema, 'The operation'), ...errorResponses },
});
const update = createRoute({
  ...permission('manage_renovation'),
  method: 'put', path: '/renovation/operations/{operationId}', tags, summary: 'Replace an operation (phases not given are kept)',
  request: { params: IdParam('operationId'), ...jsonBody(OperationInputSchema) },
  responses: { 200: json(OperationDetailSchema, 'The operation'), ...errorResponses },
});
const remove = createRoute({
  ...permission('manage_renovation'),
  method: 'delete', path: '/renovation/operations/{operationId}', tags, summary: 'Delete an operation with its phases and financing lines',
  request: { params: IdParam('operationId') },
  responses: { ...noContent, ...errorResponses },
});
const addLine = createRoute({
  ...permission('manage_renovation'),
  method: 'post', path: '/renovation/operations/{operationId}/financing', tags, summary: 'Add a financing line (409 when a commitment exceeds an envelope)',
  request: { params: IdParam('operationId'), ...jsonBody(FinancingLineInputSchema) },
  responses: { 201: json(OperationDetailSchema, 'The operation'), ...errorResponses, ...refused },
});
const updateLine = createRoute({
  ...permission('manage_renovation'),
  method: 'put', path: '/renovation/financing/{lineId}', tags, summary: 'Change a financing line (status, amount; 409 when a commitment exceeds an envelope)',
  request: { params: IdParam('lineId'), ...jsonBody(FinancingLineInputSchema) },
  responses: { 200: json(OperationDetailSchema, 'The operation'), ...errorResponses, ...refused },
});
const removeLine = createRoute({
  ...permission('manage_renovation'),
  method: 'delete', path: '/renovation/financing/{lineId}', tags, summary: 'Delete a financing line',
  request: { params: IdParam('lineId') },
  responses: { ...noContent, ...errorResponses },
});
const ConventionSchema = z.object({
  id: z.number().int(), externalId: z.string(), kind: z.enum(['framework', 'application']), frameworkId: z.number().int().nullable(), name: z.string(),
  firstYear: z.number().int(), lastYear: z.number().int(), investmentCents: z.number().int(), operatingCents: z.number().int(), signedOn: z.string().nullable(),
}).openapi('FundingConvention');
const listConventions = createRoute({
  ...permission('read_renovation'),
  method: 'get', path: '/renovation/conventions', tags, summary: 'Département conventions: frameworks, then annual application conventions',
  responses: { 200: json(z.array(ConventionSchema), 'The conventions'), ...errorResponses },
});
const createConvention = createRoute({
  ...permission('manage_renovation'),
  method: 'post', path: '/renovation/conventions', tags, summary: 'Create a framework or annual application convention (409 beyond the framework)',
  request: jsonBody(ConventionInputSchema),
  responses: { 201: json(z.object({ id: z.number().int() }), 'Created'), ...errorResponses, ...refused },
});

/** Large enough for a ten-year programme (a few thousand lines), small enough to parse in memory. */
const IMPORT_MAX_BYTES = 10 * 1024 * 1024;
const ImportUploadSchema = z.object({
  file: z.custom<File>((value) => value instanceof File, { message: 'Un fichier .csv ou .xlsx est attendu / A .csv or .xlsx file is expected' })
    .openapi({ type: 'string', format: 'binary', description: `CSV or XLSX, one line per operation (docs/renovation.md), at most ${IMPORT_MAX_BYTES / 1024 / 1024} MB` }),
});
const OperationImportResultSchema = z.object({ operations: z.number().int(), created: z.number().int(), updated: z.number().int() }).openapi('OperationImportResult');
const importOperations = createRoute({
  ...permission('manage_renovation'),
  method: 'post', path: '/renovation/operations/import', tags,
  summary: 'Import planned operations from a CSV or XLSX file: all or nothing (400 lists every bad line and column), idempotent by operation code',
  request: { body: { content: { 'multipart/form-data': { schema: ImportUploadSchema } }, required: true } },
  responses: {
    200: json(OperationImportResultSchema, 'Imported'),
    ...errorResponses,
    413: problem(`Larger than ${IMPORT_MAX_BYTES / 1024 / 1024} MB`),
  },
});
// Refused while streaming, before the multipart body is buffered; the form's own overhead is allowed for.
const importLimit = bodyLimit({
  maxSize: IMPORT_MAX_BYTES + 64 * 1024,
  onError: () => {
    throw new AppError('too_large', `Fichier trop lourd (file too large): ${IMPORT_MAX_BYTES / 1024 / 1024} Mo au plus`, [{ field: 'file', message: 'fichier trop lourd (file too large)' }]);
  },
});

const today = () => new Date().toISOString().slice(0, 10);
const scope = (c: Context<AppEnv>) => [c.get('db'), c.get('actor')] as const;

export function programmeRoutes() {
  const router = createRouter();
  router.post('/renovation/operations/import', importLimit);
  return router
    .openapi(importOperations, async (c) => {
      const { file } = c.req.valid('form');
      const table = await readTableBytes(file.name, new Uint8Array(await file.arrayBuffer()));
      return c.json(await importOperationTable(...scope(c), table), 200);
    })
    .openapi(list, async (c) => {
      const { limit, offset, ...filter } = c.req.valid('query');
      return c.json(await service.listOperations(...scope(c), filter, { limit, offset }, today()), 200);
    })
    .openapi(create, async (c) => c.json(await service.createOperation(...scope(c), c.req.valid('json'), today()), 201))
    .openapi(detail, async (c) => c.json(await service.operationDetail(...scope(c), c.req.valid('param').operationId, today()), 200))
    .openapi(update, async (c) => c.json(await service.updateOperation(...scope(c), c.req.valid('param').operationId, c.req.valid('json'), today()), 200))
    .openapi(remove, async (c) => {
      await service.deleteOperation(...scope(c), c.req.valid('param').operationId);
      return c.body(null, 204);
    })
    .openapi(addLine, async (c) => c.json(await service.addFinancingLine(...scope(c), c.req.valid('param').operationId, c.req.valid('json'), today()), 201))
    .openapi(updateLine, async (c) => c.json(await service.updateFinancingLine(...scope(c), c.req.valid('param').lineId, c.req.valid('json'), today()), 200))
    .openapi(removeLine, async (c) => {
      await service.deleteFinancingLine(...scope(c), c.req.valid('param').lineId);
      return c.body(null, 204);
    })
    .openapi(listConventions, async (c) => c.json(await service.listConventions(...scope(c)), 200))
    .openapi(createConvention, async (c) => c.json({ id: await service.createConvention(...scope(c), c.req.valid('json')) }, 201));
}
