import { beforeAll, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { describeEachEngine } from '../../../test/support/engines.js';
import { createSmallPatrimony, type SmallPatrimony } from '../../../test/support/fixtures.js';
import { loadDemoIncidents, type DemoIncidentsLoad } from './service.js';

const until = new Date('2026-06-30T12:00:00Z');

describeEachEngine('demo incidents load', (database) => {
  let patrimony: SmallPatrimony;
  let load: DemoIncidentsLoad;
  const one = async <T>(sql: string) => (await database().query<T>(sql, [patrimony.organisationId]))[0]!;

  beforeAll(async () => {
    patrimony = await createSmallPatrimony(database());
    load = await loadDemoIncidents(database(), patrimony.organisationId, { scale: 150, until });
  }, 120_000);

  it('writes the incidents generated, with their actions', async () => {
    expect(load.incidents).toBeGreaterThan(150);
    expect(await one<{ n: number }>('SELECT count(*) AS n FROM incidents WHERE organisation_id = $1')).toEqual({ n: load.incidents });
    expect(await one<{ n: number }>('SELECT count(*) AS n FROM incident_actions WHERE organisation_id = $1')).toEqual({ n: load.actions });
  });

  it('closes incidents through the workflow: an outcome and a dated closing after the recording', async () => {
    const closed = await one<{ closed: number; withClosing: number }>(
      `SELECT count(*) AS closed,
         count(*) FILTER (WHERE EXISTS (SELECT 1 FROM incident_history h WHERE h.organisation_id = i.organisation_id AND h.incident_id = i.id
           AND h.field = 'status' AND h.after_value = '"closed"' AND h.changed_at >= i.recorded_at)) AS "withClosing"
       FROM incidents i WHERE organisation_id = $1 AND status = 'closed'`,
    );
    expect(closed.closed).toBeGreaterThan(0);
    expect(closed.withClosing).toBe(closed.closed);
  });

  it('keeps the observatory roll-ups and the staff counts in step', async () => {
    expect(await one<{ n: number }>(`SELECT sum(incidents)::int AS n FROM incident_rollups WHERE organisation_id = $1 AND level = 'agency'`)).toEqual({ n: load.incidents });
    expect(await one<{ handled: number }>(`SELECT sum(handled)::int AS handled FROM incident_rollups WHERE organisation_id = $1 AND level = 'agency'`))
      .toEqual(await one(`SELECT count(*)::int AS handled FROM incidents WHERE organisation_id = $1 AND status = 'closed'`));
    expect((await database().query('SELECT agency_id FROM observatory_agency_staff WHERE organisation_id = $1', [patrimony.organisationId])).length).toBe(2);
  });

  it('adds nothing when loaded again (idempotent by external id), and refuses a bad scale', async () => {
    expect(await loadDemoIncidents(database(), patrimony.organisationId, { scale: 150, until })).toEqual({ incidents: 0, actions: 0 });
    await expect(loadDemoIncidents(database(), patrimony.organisationId, { scale: 0 })).rejects.toBeInstanceOf(AppError);
  });
});
