import { expect, it } from 'vitest';
import { createTestUser } from '../../test/support/auth.js';
import { describeEachEngine } from '../../test/support/engines.js';
import { createSmallPatrimony } from '../../test/support/fixtures.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../access/demo/users.js';
import { readConfig } from '../core/config.js';
import { DEMO_ORGANISATION } from '../patrimony/demo/domain/organisation.js';
import { createApp } from './app.js';

const settingsOf = async (app: ReturnType<typeof createApp>) => (await app.request('/api/settings')).json();
const DEMO_AGENT = DEMO_ACCOUNTS.find((account) => account.role === 'agent')!;

describeEachEngine('public settings', (database) => {
  it('publish the configured basemap, or null without one, and whether single sign-on is offered', async () => {
    const url = 'https://data.geopf.fr/wmts?LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}';
    const configured = createApp({ db: database(), config: readConfig({ VIGIE_BASEMAP_URL: url, VIGIE_OIDC_ISSUER: 'https://sso.example.fr', VIGIE_OIDC_CLIENT_ID: 'vigie' }) });
    expect(await settingsOf(configured)).toEqual({ basemapUrl: url, singleSignOn: true, demo: null });
    const bare = createApp({ db: database(), config: readConfig({}) });
    expect(await settingsOf(bare)).toEqual({ basemapUrl: null, singleSignOn: false, demo: null });
  });

  it('never list the demo accounts when the demo e-mails belong to another organisation', async () => {
    const other = await createSmallPatrimony(database(), '272000029', 'Autre Office');
    await createTestUser(database(), other.organisationId, 'agent', { wholeOrganisation: true }, DEMO_AGENT.email);
    expect((await settingsOf(createApp({ db: database(), config: readConfig({}) }))).demo).toBeNull();
  });

  it('list the demo accounts and their password once the demo landlord is in the database', async () => {
    const demo = await createSmallPatrimony(database(), DEMO_ORGANISATION.siren, DEMO_ORGANISATION.name);
    await createTestUser(database(), demo.organisationId, 'agent', { wholeOrganisation: true }, DEMO_AGENT.email);
    const { demo: listed } = await settingsOf(createApp({ db: database(), config: readConfig({}) }));
    expect(listed.password).toBe(DEMO_PASSWORD);
    expect(listed.accounts).toContainEqual({ email: DEMO_AGENT.email, displayName: DEMO_AGENT.displayName, role: 'agent' });
    expect(listed.accounts.map((account: { role: string }) => account.role)).toEqual(DEMO_ACCOUNTS.map((account) => account.role));
  });
});
