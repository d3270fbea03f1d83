import { performance } from 'node:perf_hooks';
import { beforeAll, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { describeEachEngine } from '../../../test/support/engines.js';
import { buildCommuneRows } from '../reference/communes.js';
import { DEMO_TARGETS, generateDemoPatrimony, type DemoPatrimony } from './domain/generate.js';
import { databaseHasNoOrganisation, loadDemo, type DemoLoad } from './service.js';
import { login, createLoginGuard } from '../../access/auth-service.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../access/demo/users.js';

const LOAD_TIMEOUT = 240_000;

describeEachEngine('demo landlord load', (database, engine) => {
  let expected: DemoPatrimony;
  let load: DemoLoad;
  let progress: [number, number][];

  beforeAll(async () => {
    expected = generateDemoPatrimony(buildCommuneRows());
    expect(await databaseHasNoOrganisation(database())).toBe(true);
    progress = [];
    const start = performance.now();
    load = await loadDemo(database(), { onProgress: (done, total) => progress.push([done, total]) });
    console.log(`demo load on ${engine}: ${((performance.now() - start) / 1000).toFixed(1)} s`);
  }, LOAD_TIMEOUT);

  it('counts exactly the target patrimony', () => {
    const distinct = (key: (row: DemoPatrimony['rows'][number]) => unknown) => new Set(expected.rows.map(key)).size;
    expect(load.stats).toEqual({
      organisations: 1,
      directorates: 5,
      agencies: DEMO_TARGETS.agencies,
      communes: DEMO_TARGETS.communes,
      residences: distinct((row) => row.residence_code),
      buildings: distinct((row) => row.building_code),
      entrances: distinct((row) => row.entrance_code) - 1,
      dwellings: 39_658,
      collective: 27_553,
      individual: 12_105,
      commonAreas: expected.commonAreas.length,
    });
    expect(progress.at(-1)).toEqual([39_658, 39_658]);
  });

  it('opens one account per landlord role, each signing in with its own perimeter', async () => {
    const seen: Record<string, { agencies: string[]; directorates: number; communes: readonly string[]; whole: boolean }> = {};
    for (const account of DEMO_ACCOUNTS) {
      const signedIn = await login(database(), createLoginGuard(), { email: account.email, password: DEMO_PASSWORD }, 'test', undefined);
      if ('refused' in signedIn) throw new Error(`${account.email} refused`);
      const [grant] = signedIn.grants;
      const agencies = await database().query<{ name: string }>('SELECT name FROM agencies WHERE organisation_id = $1 AND id = ANY($2::int[])', [load.organisationId, grant!.perimeter.agencyIds]);
      seen[grant!.role] = { agencies: agencies.map((row) => row.name), directorates: grant!.perimeter.directorateIds.length, communes: grant!.perimeter.communes, whole: grant!.perimeter.wholeOrganisation };
    }
    expect(seen.agent).toEqual({ agencies: ['Lens centre'], directorates: 0, communes: [], whole: false });
    expect(seen.territorial_director).toMatchObject({ directorates: 1, whole: false });
    expect(seen.partner).toMatchObject({ communes: ['62498'], whole: false });
    expect(seen.observatory_officer).toMatchObject({ whole: true });
    expect(Object.keys(seen).sort()).toEqual(['administrator', 'agency_manager', 'agent', 'executive', 'observatory_officer', 'partner', 'territorial_director']);
  });

  it('stores the DPE labels with their exact totals', async () => {
    const labels = await database().query<{ label: string; count: number }>(
      `SELECT dpe_energy_class AS label, count(*) AS count FROM dwellings WHERE organisation_id = $1 GROUP BY 1 ORDER BY 1`,
      [load.organisationId],
    );
    const byLabel = Object.fromEntries(labels.map(({ label, count }) => [label, count]));
    expect([byLabel.E, byLabel.F, byLabel.G]).toEqual([8_780, 1_260, 205]);
  });

  it('stores the organisation, the agency offices and the permanences', async () => {
    const [organisation] = await database().query<{ siren: string; director_general: string; address_lines: string[] }>(
      'SELECT siren, director_general, address_lines FROM organisations WHERE id = $1', [load.organisationId]);
    expect(organisation).toEqual({
      siren: expected.organisation.siren,
      director_general: expected.organisation.directorGeneral,
      address_lines: [...expected.organisation.addressLines],
    });
    const [agencies] = await database().query<{ complete: number }>(
      `SELECT count(*) AS complete FROM agencies WHERE organisation_id = $1 AND phone IS NOT NULL AND email IS NOT NULL AND geom IS NOT NULL`,
      [load.organisationId]);
    expect(agencies!.complete).toBe(31);
    const [points] = await database().query<{ count: number }>('SELECT count(*) AS count FROM contact_points WHERE organisation_id = $1', [load.organisationId]);
    expect(points!.count).toBe(expected.contactPoints.length);
    const [lifts] = await database().query<{ count: number }>(
      `SELECT count(*) AS count FROM common_areas WHERE organisation_id = $1 AND kind = 'lift' AND entrance_id IS NOT NULL`, [load.organisationId]);
    expect(lifts!.count).toBe(expected.commonAreas.filter((area) => area.kind === 'lift').length);
  });

  it('refuses to load into a database that has an organisation, changing nothing', async () => {
    const error = await loadDemo(database()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).kind).toBe('conflict');
    const [count] = await database().query<{ count: number }>('SELECT count(*) AS count FROM organisations');
    expect(count!.count).toBe(1);
  }, LOAD_TIMEOUT);
});
