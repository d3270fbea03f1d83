import { createRoute, z } from '@hono/zod-openapi';
import { errorResponses, json } from '../http/openapi.js';
import { createRouter } from '../http/router.js';
import { exportAuditCsv, searchAudit, verifyOwnAuditChain, type AuditFilter } from './audit-search.js';
import { permission } from './route-permission.js';

const tags = ['audit'];

const instant = z.string().datetime({ offset: true }).or(z.string().date());
const FilterSchema = z.object({
  action: z.string().min(1).max(100).optional(),
  objectType: z.string().min(1).max(100).optional(),
  objectId: z.string().min(1).max(100).optional(),
  user: z.string().min(1).max(320).optional().openapi({ description: 'Account id, or the label the log names the actor by (email, cli:…)' }),
  from: instant.optional().openapi({ description: 'From this instant (or day), included' }),
  to: instant.optional().openapi({ description: 'Up to this instant (or day), excluded' }),
});
const PageSchema = FilterSchema.extend({
  before: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().openapi({ description: 'The previous page’s nextBefore' }),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const EntrySchema = z.object({
  seq: z.number().int(),
  occurredAt: z.string(),
  actorUserId: z.number().int().nullable(),
  actorLabel: z.string(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  hash: z.string(),
}).openapi('AuditEntry');

const search = createRoute({
  method: 'get', path: '/audit', tags, ...permission('read_audit'), summary: 'Search the organisation’s audit log, newest first, page by page',
  request: { query: PageSchema },
  responses: { 200: json(z.object({ entries: z.array(EntrySchema), nextBefore: z.number().int().nullable() }), 'One page'), ...errorResponses },
});
const exportCsv = createRoute({
  method: 'get', path: '/audit/export.csv', tags, ...permission('read_audit'), summary: 'The selected entries as CSV (the export is audited)',
  request: { query: FilterSchema },
  responses: { 200: { content: { 'text/csv': { schema: z.string() } }, description: 'CSV, UTF-8' }, ...errorResponses },
});

export const VerificationSchema = z.object({
  entries: z.number().int(),
  breaks: z.array(z.object({ seq: z.number().int(), reason: z.enum(['content_changed', 'link_broken', 'row_missing']) })),
  head: z.object({ seq: z.number().int(), hash: z.string() }).nullable().openapi({ description: 'The last link: kept outside the database, it reveals a truncated or rewritten chain' }),
}).openapi('AuditVerification');

const verify = createRoute({
  method: 'get', path: '/audit/verify', tags, ...permission('read_audit'),
  summary: 'Re-compute the organisation’s hash chain and name each edited, unlinked or missing entry',
  responses: {
    200: json(VerificationSchema, 'The verification'),
    ...errorResponses,
  },
});

function toFilter(query: z.infer<typeof FilterSchema> & { before?: number }): AuditFilter {
  return {
    ...query,
    from: query.from === undefined ? undefined : new Date(query.from),
    to: query.to === undefined ? undefined : new Date(query.to),
  };
}

export function auditRoutes() {
  return createRouter()
    .openapi(search, async (c) => {
      const { limit, ...query } = c.req.valid('query');
      const page = await searchAudit(c.get('db'), c.get('actor'), toFilter(query), limit);
      return c.json(JSON.parse(JSON.stringify(page)) as { entries: z.infer<typeof EntrySchema>[]; nextBefore: number | null }, 200);
    })
    .openapi(exportCsv, async (c) => {
      const csv = await exportAuditCsv(c.get('db'), c.get('actor'), toFilter(c.req.valid('query')));
      return c.body(csv, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="vigie-audit.csv"' });
    })
    .openapi(verify, async (c) => c.json(await verifyOwnAuditChain(c.get('db'), c.get('actor')), 200));
}
