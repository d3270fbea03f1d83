import { createRoute, z, type RouteConfig } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { API_KEY_HEADER, API_KEY_QUERY, requireApiKey } from '../access/api-key-middleware.js';
import { permission } from '../access/route-permission.js';
import type { AppEnv } from '../http/context.js';
import { errorResponses, json } from '../http/openapi.js';
import { createRouter, type VigieApp } from '../http/router.js';
import { georeportXml, georeportXmlObject } from './domain/xml.js';
import { RequestIdParam, RequestsQuerySchema, ServiceCodeParam, ServiceDefinitionSchema, ServiceRequestSchema, ServiceSchema } from './schemas.js';
import * as service from './service.js';

/** Open311 GeoReport v2, read-only, for partners holding an API key (docs/observatory.md, "Open311"). */
export const OPEN311_BASE = '/open311/v2';
const FORMATS = ['json', 'xml'] as const;
type Format = (typeof FORMATS)[number];

const tags = ['open311'];
const security: Record<string, string[]>[] = [{ Open311ApiKey: [] }, { Open311ApiKeyHeader: [] }];
const tooMany = { content: { 'application/problem+json': { schema: z.any() } }, description: 'Too many requests for this key or from this address; Retry-After gives the seconds left' };

const answer = (format: Format, schema: z.ZodType, description: string) =>
  format === 'json' ? json(schema, description) : { content: { 'text/xml': { schema: z.string() } }, description };

function georeportRoute<R extends NonNullable<RouteConfig['request']>>(format: Format, path: string, summary: string, schema: z.ZodType, request: R = {} as R) {
  return createRoute({
    ...permission('read_aggregates'),
    method: 'get' as const, path: `${OPEN311_BASE}${path}.${format}`, tags, summary, security, request,
    responses: { 200: answer(format, schema, summary), ...errorResponses, 429: tooMany },
  });
}

/**
 * GeoReport names its resources `…/{id}.json`, but Hono's parameters take whole path segments.
 * The document shows the spec's path; the handler is mounted on a pattern whose parameter keeps
 * the extension, and its schema strips it before checking the value (400 naming the field).
 */
function withExtension<T>(format: Format, schema: z.ZodType<T>) {
  const suffix = `.${format}`;
  return z.string().transform((value, context) => {
    const parsed = schema.safeParse(value.endsWith(suffix) ? value.slice(0, -suffix.length) : value);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) context.addIssue({ code: 'custom', message: issue.message });
    return z.NEVER;
  });
}

function mountWithParam<P extends string, T>(router: VigieApp, route: ReturnType<typeof georeportRoute>, format: Format, name: P, schema: z.ZodType<T>,
  handler: (c: Context<AppEnv>, value: T) => Promise<Response>) {
  const { middleware, ...documented } = route;
  router.openAPIRegistry.registerPath({ ...documented, request: { params: z.object({ [name]: schema }) } });
  const pattern = route.path.replace(`{${name}}.${format}`, `{${name}{[^/]+\\.${format}}}`);
  const mounted = createRoute({ ...route, path: pattern, hide: true, request: { params: z.object({ [name]: withExtension(format, schema) }) } });
  router.openapi(mounted, (c) => handler(c as unknown as Context<AppEnv>, (c.req.valid('param') as Record<P, T>)[name]) as never);
}

const send = (c: Context<AppEnv>, format: Format, body: unknown, xml: () => string) =>
  format === 'json' ? c.json(body as object) : c.body(xml(), 200, { 'content-type': 'text/xml; charset=utf-8' });

const discovery = createRoute({
  method: 'get', path: `${OPEN311_BASE}/discovery.json`, tags, summary: 'GeoReport v2 discovery: the endpoint and its formats (public)',
  responses: { 200: json(z.any(), 'The endpoint') },
});

export function open311Routes(requestsPerMinute: number): VigieApp {
  const router = createRouter();
  router.openAPIRegistry.registerComponent('securitySchemes', 'Open311ApiKey', { type: 'apiKey', in: 'query', name: API_KEY_QUERY, description: 'A partner’s key (vigie apikey add)' });
  router.openAPIRegistry.registerComponent('securitySchemes', 'Open311ApiKeyHeader', { type: 'apiKey', in: 'header', name: API_KEY_HEADER });
  router.openapi(discovery, (c) => c.json({
    changeset: '2026-12-03T00:00:00Z',
    contact: 'The landlord’s observatory officer',
    key_service: 'Keys are issued by the landlord (vigie apikey add)',
    endpoints: [{
      specification: 'http://wiki.open311.org/GeoReport_v2', url: `${c.get('config').publicUrl}${OPEN311_BASE}`,
      changeset: '2026-12-03T00:00:00Z', type: 'production', formats: ['application/json', 'text/xml'],
    }],
  }));
  router.use(`${OPEN311_BASE}/*`, requireApiKey(requestsPerMinute));
  for (const format of FORMATS) {
    router.openapi(georeportRoute(format, '/services', 'The published categories as GeoReport services', z.array(ServiceSchema)), async (c) => {
      const services = await service.listServices(c.get('db'), c.get('actor'));
      return send(c, format, services, () => georeportXml('services', 'service', services)) as never;
    });
    router.openapi(georeportRoute(format, '/requests', 'Published incidents as GeoReport requests, newest first', z.array(ServiceRequestSchema), { query: RequestsQuerySchema }), async (c) => {
      const query = c.req.valid('query');
      const requests = await service.listRequests(c.get('db'), c.get('actor'), {
        ...(query.service_code ? { serviceCodes: query.service_code } : {}),
        ...(query.service_request_id ? { ids: query.service_request_id } : {}),
        ...(query.status ? { statuses: query.status } : {}),
        ...(query.start_date ? { startDate: new Date(query.start_date) } : {}),
        ...(query.end_date ? { endDate: new Date(query.end_date) } : {}),
        page: query.page, pageSize: query.page_size,
      });
      return send(c, format, requests, () => georeportXml('service_requests', 'request', requests)) as never;
    });
    mountWithParam(router, georeportRoute(format, '/services/{service_code}', 'A published service’s definition (no extra attribute)', ServiceDefinitionSchema),
      format, 'service_code', ServiceCodeParam, async (c, code) => {
        const definition = await service.serviceDefinition(c.get('db'), c.get('actor'), code);
        return send(c, format, definition, () => georeportXmlObject('service_definition', definition));
      });
    mountWithParam(router, georeportRoute(format, '/requests/{service_request_id}', 'One published request (GeoReport answers a list of one)', z.array(ServiceRequestSchema)),
      format, 'service_request_id', RequestIdParam, async (c, id) => {
        const request = await service.findRequest(c.get('db'), c.get('actor'), id);
        return send(c, format, [request], () => georeportXml('service_requests', 'request', [request]));
      });
  }
  return router;
}
