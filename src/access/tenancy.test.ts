import { beforeAll, expect, it } from 'vitest';
import type { Queryable } from '../db/database.js';
import { describeEachEngine } from '../../test/support/engines.js';
import { createSmallPatrimony, type SmallPatrimony } from '../../test/support/fixtures.js';
import { createTestUser } from '../../test/support/auth.js';
import { APPLICATION_ROLE, tenantDatabase, withTenant } from './tenant.js';

/** Runs `work` as an API request does: the application role, `organisationId` as the tenant. */
const asAppRole = withTenant;

const count = async (tx: Queryable, table: string) => (await tx.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n;

describeEachEngine('tenancy wall (Row-Level Security)', (database) => {
  let mine: SmallPatrimony;
  let theirs: SmallPatrimony;
  beforeAll(async () => {
    mine = await createSmallPatrimony(database());
    theirs = await createSmallPatrimony(database(), '272000029', 'Autre Habitat');
    await createTestUser(database(), theirs.organisationId, 'agent', { agencyIds: [theirs.agencyIds.lens] });
  });

  it('shows the application role only the tenant set in its transaction', async () => {
    const db = database();
    const seen = await asAppRole(db, mine.organisationId, async (tx) => ({
      organisations: await tx.query<{ id: number }>('SELECT id FROM organisations'),
      residences: await tx.query<{ organisation_id: number }>('SELECT DISTINCT organisation_id FROM residences'),
      dwellings: await count(tx, 'dwellings'),
      users: await count(tx, 'users'),
      theirResidence: await tx.query('SELECT id FROM residences WHERE organisation_id = $1', [theirs.organisationId]),
    }));
    expect(seen.organisations.map((row) => row.id)).toEqual([mine.organisationId]);
    expect(seen.residences).toEqual([{ organisation_id: mine.organisationId }]);
    expect(seen.dwellings).toBe(7);
    expect(seen.users).toBe(0);
    expect(seen.theirResidence).toEqual([]);
    // The owner (the test's own connection) still sees both tenants: the wall is for the application role.
    expect(await count(db, 'dwellings')).toBe(14);
  });

  it('shows the application role nothing when no tenant is set', async () => {
    const db = database();
    const seen = await db.transaction(async (tx) => {
      await tx.query(`SET LOCAL ROLE ${APPLICATION_ROLE}`);
      return { residences: await count(tx, 'residences'), users: await count(tx, 'users') };
    });
    expect(seen).toEqual({ residences: 0, users: 0 });
  });

  it('binds every statement of a tenant database to its organisation, as the application role', async () => {
    const tenant = tenantDatabase(database(), mine.organisationId);
    expect(await count(tenant, 'dwellings')).toBe(7);
    expect(await tenant.query('SELECT current_user AS role')).toEqual([{ role: APPLICATION_ROLE }]);
    const inside = await tenant.transaction(async (tx) => (await tx.query<{ id: number }>('SELECT id FROM organisations')).map((row) => row.id));
    expect(inside).toEqual([mine.organisationId]);
  });

  it('refuses to write a row into another tenant', async () => {
    const attempt = asAppRole(database(), mine.organisationId, (tx) =>
      tx.query(`INSERT INTO directorates (organisation_id, external_id, name) VALUES ($1, 'DT-X', 'Intrus')`, [theirs.organisationId]),
    );
    await expect(attempt).rejects.toThrow(/row-level security/);
  });

  it('finds accounts and sessions before the tenant is known only through the two owner functions', async () => {
    const found = await asAppRole(database(), mine.organisationId, (tx) =>
      tx.query<{ organisation_id: number }>(`SELECT organisation_id FROM vigie_accounts_by_email('agent.${theirs.organisationId}@vigie.test')`),
    );
    expect(found).toEqual([{ organisation_id: theirs.organisationId }]);
  });

  it('protects every table carrying organisation_id, including those of later migrations', async () => {
    const unprotected = await database().query<{ table: string }>(
      `SELECT c.relname AS table FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'organisation_id' AND NOT a.attisdropped
       WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
         AND (NOT c.relrowsecurity OR NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid AND p.polname = 'tenant_isolation'))
       ORDER BY 1`,
    );
    const tables = unprotected.map((row) => row.table);
    expect(tables, 'call vigie_enable_tenant_rls() for these tables in their migration').toEqual([]);
  });
});
