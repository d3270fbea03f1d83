import { createRoute, z } from '@hono/zod-openapi';
import { permission } from '../access/route-permission.js';
import { errorResponses, IdParam, json, jsonBody } from '../http/openapi.js';
import { createRouter } from '../http/router.js';
import { FileInputSchema, FileSchema, FileSummarySchema, LinkInputSchema, ListQuerySchema, PersonInputSchema, StatusInputSchema, StepInputSchema } from './schemas.js';
import * as service from './service.js';

const tags = ['pre-litigation'];
const fileParams = IdParam('fileId');

const list = createRoute({
  method: 'get', path: '/pre-litigation/files', tags, summary: 'Pre-litigation files of the caller’s perimeter (no identities in the list)',
  ...permission('read_pre_litigation'),
  request: { query: ListQuerySchema }, responses: { 200: json(z.array(FileSummarySchema), 'Files'), ...errorResponses },
});
const create = createRoute({
  method: 'post', path: '/pre-litigation/files', tags, summary: 'Open a file on incidents of one agency, naming the people concerned',
  ...permission('manage_pre_litigation'),
  request: jsonBody(FileInputSchema), responses: { 201: json(FileSchema, 'Opened'), ...errorResponses },
});
const read = createRoute({
  method: 'get', path: '/pre-litigation/files/{fileId}', tags, summary: 'A file with its people and legal steps (the read is audited)',
  ...permission('read_pre_litigation'),
  request: { params: fileParams }, responses: { 200: json(FileSchema, 'The file'), ...errorResponses },
});
const status = createRoute({
  method: 'put', path: '/pre-litigation/files/{fileId}/status', tags, summary: 'Close a file: settled, time-barred or judgment executed',
  ...permission('manage_pre_litigation'),
  request: { params: fileParams, ...jsonBody(StatusInputSchema) }, responses: { 200: json(FileSchema, 'Updated'), ...errorResponses },
});
const step = createRoute({
  method: 'post', path: '/pre-litigation/files/{fileId}/steps', tags, summary: 'Record a legal step (reminder, formal notice, complaint, summons, judgment)',
  ...permission('manage_pre_litigation'),
  request: { params: fileParams, ...jsonBody(StepInputSchema) }, responses: { 201: json(FileSchema, 'Recorded'), ...errorResponses },
});
const person = createRoute({
  method: 'post', path: '/pre-litigation/files/{fileId}/persons', tags, summary: 'Name one more person concerned',
  ...permission('manage_pre_litigation'),
  request: { params: fileParams, ...jsonBody(PersonInputSchema) }, responses: { 201: json(FileSchema, 'Added'), ...errorResponses },
});
const link = createRoute({
  method: 'post', path: '/pre-litigation/files/{fileId}/incidents', tags, summary: 'Link one more incident of the file’s agency',
  ...permission('manage_pre_litigation'),
  request: { params: fileParams, ...jsonBody(LinkInputSchema) }, responses: { 201: json(FileSchema, 'Linked'), ...errorResponses },
});

const wire = (file: Awaited<ReturnType<typeof service.readFile>>) => JSON.parse(JSON.stringify(file)) as z.infer<typeof FileSchema>;

export function preLitigationRoutes() {
  return createRouter()
    .openapi(list, async (c) => {
      const files = await service.listFiles(c.get('db'), c.get('actor'), c.req.valid('query').status);
      return c.json(JSON.parse(JSON.stringify(files)) as z.infer<typeof FileSummarySchema>[], 200);
    })
    .openapi(create, async (c) => c.json(wire(await service.createFile(c.get('db'), c.get('actor'), c.req.valid('json'))), 201))
    .openapi(read, async (c) => c.json(wire(await service.readFile(c.get('db'), c.get('actor'), c.req.valid('param').fileId)), 200))
    .openapi(status, async (c) =>
      c.json(wire(await service.changeStatus(c.get('db'), c.get('actor'), c.req.valid('param').fileId, c.req.valid('json').status)), 200))
    .openapi(step, async (c) => c.json(wire(await service.addStep(c.get('db'), c.get('actor'), c.req.valid('param').fileId, c.req.valid('json'))), 201))
    .openapi(person, async (c) => c.json(wire(await service.addPerson(c.get('db'), c.get('actor'), c.req.valid('param').fileId, c.req.valid('json'))), 201))
    .openapi(link, async (c) =>
      c.json(wire(await service.linkIncident(c.get('db'), c.get('actor'), c.req.valid('param').fileId, c.req.valid('json').incidentId)), 201));
}
