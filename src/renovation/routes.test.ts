import { beforeAll, expect, it } from 'vitest';
import type { Role } from '../access/domain/roles.js';
import { readConfig } from '../core/config.js';
import { createApp } from '../http/app.js';
import type { VigieApp } from '../http/router.js';
import { createRoleUsers, sessionClient, type SessionClient } from '../../test/support/auth.js';
import { describeEachEngine } from '../../test/support/engines.js';
import { createSmallPatrimony } from '../../test/support/fixtures.js';
import { parseCsv } from '../patrimony/import/files/read-table.js';
import { importDpeTable } from './service.js';

describeEachEngine('renovation API', (database) => {
  let app: VigieApp;
  const clients = {} as Record<Role, SessionClient>;
  const get = (path: string, role: Role = 'executive') => clients[role].request('GET', path);

  beforeAll(async () => {
    const patrimony = await createSmallPatrimony(database());
    await importDpeTable(database(), patrimony.organisationId, parseCsv([
      'numero_dpe,date_etablissement_dpe,conso_5_usages_par_m2_ep,emission_ges_5_usages_par_m2,numero_rpls_logement',
      '2262E0000001A,2022-03-15,450,20,272000011L0',
      '2362E0000002B,2023-01-10,340,40,272000011L1',
    ].join('\n')));
    app = createApp({ db: database(), config: readConfig({}) });
    const users = await createRoleUsers(database(), patrimony);
    for (const role of ['executive', 'agency_manager', 'agent', 'partner'] as const) clients[role] = await sessionClient(app, users[role]);
  });

  it('counts dwellings per deadline and gives the trajectory to 2034', async () => {
    const response = await get('/renovation/compliance?at=2026-01-01');
    expect(response.status).toBe(200);
    const body = response.body as { dwellings: number; deadlines: { deadline: { id: string }; notCovered: number; compliant: number; unknown: number }[]; trajectory: { year: number; F: number; G: number; banned: number }[] };
    expect(body.dwellings).toBe(7);
    const banG = body.deadlines.find((d) => d.deadline.id === 'mainland-ban-g')!;
    expect([banG.compliant, banG.notCovered, banG.unknown]).toEqual([1, 1, 5]);
    expect(body.trajectory.map((y) => y.year)).toEqual([2026, 2027, 2028, 2029, 2030, 2031, 2032, 2033, 2034]);
    expect(body.trajectory.find((y) => y.year === 2028)).toMatchObject({ F: 1, G: 1, banned: 2 });
    const fromProgrammeStart = (await get('/renovation/compliance?at=2026-01-01&from=2024')).body as typeof body;
    expect(fromProgrammeStart.trajectory.map((y) => y.year)).toEqual([2024, 2025, 2026, 2027, 2028, 2029, 2030, 2031, 2032, 2033, 2034]);
    expect(fromProgrammeStart.trajectory.slice(2)).toEqual(body.trajectory);
  });

  it('counts only the dwellings of the perimeter for an agency manager of Lens', async () => {
    const lens = await get('/renovation/compliance?at=2026-01-01', 'agency_manager');
    expect(lens.status).toBe(200);
    expect(lens.body.dwellings).toBe(6);
  });

  it('refuses roles without read_renovation (agent, partner) and callers without a session', async () => {
    expect((await get('/renovation/compliance', 'agent')).status).toBe(403);
    expect((await get('/renovation/compliance', 'partner')).status).toBe(403);
    expect((await app.request('/api/renovation/compliance')).status).toBe(401);
  });

  it('answers 400 naming the field for a bad date', async () => {
    const response = await get('/renovation/compliance?at=2026-02-30');
    expect(response.status).toBe(400);
    expect(response.body.errors[0].field).toBe('query.at');
  });
});
