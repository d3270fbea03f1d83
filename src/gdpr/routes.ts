import { createRoute, z } from '@hono/zod-openapi';
import { permission } from '../access/route-permission.js';
import { errorResponses, json } from '../http/openapi.js';
import { createRouter } from '../http/router.js';
import { checkSubject, subjectAccess } from './subject-access.js';

const tags = ['gdpr'];
const records = z.array(z.record(z.string(), z.unknown()));

const ExportSchema = z.object({
  subject: z.union([z.object({ dwellingId: z.number().int() }), z.object({ person: z.string() })]),
  generatedAt: z.string(),
  dwelling: z.record(z.string(), z.unknown()).nullable(),
  incidents: records,
  preLitigationFiles: records,
  accounts: records,
  auditEntries: records,
}).openapi('SubjectAccessExport');

const exportRoute = createRoute({
  method: 'get', path: '/gdpr/subject-access', tags, ...permission('read_audit'),
  summary: 'Right of access (GDPR art. 15): everything held about a dwelling or a named person, as JSON (the export is audited)',
  request: {
    query: z.object({
      dwellingId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
      person: z.string().trim().min(1).max(200).optional().openapi({ description: 'Full name, matched without regard to case' }),
    }),
  },
  responses: { 200: json(ExportSchema, 'The export'), ...errorResponses },
});

export function gdprRoutes() {
  return createRouter().openapi(exportRoute, async (c) => {
    const result = await subjectAccess(c.get('db'), c.get('actor'), checkSubject(c.req.valid('query')));
    c.header('content-disposition', 'attachment; filename="vigie-subject-access.json"');
    return c.json(JSON.parse(JSON.stringify(result)) as z.infer<typeof ExportSchema>, 200);
  });
}
