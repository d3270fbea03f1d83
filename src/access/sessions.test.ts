import { beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../../test/support/engines.js';
import { createSmallPatrimony } from '../../test/support/fixtures.js';
import { createTestUser, TEST_PASSWORD, type TestUser } from '../../test/support/auth.js';
import { createLoginGuard, IDLE_MINUTES, login, resolveSession } from './auth-service.js';

describeEachEngine('session lifetime', (database) => {
  let user: TestUser;
  beforeAll(async () => {
    const patrimony = await createSmallPatrimony(database());
    user = await createTestUser(database(), patrimony.organisationId, 'agent', { agencyIds: [patrimony.agencyIds.lens] });
  });

  const openSession = async () => {
    const signedIn = await login(database(), createLoginGuard(), { email: user.email, password: TEST_PASSWORD }, 'test', undefined);
    if ('refused' in signedIn) throw new Error('refused');
    return signedIn.token;
  };
  const lastSeen = async () =>
    (await database().query<{ at: Date }>('SELECT last_seen_at AS at FROM sessions WHERE organisation_id = $1 AND user_id = $2 ORDER BY id DESC LIMIT 1', [user.organisationId, user.id]))[0]!.at;
  const setLastSeen = (minutesAgo: number) =>
    database().query(`UPDATE sessions SET last_seen_at = now() - $3 * interval '1 second' WHERE organisation_id = $1 AND user_id = $2`, [user.organisationId, user.id, minutesAgo * 60]);

  it('records activity at most once a minute, so that reads do not each cost a write', async () => {
    const token = await openSession();
    await setLastSeen(0.5);
    const before = await lastSeen();
    expect(await resolveSession(database(), token)).toBeDefined();
    expect(await lastSeen()).toEqual(before);
    await setLastSeen(2);
    expect(await resolveSession(database(), token)).toBeDefined();
    expect((await lastSeen()).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it(`ends a session idle for more than ${IDLE_MINUTES} minutes`, async () => {
    const token = await openSession();
    await setLastSeen(IDLE_MINUTES + 1);
    expect(await resolveSession(database(), token)).toBeUndefined();
    const left = await database().query('SELECT 1 FROM sessions WHERE organisation_id = $1 AND user_id = $2', [user.organisationId, user.id]);
    expect(left).toHaveLength(1);
  });
});
