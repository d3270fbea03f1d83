import fc from 'fast-check';
import { JSONSchemaFaker } from 'json-schema-faker';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { roleAllows, type Role } from '../access/domain/roles.js';
import type { Database } from '../db/database.js';
import type { VigieApp } from './router.js';
import { describeEachEngine } from '../../test/support/engines.js';
import type { SessionClient } from '../../test/support/auth.js';
import { apiUnderTest, type JsonSchema, type KeyClient, type ObjectIds, type OpenApiDocument, type RouteEntry } from '../../test/support/api-routes.js';

/**
 * Property-based fuzzing of the whole API from its OpenAPI document: inputs generated from each
 * route's schemas, then often broken (a field dropped, a value of the wrong type, a path id of
 * another tenant or of nothing). Whatever comes in, the answer is never a 5xx, and a refused
 * write leaves every table as it was. Runs FUZZ_RUNS requests per engine (both engines in CI).
 */
const FUZZ_RUNS = Number(process.env.VIGIE_FUZZ_RUNS ?? 5_000);
const SEED = Number(process.env.VIGIE_FUZZ_SEED ?? 20261123);

const MUTATIONS = ['as_generated', 'drop_field', 'wrong_type', 'any_body', 'odd_path', 'odd_query'] as const;
type Mutation = (typeof MUTATIONS)[number];

/** Roles tried first: those whose perimeter spans the whole landlord reach the deepest code. */
const ROLE_PREFERENCE: readonly Role[] = ['observatory_officer', 'executive', 'territorial_director', 'administrator', 'agency_manager', 'agent', 'partner', 'group_analyst'];

/** The schema with every local $ref replaced by its component (bounded, for recursive schemas). */
function dereference(schema: unknown, doc: OpenApiDocument, depth = 0): unknown {
  if (Array.isArray(schema)) return schema.map((item) => dereference(item, doc, depth));
  if (!schema || typeof schema !== 'object') return schema;
  const ref = (schema as { $ref?: string }).$ref;
  if (ref) return depth > 6 ? {} : dereference(doc.components?.schemas?.[ref.split('/').pop()!], doc, depth + 1);
  return Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, dereference(value, doc, depth)]));
}

/** A pseudo-random generator from a seed, so that fast-check can replay and shrink a failure. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(schema: JsonSchema | undefined, random: () => number): unknown {
  if (!schema) return undefined;
  JSONSchemaFaker.option({ random, alwaysFakeOptionals: random() < 0.5, maxItems: 3, maxLength: 60, failOnInvalidTypes: false, failOnInvalidFormat: false });
  return JSONSchemaFaker.generate(schema as never);
}

const ODD_VALUES: readonly unknown[] = [null, -1, 0, 2 ** 31, 1e308, '', ' ', 'x'.repeat(5000), '0x10', '1; DROP TABLE incidents', '../../etc/passwd', '<script>', 'NaN', true, [], {}, [1, 'a'], { nested: { deep: [null] } }];

function mutateBody(body: unknown, mutation: Mutation, random: () => number, anything: unknown): unknown {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  if (mutation === 'any_body') return anything;
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const copy = { ...(body as Record<string, unknown>) };
  const keys = Object.keys(copy);
  if (keys.length === 0) return copy;
  if (mutation === 'drop_field') delete copy[pick(keys)];
  if (mutation === 'wrong_type') copy[pick(keys)] = pick(ODD_VALUES);
  return copy;
}

function pathOf(route: RouteEntry, objects: ObjectIds[], mutation: Mutation, random: () => number): string {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  let path = route.path.replace(/^\/api/, '');
  for (const param of route.params) {
    const known = objects.flatMap((ids) => Object.values(ids[param] ?? {}));
    const value = mutation === 'odd_path' || known.length === 0 ? pick(ODD_VALUES) : pick(known);
    path = path.replace(`{${param}}`, encodeURIComponent(typeof value === 'string' ? value : JSON.stringify(value)));
  }
  return path;
}

function queryOf(route: RouteEntry, doc: OpenApiDocument, mutation: Mutation, random: () => number): string {
  const search = new URLSearchParams();
  for (const parameter of route.operation.parameters ?? []) {
    if (parameter.in !== 'query' || (!parameter.required && random() < 0.4)) continue;
    const value = mutation === 'odd_query' ? ODD_VALUES[Math.floor(random() * ODD_VALUES.length)] : generate(dereference(parameter.schema, doc) as JsonSchema, random);
    if (value !== undefined) search.set(parameter.name, typeof value === 'string' ? value : JSON.stringify(value));
  }
  const query = search.toString();
  return query ? `?${query}` : '';
}

/**
 * Columns of the rows background jobs keep writing after the request that started them (status,
 * progress, result): the checksum of observatory_jobs covers only what a request writes.
 */
const WRITTEN_BY_REQUESTS: Record<string, string> = { observatory_jobs: '(t.organisation_id, t.id, t.user_id, t.kind, t.parameters)' };

/**
 * Every tenant table's content as one checksum per table: all the API can write (the reference
 * tables, communes above all, are read-only to it). Sessions are left out: each request touches its own.
 */
async function fingerprint(db: Database): Promise<Record<string, string>> {
  const tables = await db.query<{ name: string }>(
    `SELECT DISTINCT c.relname AS name FROM pg_class c
     JOIN pg_namespace n ON n.oid = c.relnamespace
     JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'organisation_id' AND NOT a.attisdropped
     WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname <> 'sessions' ORDER BY 1`);
  const sql = [{ name: 'organisations' }, ...tables]
    .map(({ name }) => `SELECT '${name}' AS name, count(*)::text || ':' || coalesce(sum(hashtext((${WRITTEN_BY_REQUESTS[name] ?? 't'})::text)), 0)::text AS sum FROM "${name}" t`)
    .join(' UNION ALL ');
  return Object.fromEntries((await db.query<{ name: string; sum: string }>(sql)).map((row) => [row.name, row.sum]));
}

describeEachEngine('API fuzzing from the OpenAPI document', (database) => {
  let app: VigieApp;
  let doc: OpenApiDocument;
  let routes: RouteEntry[];
  let objects: ObjectIds[];
  let clients: Record<Role, SessionClient>;
  /** Open311 routes are called with a partner's key over both communes of the first organisation. */
  let partner: KeyClient;
  let cleanUp: (() => Promise<void>) | undefined;
  afterAll(() => cleanUp?.());

  beforeAll(async () => {
    const api = await apiUnderTest(database());
    ({ app, clients, cleanUp } = api);
    routes = [...api.routes, ...api.keyRoutes];
    partner = api.keys.both;
    objects = [api.mine, api.theirs];
    doc = (await (await app.request('/api/openapi.json')).json()) as OpenApiDocument;
  }, 120_000);

  it(`answers ${FUZZ_RUNS} generated requests without a server error, and writes nothing when it refuses`, async () => {
    const failures: string[] = [];
    let requests = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.integer(), fc.constantFrom(...MUTATIONS), fc.jsonValue({ maxDepth: 2 }), async (routeIndex, seed, mutation, anything) => {
        const route = routes[routeIndex % routes.length]!;
        const random = seeded(seed);
        const role = ROLE_PREFERENCE.find((candidate) => route.permission === undefined || route.permission === 'signed_in' || roleAllows(candidate, route.permission))!;
        const jsonSchema = route.operation.requestBody?.content?.['application/json']?.schema;
        const body = route.method === 'GET' ? undefined : mutateBody(generate(dereference(jsonSchema, doc) as JsonSchema, random) ?? {}, mutation, random, anything);
        const path = `${pathOf(route, objects, mutation, random)}${queryOf(route, doc, mutation, random)}`;
        const before = route.method === 'GET' ? undefined : await fingerprint(database());
        const { status, body: answer } = route.auth === 'api_key' ? await partner.request(route.method, path) : await clients[role].request(route.method, path, body);
        requests++;
        const request = `${route.auth === 'api_key' ? 'api_key' : role} ${route.method} ${path} ${JSON.stringify(body)?.slice(0, 300)}`;
        if (status >= 500) failures.push(`${status} ← ${request}: ${JSON.stringify(answer).slice(0, 300)}`);
        if (before && status >= 400) {
          const after = await fingerprint(database());
          const changed = Object.keys(after).filter((table) => after[table] !== before[table]);
          if (changed.length > 0) failures.push(`refused (${status}) yet wrote ${changed.join(', ')} ← ${request}`);
        }
        return failures.length === 0;
      }),
      { numRuns: FUZZ_RUNS, seed: SEED, endOnFailure: true },
    ).catch((error: unknown) => failures.push(String(error).split('\n').slice(0, 8).join('\n')));
    expect(failures.slice(0, 10)).toEqual([]);
    expect(requests).toBeGreaterThanOrEqual(FUZZ_RUNS);
  }, 900_000);
});
