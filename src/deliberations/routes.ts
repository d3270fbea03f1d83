import { createRoute, z } from '@hono/zod-openapi';
import { validateSessionFile } from './domain/parse.js';
import { errorResponses, IdParam, json, problem, jsonBody } from '../http/openapi.js';
import { createRouter } from '../http/router.js';
import { permission } from '../access/route-permission.js';
import { importSession } from './import-service.js';
import * as items from './item-service.js';
import { renderExtractPdf } from './pdf/extract-pdf.js';
import { scdlCsv } from './scdl-csv.js';
import {
  CheckSchema, ImportResultSchema, InstanceInputSchema, InstanceSchema, ItemInputSchema, ItemSchema, LandlordSchema, LINK_KINDS, LinkInputSchema,
  LinkSchema, MemberInputSchema, MemberSchema, RegisterEntrySchema, SessionInputSchema, SessionSchema,
} from './schemas.js';
import * as service from './service.js';

const tags = ['deliberations'];
const conflict = { 409: problem('Refused by a rule of the register (named in the problem)') };
const deleted = { 204: { description: 'Deleted' } };

const landlordGet = createRoute({
  method: 'get', path: '/deliberations/landlord', tags, ...permission('read_deliberations'), summary: 'The letterhead of the extracts and the SCDL identity',
  responses: { 200: json(LandlordSchema, 'Letterhead'), ...errorResponses },
});
const landlordPut = createRoute({
  method: 'put', path: '/deliberations/landlord', tags, ...permission('manage_deliberations'), summary: 'Set the letterhead of the extracts and the SCDL identity',
  request: jsonBody(LandlordSchema), responses: { 200: json(LandlordSchema, 'Letterhead'), ...errorResponses },
});

const instanceList = createRoute({
  method: 'get', path: '/deliberations/instances', tags, ...permission('read_deliberations'), summary: 'Board and Bureau with their rules',
  responses: { 200: json(z.array(InstanceSchema), 'Instances'), ...errorResponses },
});
const instanceCreate = createRoute({
  method: 'post', path: '/deliberations/instances', tags, ...permission('manage_deliberations'), summary: 'Add an instance',
  request: jsonBody(InstanceInputSchema), responses: { 201: json(InstanceSchema, 'Created'), ...errorResponses },
});
const instanceUpdate = createRoute({
  method: 'put', path: '/deliberations/instances/{instanceId}', tags, ...permission('manage_deliberations'), summary: 'Change an instance’s rules (409 if a decision would break them)',
  request: { params: IdParam('instanceId'), ...jsonBody(InstanceInputSchema) }, responses: { 200: json(InstanceSchema, 'Updated'), ...errorResponses, ...conflict },
});
const instanceDelete = createRoute({
  method: 'delete', path: '/deliberations/instances/{instanceId}', tags, ...permission('manage_deliberations'), summary: 'Remove an instance without members or sessions',
  request: { params: IdParam('instanceId') }, responses: { ...deleted, ...errorResponses, ...conflict },
});

const memberList = createRoute({
  method: 'get', path: '/deliberations/members', tags, ...permission('read_deliberations'), summary: 'Members with their instances and mandates',
  responses: { 200: json(z.array(MemberSchema), 'Members'), ...errorResponses },
});
const memberCreate = createRoute({
  method: 'post', path: '/deliberations/members', tags, ...permission('manage_deliberations'), summary: 'Add a member',
  request: jsonBody(MemberInputSchema), responses: { 201: json(MemberSchema, 'Created'), ...errorResponses },
});
const memberUpdate = createRoute({
  method: 'put', path: '/deliberations/members/{memberId}', tags, ...permission('manage_deliberations'), summary: 'Change a member (409 if a decision would break a rule)',
  request: { params: IdParam('memberId'), ...jsonBody(MemberInputSchema) }, responses: { 200: json(MemberSchema, 'Updated'), ...errorResponses, ...conflict },
});
const memberDelete = createRoute({
  method: 'delete', path: '/deliberations/members/{memberId}', tags, ...permission('manage_deliberations'), summary: 'Remove a member who appears in no session',
  request: { params: IdParam('memberId') }, responses: { ...deleted, ...errorResponses, ...conflict },
});

const sessionList = createRoute({
  method: 'get', path: '/deliberations/sessions', tags, ...permission('read_deliberations'), summary: 'Sessions, newest first',
  request: { query: z.object({ instanceId: z.coerce.number().int().positive().max(2_147_483_647).optional() }) },
  responses: { 200: json(z.array(SessionSchema), 'Sessions'), ...errorResponses },
});
const sessionCreate = createRoute({
  method: 'post', path: '/deliberations/sessions', tags, ...permission('manage_deliberations'), summary: 'Add a session with its attendance',
  request: jsonBody(SessionInputSchema), responses: { 201: json(SessionSchema, 'Created'), ...errorResponses },
});
const sessionGet = createRoute({
  method: 'get', path: '/deliberations/sessions/{sessionId}', tags, ...permission('read_deliberations'), summary: 'A session with its attendance and items',
  request: { params: IdParam('sessionId') }, responses: { 200: json(SessionSchema, 'The session'), ...errorResponses },
});
const sessionUpdate = createRoute({
  method: 'put', path: '/deliberations/sessions/{sessionId}', tags, ...permission('manage_deliberations'), summary: 'Change a session and its attendance (409 if a decision would break a rule)',
  request: { params: IdParam('sessionId'), ...jsonBody(SessionInputSchema) }, responses: { 200: json(SessionSchema, 'Updated'), ...errorResponses, ...conflict },
});
const sessionDelete = createRoute({
  method: 'delete', path: '/deliberations/sessions/{sessionId}', tags, ...permission('manage_deliberations'), summary: 'Remove a session and its items (409 if an act was transmitted)',
  request: { params: IdParam('sessionId') }, responses: { ...deleted, ...errorResponses, ...conflict },
});

const itemCreate = createRoute({
  method: 'post', path: '/deliberations/sessions/{sessionId}/items', tags, ...permission('manage_deliberations'), summary: 'Add an item (any status but draft is refused while a rule finds an error)',
  request: { params: IdParam('sessionId'), ...jsonBody(ItemInputSchema) }, responses: { 201: json(ItemSchema, 'Created'), ...errorResponses, ...conflict },
});
const itemGet = createRoute({
  method: 'get', path: '/deliberations/items/{itemId}', tags, ...permission('read_deliberations'), summary: 'An item with its vote, stand-asides and links',
  request: { params: IdParam('itemId') }, responses: { 200: json(ItemSchema, 'The item'), ...errorResponses },
});
const itemUpdate = createRoute({
  method: 'put', path: '/deliberations/items/{itemId}', tags, ...permission('manage_deliberations'), summary: 'Change an item (any status but draft is refused while a rule finds an error)',
  request: { params: IdParam('itemId'), ...jsonBody(ItemInputSchema) }, responses: { 200: json(ItemSchema, 'Updated'), ...errorResponses, ...conflict },
});
const itemDelete = createRoute({
  method: 'delete', path: '/deliberations/items/{itemId}', tags, ...permission('manage_deliberations'), summary: 'Remove an item (409 once transmitted)',
  request: { params: IdParam('itemId') }, responses: { ...deleted, ...errorResponses, ...conflict },
});
const itemCheck = createRoute({
  method: 'get', path: '/deliberations/items/{itemId}/check', tags, ...permission('read_deliberations'), summary: 'Errors and warnings of the register’s rules, each with its legal source',
  request: { params: IdParam('itemId') }, responses: { 200: json(CheckSchema, 'Findings'), ...errorResponses, ...conflict },
});
const itemExtract = createRoute({
  method: 'get', path: '/deliberations/items/{itemId}/extract.pdf', tags, ...permission('read_deliberations'), summary: 'The published extract of the decision (PDF)',
  request: { params: IdParam('itemId') },
  responses: { 200: { content: { 'application/pdf': { schema: z.string().openapi({ format: 'binary' }) } }, description: 'PDF' }, ...errorResponses, ...conflict },
});
const linkAdd = createRoute({
  method: 'post', path: '/deliberations/items/{itemId}/links', tags, ...permission('manage_deliberations'), summary: 'Link the decision to what it decided (convention, operation…)',
  request: { params: IdParam('itemId'), ...jsonBody(LinkInputSchema) }, responses: { 201: json(LinkSchema, 'Linked'), ...errorResponses },
});
const linkRemove = createRoute({
  method: 'delete', path: '/deliberations/items/{itemId}/links/{linkId}', tags, ...permission('manage_deliberations'), summary: 'Remove a link',
  request: { params: IdParam('itemId').extend(IdParam('linkId').shape) }, responses: { ...deleted, ...errorResponses },
});
const linked = createRoute({
  method: 'get', path: '/deliberations/linked', tags, ...permission('read_deliberations'), summary: 'The decisions linked to an object (from a convention back to its decisions)',
  request: { query: z.object({ kind: z.enum(LINK_KINDS), reference: z.string().trim().min(1).max(100) }) },
  responses: { 200: json(z.array(RegisterEntrySchema), 'Decisions'), ...errorResponses },
});
const register = createRoute({
  method: 'get', path: '/deliberations/register', tags, ...permission('read_deliberations'), summary: 'Search the register (French full text over subject, report and decision lines)',
  request: { query: z.object({ q: z.string().trim().max(200).default(''), limit: z.coerce.number().int().min(1).max(500).default(50) }) },
  responses: { 200: json(z.array(RegisterEntrySchema), 'Decisions, best matches first'), ...errorResponses },
});
const scdl = createRoute({
  method: 'get', path: '/deliberations/export/scdl.csv', tags, ...permission('read_deliberations'), summary: 'Decisions out of draft in the SCDL « Délibérations » open-data schema (CSV)',
  request: { query: z.object({ year: z.coerce.number().int().min(1900).max(2999).optional() }) },
  responses: { 200: { content: { 'text/csv': { schema: z.string() } }, description: 'CSV, UTF-8' }, ...errorResponses, ...conflict },
});
const importFile = createRoute({
  method: 'post', path: '/deliberations/import', tags, ...permission('manage_deliberations'), summary: 'Import a session file (format in docs/deliberations.md), all or nothing and idempotent',
  request: jsonBody(z.record(z.string(), z.unknown()).openapi({ description: 'A session file: landlord, instances, members, session, items' })),
  responses: { 201: json(ImportResultSchema, 'Session created'), 200: json(ImportResultSchema, 'Session updated'), ...errorResponses },
});

export function deliberationRoutes() {
  return createRouter()
    .openapi(landlordGet, async (c) => c.json(await service.getLandlord(c.get('db'), c.get('actor')), 200))
    .openapi(landlordPut, async (c) => c.json(await service.putLandlord(c.get('db'), c.get('actor'), c.req.valid('json')), 200))
    .openapi(instanceList, async (c) => c.json(await service.listInstances(c.get('db'), c.get('actor')), 200))
    .openapi(instanceCreate, async (c) => c.json(await service.createInstance(c.get('db'), c.get('actor'), c.req.valid('json')), 201))
    .openapi(instanceUpdate, async (c) =>
      c.json(await service.updateInstance(c.get('db'), c.get('actor'), c.req.valid('param').instanceId, c.req.valid('json')), 200))
    .openapi(instanceDelete, async (c) => {
      await service.deleteInstance(c.get('db'), c.get('actor'), c.req.valid('param').instanceId);
      return c.body(null, 204);
    })
    .openapi(memberList, async (c) => c.json(await service.listMembers(c.get('db'), c.get('actor')), 200))
    .openapi(memberCreate, async (c) => c.json(await service.createMember(c.get('db'), c.get('actor'), c.req.valid('json')), 201))
    .openapi(memberUpdate, async (c) =>
      c.json(await service.updateMember(c.get('db'), c.get('actor'), c.req.valid('param').memberId, c.req.valid('json')), 200))
    .openapi(memberDelete, async (c) => {
      await service.deleteMember(c.get('db'), c.get('actor'), c.req.valid('param').memberId);
      return c.body(null, 204);
    })
    .openapi(sessionList, async (c) => c.json(await service.listSessions(c.get('db'), c.get('actor'), c.req.valid('query').instanceId ?? null), 200))
    .openapi(sessionCreate, async (c) => c.json(await service.createSession(c.get('db'), c.get('actor'), c.req.valid('json')), 201))
    .openapi(sessionGet, async (c) => c.json(await service.sessionDetail(c.get('db'), c.get('actor'), c.req.valid('param').sessionId), 200))
    .openapi(sessionUpdate, async (c) =>
      c.json(await service.updateSession(c.get('db'), c.get('actor'), c.req.valid('param').sessionId, c.req.valid('json')), 200))
    .openapi(sessionDelete, async (c) => {
      await service.deleteSession(c.get('db'), c.get('actor'), c.req.valid('param').sessionId);
      return c.body(null, 204);
    })
    .openapi(itemCreate, async (c) =>
      c.json(await items.createItem(c.get('db'), c.get('actor'), c.req.valid('param').sessionId, c.req.valid('json')), 201))
    .openapi(itemGet, async (c) => c.json(await items.getItem(c.get('db'), c.get('actor'), c.req.valid('param').itemId), 200))
    .openapi(itemUpdate, async (c) =>
      c.json(await items.updateItem(c.get('db'), c.get('actor'), c.req.valid('param').itemId, c.req.valid('json')), 200))
    .openapi(itemDelete, async (c) => {
      await items.deleteItem(c.get('db'), c.get('actor'), c.req.valid('param').itemId);
      return c.body(null, 204);
    })
    .openapi(itemCheck, async (c) => c.json(await items.checkItem(c.get('db'), c.get('actor'), c.req.valid('param').itemId), 200))
    .openapi(itemExtract, async (c) => {
      const { item, blocks } = await items.extractBlocks(c.get('db'), c.get('actor'), c.req.valid('param').itemId);
      const pdf = await renderExtractPdf(blocks, { actNumber: item.actNumber, draft: item.status === 'draft' });
      return c.body(new Uint8Array(pdf), 200, { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="extrait-${item.actNumber}.pdf"` });
    })
    .openapi(linkAdd, async (c) => c.json(await items.addLink(c.get('db'), c.get('actor'), c.req.valid('param').itemId, c.req.valid('json')), 201))
    .openapi(linkRemove, async (c) => {
      const { itemId, linkId } = c.req.valid('param');
      await items.removeLink(c.get('db'), c.get('actor'), itemId, linkId);
      return c.body(null, 204);
    })
    .openapi(linked, async (c) => {
      const { kind, reference } = c.req.valid('query');
      return c.json(await items.linkedDecisions(c.get('db'), c.get('actor'), kind, reference), 200);
    })
    .openapi(register, async (c) => {
      const { q, limit } = c.req.valid('query');
      return c.json(await items.searchRegister(c.get('db'), c.get('actor'), q, limit), 200);
    })
    .openapi(scdl, async (c) => {
      const csv = scdlCsv(await items.scdlRows(c.get('db'), c.get('actor'), c.req.valid('query').year ?? null));
      return c.body(csv, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="deliberations-scdl.csv"' });
    })
    .openapi(importFile, async (c) => {
      const result = await importSession(c.get('db'), c.get('actor'), validateSessionFile(c.req.valid('json')));
      return c.json(result, result.created ? 201 : 200);
    });
}
