import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, IdParam, json, problem, jsonBody } from '../http/openapi.js';
import { createRouter } from '../http/router.js';
import { permission } from '../access/route-permission.js';
import {
  ActionInputSchema, ActionSchema, CategoryChangeSchema, CategorySchema, CommentInputSchema, CommentSchema, CreatedIncidentSchema,
  CreateIncidentSchema, HallLevelsQuerySchema, HallLevelsSchema, IncidentDetailSchema, IncidentIdParam, IncidentPageSchema,
  ListFiltersSchema, ListQuerySchema, MergeSchema, NearestPlaceSchema, NearestQuerySchema, TransitionSchema, UpdateIncidentSchema,
} from './schemas.js';
import { notifyActionAdded, notifyStatusChange } from './notifications/service.js';
import * as service from './service.js';

const tags = ['incidents'];
const tooLarge = problem('Too many incidents: narrow the filters');
const unprocessableResponse = { 422: problem('Free text flagged as sensitive: correct it, or confirm with sensitiveTextConfirmed') };
const conflictResponse = { 409: problem('Not allowed in the incident’s current state') };

const listCategories = createRoute({
  method: 'get', path: '/incidents/categories', tags, ...permission('read_incident'), summary: 'The landlord’s nomenclature (latest version of each category)',
  responses: { 200: json(z.array(CategorySchema), 'Categories'), ...errorResponses },
});

const changeCategory = createRoute({
  method: 'put', path: '/incidents/categories/{code}', tags, ...permission('manage_incident'), summary: 'Rename, re-grade, (de)activate or add a category (new version)',
  request: { params: z.object({ code: z.string().max(40).openapi({ param: { name: 'code', in: 'path' } }) }), ...jsonBody(CategoryChangeSchema) },
  responses: { 200: json(CategorySchema, 'The current version'), ...errorResponses },
});

const create = createRoute({
  method: 'post', path: '/incidents', tags, ...permission('record_incident'), summary: 'Record an incident (severity suggested by the category, duplicates flagged)',
  request: jsonBody(CreateIncidentSchema),
  responses: { 201: json(CreatedIncidentSchema, 'Recorded'), 200: json(CreatedIncidentSchema, 'Already recorded with this idempotency key'), ...errorResponses, ...unprocessableResponse, ...conflictResponse },
});

const list = createRoute({
  method: 'get', path: '/incidents', tags, ...permission('read_incident'), summary: 'Incidents newest first, filtered, by pages (keyset cursor)',
  request: { query: ListQuerySchema },
  responses: { 200: json(IncidentPageSchema, 'One page'), ...errorResponses },
});

const exportCsv = createRoute({
  method: 'get', path: '/incidents/export.csv', tags, ...permission('read_incident'), summary: 'The incidents the filters select, as CSV (semicolons, Paris times)',
  request: { query: ListFiltersSchema },
  responses: { 200: { content: { 'text/csv': { schema: z.string() } }, description: 'CSV file' }, ...errorResponses, 413: tooLarge },
});

const nearest = createRoute({
  method: 'get', path: '/incidents/places/nearest', tags, ...permission('record_incident'), summary: 'Entrances and buildings within 200 m of a point, nearest first (to snap a map tap)',
  request: { query: NearestQuerySchema },
  responses: { 200: json(z.array(NearestPlaceSchema), 'Nearest places'), ...errorResponses },
});

const detail = createRoute({
  method: 'get', path: '/incidents/{incidentId}', tags, ...permission('read_incident'), summary: 'An incident with its actions, comments and history',
  request: { params: IncidentIdParam },
  responses: { 200: json(IncidentDetailSchema, 'The incident'), ...errorResponses },
});

const update = createRoute({
  method: 'patch', path: '/incidents/{incidentId}', tags, ...permission('manage_incident'), summary: 'Correct or complete the facts (every change goes to the history)',
  request: { params: IncidentIdParam, ...jsonBody(UpdateIncidentSchema) },
  responses: { 200: json(IncidentDetailSchema, 'The incident'), ...errorResponses, ...unprocessableResponse, ...conflictResponse },
});

const transition = createRoute({
  method: 'post', path: '/incidents/{incidentId}/transitions', tags, ...permission('manage_incident'), summary: 'Move the incident along its workflow (409 when not allowed)',
  request: { params: IncidentIdParam, ...jsonBody(TransitionSchema) },
  responses: { 200: json(IncidentDetailSchema, 'The incident'), ...errorResponses, ...conflictResponse },
});

const addAction = createRoute({
  method: 'post', path: '/incidents/{incidentId}/actions', tags, ...permission('manage_incident'), summary: 'Add a graduated-response action or legal outcome to the timeline',
  request: { params: IncidentIdParam, ...jsonBody(ActionInputSchema) },
  responses: { 201: json(ActionSchema, 'Added'), ...errorResponses, ...conflictResponse },
});

const addComment = createRoute({
  method: 'post', path: '/incidents/{incidentId}/comments', tags, ...permission('record_incident'), summary: 'Comment on an incident',
  request: { params: IncidentIdParam, ...jsonBody(CommentInputSchema) },
  responses: { 201: json(CommentSchema, 'Added'), ...errorResponses, ...unprocessableResponse },
});

const merge = createRoute({
  method: 'post', path: '/incidents/{incidentId}/merge', tags, ...permission('manage_incident'), summary: 'Merge a duplicate into this incident (both histories kept)',
  request: { params: IncidentIdParam, ...jsonBody(MergeSchema) },
  responses: { 200: json(IncidentDetailSchema, 'The surviving incident'), ...errorResponses, ...conflictResponse },
});

const hallLevels = createRoute({
  method: 'get', path: '/incidents/residences/{residenceId}/hall-levels', tags, ...permission('read_incident'), summary: 'Level of each entrance of a residence over 90 days',
  request: { params: IdParam('residenceId'), query: HallLevelsQuerySchema },
  responses: { 200: json(HallLevelsSchema, 'Levels'), ...errorResponses },
});

/** Static paths are registered before `/incidents/{incidentId}` so that they win. */
export function incidentRoutes() {
  return createRouter()
    .openapi(listCategories, async (c) => c.json(await service.listCategories(c.get('db'), c.get('actor')), 200))
    .openapi(changeCategory, async (c) =>
      c.json(await service.changeCategory(c.get('db'), c.get('actor'), c.req.valid('param').code, c.req.valid('json')), 200))
    .openapi(hallLevels, async (c) =>
      c.json(await service.hallLevels(c.get('db'), c.get('actor'), c.req.valid('param').residenceId, c.req.valid('query').asOf), 200))
    .openapi(exportCsv, async (c) => {
      const csv = await service.exportIncidents(c.get('db'), c.get('actor'), c.req.valid('query'));
      return c.body(csv, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="incidents.csv"' });
    })
    .openapi(nearest, async (c) => {
      const { lon, lat } = c.req.valid('query');
      return c.json(await service.nearestPlaces(c.get('db'), c.get('actor'), lon, lat), 200);
    })
    .openapi(create, async (c) => {
      const { created, ...answer } = await service.createIncident(c.get('db'), c.get('actor'), c.req.valid('json'));
      return created ? c.json(answer, 201) : c.json(answer, 200);
    })
    .openapi(list, async (c) => c.json(await service.listIncidents(c.get('db'), c.get('actor'), c.req.valid('query')), 200))
    .openapi(detail, async (c) => c.json(await service.readIncident(c.get('db'), c.get('actor'), c.req.valid('param').incidentId), 200))
    .openapi(update, async (c) =>
      c.json(await service.updateIncident(c.get('db'), c.get('actor'), c.req.valid('param').incidentId, c.req.valid('json')), 200))
    .openapi(transition, async (c) => {
      const { incidentId } = c.req.valid('param');
      const incident = await service.transitionIncident(c.get('db'), c.get('actor'), incidentId, c.req.valid('json'));
      // The reporter hears what became of the report; the answer does not wait for the mail server.
      void notifyStatusChange(c.get('db'), c.get('config'), c.get('actor'), incidentId, incident.status);
      return c.json(incident, 200);
    })
    .openapi(addAction, async (c) => {
      const { incidentId } = c.req.valid('param');
      const action = await service.addAction(c.get('db'), c.get('actor'), incidentId, c.req.valid('json'));
      void notifyActionAdded(c.get('db'), c.get('config'), c.get('actor'), incidentId, action.kind);
      return c.json(action, 201);
    })
    .openapi(addComment, async (c) =>
      c.json(await service.addComment(c.get('db'), c.get('actor'), c.req.valid('param').incidentId, c.req.valid('json').body, c.req.valid('json').sensitiveTextConfirmed), 201))
    .openapi(merge, async (c) =>
      c.json(await service.mergeIncidents(c.get('db'), c.get('actor'), c.req.valid('param').incidentId, c.req.valid('json').duplicateId), 200));
}
