import { beforeAll, expect, it } from 'vitest';
import { readConfig } from '../core/config.js';
import { createApp } from '../http/app.js';
import { describeEachEngine } from '../../test/support/engines.js';
import { createSmallPatrimony } from '../../test/support/fixtures.js';
import { parseCsv } from '../patrimony/import/files/read-table.js';
import { importDpeTable } from './service.js';

describeEachEngine('renovation API', (database) => {
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    const { organisationId } = await createSmallPatrimony(database());
    await importDpeTable(database(), organisationId, parseCsv([
      'numero_dpe,date_etablissement_dpe,conso_5_usages_par_m2_ep,emission_ges_5_usages_par_m2,numero_rpls_logement',
      '2262E0000001A,2022-03-15,450,20,272000011L0',
      '2362E0000002B,2023-01-10,340,40,272000011L1',
    ].join('\n')));
    app = createApp({ db: database(), config: readConfig({}) });
  });

  it('counts dwellings per deadline and gives the trajectory to 2034', async () => {
    const response = await app.request('/api/renovation/compliance?at=2026-01-01');
    expect(response.status).toBe(200);
    const body = (await response.json()) as { dwellings: number; deadlines: { deadline: { id: string }; notCovered: number; compliant: number; unknown: number }[]; trajectory: { year: number; F: number; G: number; banned: number }[] };
    expect(body.dwellings).toBe(7);
    const banG = body.deadlines.find((d) => d.deadline.id === 'mainland-ban-g')!;
    expect([banG.compliant, banG.notCovered, banG.unknown]).toEqual([1, 1, 5]);
    expect(body.trajectory.map((y) => y.year)).toEqual([2026, 2027, 2028, 2029, 2030, 2031, 2032, 2033, 2034]);
    expect(body.trajectory.find((y) => y.year === 2028)).toMatchObject({ F: 1, G: 1, banned: 2 });
    const fromProgrammeStart = (await (await app.request('/api/renovation/compliance?at=2026-01-01&from=2024')).json()) as typeof body;
    expect(fromProgrammeStart.trajectory.map((y) => y.year)).toEqual([2024, 2025, 2026, 2027, 2028, 2029, 2030, 2031, 2032, 2033, 2034]);
    expect(fromProgrammeStart.trajectory.slice(2)).toEqual(body.trajectory);
    const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain('/api/renovation/compliance');
  });

  it('answers 400 naming the field for a bad date', async () => {
    const response = await app.request('/api/renovation/compliance?at=2026-02-30');
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: { field: string }[] }).errors[0]!.field).toBe('query.at');
  });
});
