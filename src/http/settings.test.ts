import { expect, it } from 'vitest';
import { readConfig } from '../core/config.js';
import type { Database } from '../db/database.js';
import { createApp } from './app.js';

// The route reads only the configuration, so no database is needed.
const noDatabase = {} as Database;

it('publishes the configured basemap, or null without one', async () => {
  const url = 'https://data.geopf.fr/wmts?LAYER=GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}';
  const configured = createApp({ db: noDatabase, config: readConfig({ VIGIE_BASEMAP_URL: url }) });
  expect(await (await configured.request('/api/settings')).json()).toEqual({ basemapUrl: url });
  const bare = createApp({ db: noDatabase, config: readConfig({}) });
  expect(await (await bare.request('/api/settings')).json()).toEqual({ basemapUrl: null });
});
