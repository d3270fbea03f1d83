import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../core/config.js';
import type { Database } from '../db/database.js';
import { createApp } from './app.js';

// The headers come from the configuration alone: a database holding nothing is enough.
const noDatabase = { query: async () => [] } as unknown as Database;

function directives(response: Response): Map<string, string> {
  const policy = response.headers.get('content-security-policy') ?? '';
  return new Map(policy.split(';').map((part) => part.trim().split(/\s+/)).map(([name, ...values]) => [name!, values.join(' ')]));
}

describe('security headers', () => {
  let webRoot: string;
  beforeAll(async () => {
    webRoot = await mkdtemp(path.join(tmpdir(), 'vigie-web-'));
    await writeFile(path.join(webRoot, 'index.html'), '<!doctype html><title>Vigie</title>');
  });
  afterAll(() => rm(webRoot, { recursive: true, force: true }));

  const app = (env: NodeJS.ProcessEnv = {}) => createApp({ db: noDatabase, config: readConfig(env), webRoot });

  it('forbid inline scripts, framing and foreign origins on the web app, the API and errors alike', async () => {
    for (const target of ['http://localhost/', 'http://localhost/incidents/1', 'http://localhost/api/settings', 'http://localhost/api/no-such-route']) {
      const response = await app().request(target);
      const csp = directives(response);
      expect(csp.get('default-src'), target).toBe("'self'");
      expect(csp.get('script-src')).toBe("'self'");
      expect(csp.get('frame-ancestors')).toBe("'none'");
      expect(csp.get('object-src')).toBe("'none'");
      expect(csp.get('worker-src')).toBe("'self' blob:");
      expect(csp.get('img-src')).toBe("'self' data: blob:");
      expect(csp.get('connect-src')).toBe("'self'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(response.headers.get('permissions-policy')).toContain('geolocation=(self)');
      expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    }
  });

  it('also cover refusals: a request without session is answered 401 with the same headers', async () => {
    const response = await app().request('http://localhost/api/patrimony/stats');
    expect(response.status).toBe(401);
    expect(directives(response).get('default-src')).toBe("'self'");
  });

  it('forbid every cache to keep an API answer, refusals included, but not the public API description or the web app', async () => {
    for (const target of ['http://localhost/api/settings', 'http://localhost/api/health', 'http://localhost/api/patrimony/stats', 'http://localhost/api/no-such-route']) {
      expect((await app().request(target)).headers.get('cache-control'), target).toBe('no-store');
    }
    const login = await app().request('http://localhost/api/auth/login', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(login.status).toBe(400);
    expect(login.headers.get('cache-control')).toBe('no-store');
    for (const target of ['http://localhost/api/openapi.json', 'http://localhost/', 'http://localhost/incidents/1', 'http://localhost/apiculture']) {
      expect((await app().request(target)).headers.get('cache-control'), target).not.toBe('no-store');
    }
  });

  it('let the map load tiles from the configured basemap origin only', async () => {
    const response = await app({ VIGIE_BASEMAP_URL: 'https://tiles.example.fr/plan/{z}/{x}/{y}.png' }).request('http://localhost/');
    const csp = directives(response);
    expect(csp.get('img-src')).toBe("'self' data: blob: https://tiles.example.fr");
    expect(csp.get('connect-src')).toBe("'self' https://tiles.example.fr");
    expect(csp.get('script-src')).toBe("'self'");
  });

  it('ask for HTTPS everywhere except plain http on the developer’s own machine', async () => {
    expect((await app().request('http://localhost/api/settings')).headers.get('strict-transport-security')).toBeNull();
    expect((await app().request('http://127.0.0.1/api/settings')).headers.get('strict-transport-security')).toBeNull();
    const deployed = await app().request('https://vigie.bailleur.fr/api/settings');
    expect(deployed.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
  });
});
