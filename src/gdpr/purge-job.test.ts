import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../test/support/engines.js';
import { createSmallPatrimony } from '../../test/support/fixtures.js';
import { readConfig } from '../core/config.js';
import { FilesystemStore } from '../storage/filesystem-store.js';
import { schedulePurge } from './purge-job.js';

describeEachEngine('scheduled purge', (database) => {
  it('runs the purge at its interval until stopped', async () => {
    const db = database();
    const { organisationId } = await createSmallPatrimony(db);
    const [user] = await db.query<{ id: number }>(`INSERT INTO users (organisation_id, email, display_name) VALUES ($1, 'job@vigie.test', 'Job') RETURNING id`, [organisationId]);
    await db.query(`INSERT INTO sessions (organisation_id, user_id, token_hash, expires_at) VALUES ($1, $2, repeat('c', 64), '2020-01-01')`, [organisationId, user!.id]);
    const root = await mkdtemp(path.join(tmpdir(), 'vigie-purge-job-'));
    const lines: string[] = [];
    const ran = new Promise<void>((resolve) => {
      const stop = schedulePurge(db, new FilesystemStore(root), 0.00005, (line) => {
        lines.push(line);
        stop();
        resolve();
      });
    });
    await ran;
    await rm(root, { recursive: true, force: true });
    expect(lines[0]).toContain(`organisation ${organisationId}`);
    expect(lines[0]).toContain('"sessions":1');
    expect(await db.query('SELECT 1 FROM sessions WHERE organisation_id = $1', [organisationId])).toHaveLength(0);
    const [entry] = await db.query<{ actorLabel: string }>(`SELECT actor_label AS "actorLabel" FROM audit_log WHERE action = 'retention.purge'`);
    expect(entry!.actorLabel).toBe('job:purge');
  });

  it('is configured daily by default, off with 0, and refuses nonsense', () => {
    expect(readConfig({}).purgeIntervalHours).toBe(24);
    expect(readConfig({ VIGIE_PURGE_INTERVAL_HOURS: '0' }).purgeIntervalHours).toBe(0);
    expect(() => readConfig({ VIGIE_PURGE_INTERVAL_HOURS: 'daily' })).toThrow(/VIGIE_PURGE_INTERVAL_HOURS/);
    expect(() => readConfig({ VIGIE_PURGE_INTERVAL_HOURS: '1000' })).toThrow(/500/);
  });
});
