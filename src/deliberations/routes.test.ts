import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/support/engines.js';
import { createRoleUsers, sessionClient, testActor, type SessionClient } from '../../test/support/auth.js';
import { createSmallPatrimony } from '../../test/support/fixtures.js';
import { readConfig } from '../core/config.js';
import { createApp } from '../http/app.js';
import { checkSession } from './domain/check.js';
import { composeExtract } from './domain/extract.js';
import type { SessionFile } from './domain/model.js';
import { parseSessionFile } from './domain/parse.js';
import { SCDL_FIELDS, toScdlRow } from './domain/scdl.js';
import { itemContext, tally } from './domain/tally.js';
import { extractBlocks } from './item-service.js';
import type { ImportResultSchema, ItemSchema, SessionSchema } from './schemas.js';
import type { z } from '@hono/zod-openapi';

const example = (name: string) => parseSessionFile(readFileSync(new URL(`./examples/${name}`, import.meta.url), 'utf8'));
const good = example('seance-ca-2024-03-14.json');

/** The faulty copy, moved to another date with its own act numbers so that it is a second session. */
function faultySession(): SessionFile {
  const file = example('seance-ca-2024-03-14-erreurs.json');
  file.session.date = '2024-04-18';
  file.session.convocationDate = '2024-04-04';
  file.items.forEach((item) => (item.actNumber = item.actNumber.replace('2024_03', '2024_04')));
  return file;
}

type ImportResult = z.infer<typeof ImportResultSchema>;
type Item = z.infer<typeof ItemSchema>;
type Session = z.infer<typeof SessionSchema>;
interface Problem { status: number; detail: string; errors?: { field: string; message: string }[] }

const popplerAvailable = () => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

describeEachEngine('deliberations API', (database) => {
  let app: ReturnType<typeof createApp>;
  let organisationId: number;
  /** The executive manages the register; every request below goes through its session unless said otherwise. */
  let executive: SessionClient;
  let officer: SessionClient;
  let director: SessionClient;
  let agent: SessionClient;
  let partner: SessionClient;
  let imported: ImportResult;
  const send = (method: string, path: string, body?: unknown) => executive.request(method, path, body);
  const getJson = async <T>(path: string) => (await executive.request<T>('GET', path)).body;
  const itemOfRank = (rank: number) => imported.items.find((i) => i.rank === rank)!;

  beforeAll(async () => {
    const patrimony = await createSmallPatrimony(database());
    organisationId = patrimony.organisationId;
    app = createApp({ db: database(), config: readConfig({}) });
    const users = await createRoleUsers(database(), patrimony);
    executive = await sessionClient(app, users.executive);
    officer = await sessionClient(app, users.observatory_officer);
    director = await sessionClient(app, users.territorial_director);
    agent = await sessionClient(app, users.agent);
    partner = await sessionClient(app, users.partner);
    const response = await send('POST', '/deliberations/import', good);
    expect(response.status).toBe(201);
    imported = response.body as ImportResult;
  });

  describe('import', () => {
    it('marks each item as the file says once the stored session passes the rules', () => {
      expect(imported.items.map((i) => [i.rank, i.status, i.errors])).toEqual([[1, 'transmitted', 0], [2, 'transmitted', 0], [3, 'transmitted', 0], [4, 'adopted', 0]]);
    });

    it('is idempotent: a second import updates the same rows', async () => {
      const again = await send('POST', '/deliberations/import', good);
      expect(again.status).toBe(200);
      const result = again.body as ImportResult;
      expect(result.sessionId).toBe(imported.sessionId);
      expect(result.items.map((i) => i.id)).toEqual(imported.items.map((i) => i.id));
      expect(await getJson<unknown[]>('/deliberations/members')).toHaveLength(good.members.length);
      expect(await getJson<unknown[]>('/deliberations/instances')).toHaveLength(good.instances.length);
    });

    it('keeps items that break the rules as drafts, with their error count', async () => {
      const faulty = faultySession();
      const response = await send('POST', '/deliberations/import', faulty);
      expect(response.status).toBe(201);
      const result = response.body as ImportResult;
      const expectedErrors = faulty.items.map((item) => checkSession(faulty).filter((f) => f.severity === 'error' && (f.item === undefined || f.item === item.rank)).length);
      expect(result.items.map((i) => i.errors)).toEqual(expectedErrors);
      expect(result.items.every((i) => i.status === 'draft')).toBe(true);
    });

    it('refuses a file that would remove a transmitted act', async () => {
      const shorter = { ...good, items: good.items.filter((i) => i.rank !== 1) };
      const response = await send('POST', '/deliberations/import', shorter);
      expect(response.status).toBe(400);
      expect((response.body as Problem).errors![0]!.message).toContain('CA2024_03_01');
      expect((await getJson<Session>(`/deliberations/sessions/${imported.sessionId}`)).items).toHaveLength(good.items.length);
    });

    it('refuses a file with a member twice in the attendance, naming the path, and writes nothing', async () => {
      const file = structuredClone(good);
      file.session.date = '2024-05-16';
      file.session.attendance.push(file.session.attendance[0]!);
      const response = await send('POST', '/deliberations/import', file);
      expect(response.status).toBe(400);
      expect((response.body as Problem).errors).toEqual([{ field: `session.attendance.${good.session.attendance.length}.member`, message: 'membre « m01 » en double' }]);
      expect(await getJson<Session[]>('/deliberations/sessions')).toHaveLength(2);
      const invalid = await send('POST', '/deliberations/import', { ...good, session: { ...good.session, president: 'm99' } });
      expect((invalid.body as Problem).errors![0]!.field).toBe('session.president');
    });
  });

  describe('stored sessions map 1:1 to the domain model', () => {
    it('gives the same findings, extract blocks and SCDL rows as the file', async () => {
      for (const item of good.items) {
        const check = await getJson<{ valid: boolean; errors: unknown[]; warnings: unknown[] }>(`/deliberations/items/${itemOfRank(item.rank).id}/check`);
        const expected = checkSession(good).filter((f) => f.item === undefined || f.item === item.rank);
        expect(check.valid).toBe(true);
        expect([...check.errors, ...check.warnings]).toEqual(expected);
        const { blocks } = await extractBlocks(database(), testActor(organisationId, 'executive'), itemOfRank(item.rank).id);
        expect(blocks).toEqual(composeExtract(good, item.rank));
      }
      const csv = await executive.request<string>('GET', '/deliberations/export/scdl.csv?year=2024');
      expect(csv.headers.get('content-type')).toContain('text/csv');
      const lines = csv.body.trim().split('\n');
      expect(lines[0]).toBe(SCDL_FIELDS.join(','));
      // The faulty session's items are drafts: only the good session is exported.
      expect(lines).toHaveLength(1 + good.items.length);
      const row = toScdlRow(itemContext(good, good.items[1]!), tally(itemContext(good, good.items[1]!)));
      expect(lines[2]).toBe(SCDL_FIELDS.map((f) => (row[f] === null ? '' : String(row[f]).includes(',') ? `"${row[f]}"` : String(row[f]))).join(','));
    });

    it.skipIf(!popplerAvailable())('serves the extract as a PDF', async () => {
      const response = await app.request(`/api/deliberations/items/${itemOfRank(2).id}/extract.pdf`, { headers: executive.headers });
      expect(response.headers.get('content-type')).toBe('application/pdf');
      const text = execFileSync('pdftotext', ['-', '-'], { input: Buffer.from(await response.arrayBuffer()), encoding: 'utf8' });
      expect(text).toContain('Acte certifié exécutoire');
      expect(text).toContain('Convention de partenariat 2024-2026 avec le Département');
    });
  });

  describe('items', () => {
    it('saves a draft that breaks a rule but refuses to mark it adopted, naming the rule', async () => {
      const item = await getJson<Item>(`/deliberations/items/${itemOfRank(4).id}`);
      const { id: _, sessionId: __, links: ___, ...input } = item;
      const broken = { ...input, status: 'draft', vote: { kind: 'counts', for: 3, against: 0, abstentions: 0, notVoting: 0, presidentChoice: null } };
      expect((await send('PUT', `/deliberations/items/${item.id}`, broken)).status).toBe(200);
      const refused = await send('PUT', `/deliberations/items/${item.id}`, { ...broken, status: 'adopted' });
      expect(refused.status).toBe(409);
      const problem = refused.body as Problem;
      expect(problem.detail).toContain('VOTE_TOTAL_MISMATCH');
      expect(problem.errors![0]).toMatchObject({ field: 'status' });
      expect((await getJson<Item>(`/deliberations/items/${item.id}`)).status).toBe('draft');
      expect((await send('PUT', `/deliberations/items/${item.id}`, { ...input, status: 'adopted' })).status).toBe(200);
    });

    it('refuses an attendance change that would break an adopted decision', async () => {
      const session = await getJson<Session>(`/deliberations/sessions/${imported.sessionId}`);
      const { id: _, instanceName: __, instanceKind: ___, items: ____, ...input } = session;
      const everyoneAbsent = { ...input, attendance: input.attendance.map((a) => (a.memberId === input.presidentId ? a : { memberId: a.memberId, status: 'absent', proxyHolderId: null })) };
      const response = await send('PUT', `/deliberations/sessions/${session.id}`, everyoneAbsent);
      expect(response.status).toBe(409);
      expect((response.body as Problem).detail).toMatch(/QUORUM_NOT_MET|PROXY_HOLDER_INVALID/);
    });

    it('keeps transmitted acts and the rosters of adopted decisions', async () => {
      expect((await send('DELETE', `/deliberations/items/${itemOfRank(1).id}`)).status).toBe(409);
      expect((await send('DELETE', `/deliberations/sessions/${imported.sessionId}`)).status).toBe(409);
      const members = await getJson<{ id: number; instanceIds: number[]; externalId: string }[]>('/deliberations/members');
      const { id, ...president } = members.find((m) => m.externalId === 'm01')!;
      const [board] = await getJson<{ id: number }[]>('/deliberations/instances');
      // The president leaving the board would leave adopted decisions with a member outside the instance.
      const leaving = await send('PUT', `/deliberations/members/${id}`, { ...president, instanceIds: president.instanceIds.filter((i) => i !== board!.id) });
      expect(leaving.status).toBe(409);
      expect((leaving.body as Problem).detail).toContain('ROSTER_NOT_IN_INSTANCE');
    });

    it('answers 400 naming the field for an unknown member and a proxy without holder', async () => {
      const [instance] = await getJson<{ id: number }[]>('/deliberations/instances');
      const response = await send('POST', '/deliberations/sessions', {
        instanceId: instance!.id, date: '2024-06-20', convocationDate: '2024-06-06', presidentId: 999_999,
        attendance: [{ memberId: 999_998, status: 'present' }, { memberId: itemOfRank(1).id, status: 'excused_with_proxy' }],
      });
      expect(response.status).toBe(400);
      expect((response.body as Problem).errors!.map((e) => e.field).sort()).toEqual(['attendance.0.memberId', 'attendance.1.proxyHolderId', 'presidentId']);
    });
  });

  describe('register', () => {
    it('finds decisions by French full text, ignoring accents and inflections', async () => {
      const hits = await getJson<{ actNumber: string; excerpt: string }[]>('/deliberations/register?q=departement%20rehabilitations');
      expect(hits.map((h) => h.actNumber)).toContain('CA2024_03_02');
      expect(hits.every((h) => h.actNumber.endsWith('_02'))).toBe(true);
      expect(await getJson<unknown[]>('/deliberations/register?q=zzzinconnu')).toEqual([]);
    });

    it('links a decision to what it decided, and back', async () => {
      const response = await send('POST', `/deliberations/items/${itemOfRank(2).id}/links`, { kind: 'funding_convention', reference: 'CONV-CD33-2024', label: 'Convention 2024-2026' });
      expect(response.status).toBe(201);
      const back = await getJson<{ id: number }[]>('/deliberations/linked?kind=funding_convention&reference=CONV-CD33-2024');
      expect(back.map((b) => b.id)).toEqual([itemOfRank(2).id]);
      expect((await getJson<Item>(`/deliberations/items/${itemOfRank(2).id}`)).links).toMatchObject([{ kind: 'funding_convention', reference: 'CONV-CD33-2024' }]);
    });

    it('describes its routes in the OpenAPI document, each with its permission', async () => {
      const doc = await getJson<{ paths: Record<string, Record<string, { 'x-permission'?: string }>> }>('/openapi.json');
      expect(Object.keys(doc.paths['/api/deliberations/items/{itemId}']!).sort()).toEqual(['delete', 'get', 'put']);
      expect(doc.paths['/api/deliberations/items/{itemId}/extract.pdf']).toHaveProperty('get');
      const operations = Object.entries(doc.paths)
        .filter(([path]) => path.startsWith('/api/deliberations/'))
        .flatMap(([, methods]) => Object.entries(methods).map(([method, operation]) => [method, operation['x-permission']]));
      expect(operations.length).toBeGreaterThan(20);
      for (const [method, permission] of operations) expect(permission).toBe(method === 'get' ? 'read_deliberations' : 'manage_deliberations');
    });

    it('refuses to delete a member who sat in a session', async () => {
      const [member] = await getJson<{ id: number }[]>('/deliberations/members');
      expect((await send('DELETE', `/deliberations/members/${member!.id}`)).status).toBe(409);
    });
  });
  describe('access', () => {
    it('lets the observatory officer and the territorial director read the whole register', async () => {
      for (const reader of [officer, director]) {
        expect((await reader.request('GET', '/deliberations/sessions')).status).toBe(200);
        expect((await reader.request('GET', `/deliberations/items/${itemOfRank(2).id}/check`)).status).toBe(200);
        expect((await reader.request('GET', '/deliberations/register?q=departement')).body.length).toBeGreaterThan(0);
      }
    });

    it('refuses every write to a reader (403), and leaves the item as it was', async () => {
      const item = await getJson<Item>(`/deliberations/items/${itemOfRank(3).id}`);
      const { id, sessionId, links: _, ...input } = item;
      for (const reader of [officer, director]) {
        expect((await reader.request('PUT', `/deliberations/items/${id}`, { ...input, subject: 'Objet modifié' })).status).toBe(403);
        expect((await reader.request('POST', '/deliberations/import', good)).status).toBe(403);
        expect((await reader.request('POST', `/deliberations/items/${id}/links`, { kind: 'other', reference: 'X' })).status).toBe(403);
        expect((await reader.request('DELETE', `/deliberations/sessions/${sessionId}`)).status).toBe(403);
      }
      expect((await getJson<Item>(`/deliberations/items/${id}`)).subject).toBe(item.subject);
    });

    it('refuses roles without the permission (403) and callers without a session (401)', async () => {
      for (const outsider of [agent, partner]) {
        expect((await outsider.request('GET', '/deliberations/sessions')).status).toBe(403);
        expect((await outsider.request('GET', `/deliberations/items/${itemOfRank(1).id}/extract.pdf`)).status).toBe(403);
      }
      expect((await app.request('/api/deliberations/sessions')).status).toBe(401);
      expect((await app.request('/api/deliberations/import', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(good) })).status).toBe(401);
    });

    it('audits each write with the votes and attendance before and after', async () => {
      const item = await getJson<Item>(`/deliberations/items/${itemOfRank(4).id}`);
      const { id, sessionId: _, links: __, ...input } = item;
      const session = await getJson<Session>(`/deliberations/sessions/${item.sessionId}`);
      const leaving = session.attendance.find((a) => a.status === 'present' && a.memberId !== session.presidentId)!;
      const override = { memberId: leaving.memberId, status: 'absent' as const, proxyHolderId: null };
      await send('PUT', `/deliberations/items/${id}`, { ...input, status: 'draft', attendanceOverrides: [override], vote: { kind: 'counts', for: 1, against: 0, abstentions: 0, notVoting: 0, presidentChoice: null } });
      await send('PUT', `/deliberations/items/${id}`, { ...input, status: item.status });
      const entries = await database().query<{ action: string; actorLabel: string; before: Item; after: Item }>(
        `SELECT action, actor_label AS "actorLabel", before, after FROM audit_log
         WHERE organisation_id = $1 AND object_type = 'deliberation_item' AND object_id = $2 ORDER BY seq DESC LIMIT 2`,
        [organisationId, String(id)],
      );
      expect(entries.map((e) => e.action)).toEqual(['deliberation_item.update', 'deliberation_item.update']);
      expect(entries[0]!.actorLabel).toBe(executive.user.email);
      const [restore, change] = entries;
      expect(change!.before.vote).toEqual(item.vote);
      expect(change!.after.vote).toMatchObject({ kind: 'counts', for: 1 });
      expect(change!.after.attendanceOverrides).toEqual([override]);
      expect(restore!.after.attendanceOverrides).toEqual(item.attendanceOverrides);
      const imports = await database().query<{ n: number }>(`SELECT count(*) AS n FROM audit_log WHERE organisation_id = $1 AND action = 'deliberation_session.import'`, [organisationId]);
      expect(imports[0]!.n).toBeGreaterThanOrEqual(2);
    });
  });
});
