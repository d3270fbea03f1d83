import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createRoleUsers, sessionClient, testActor, type SessionClient, type TestUser } from '../../../test/support/auth.js';
import { describeEachEngine } from '../../../test/support/engines.js';
import { createSmallPatrimony, type SmallPatrimony } from '../../../test/support/fixtures.js';
import type { Role } from '../../access/domain/roles.js';
import { readConfig } from '../../core/config.js';
import { createApp } from '../../http/app.js';
import { notifyActionAdded, notifyStatusChange } from './service.js';

interface Received { from: string; to: string[]; raw: string }

/** RFC 2047 words (=?UTF-8?Q?…?= / ?B?) and quoted-printable lines, as a mail client decodes them. */
const decodeHeader = (value: string) =>
  value.replace(/\r?\n\s+/g, ' ').replace(/=\?utf-8\?([qb])\?([^?]*)\?=\s?/gi, (_, encoding: string, text: string) =>
    encoding.toLowerCase() === 'b' ? Buffer.from(text, 'base64').toString('utf8') : decodeQuoted(text.replaceAll('_', ' ')));
const decodeQuoted = (text: string) =>
  Buffer.from(text.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');

function parse(raw: string) {
  const [head, ...body] = raw.split(/\r?\n\r?\n/);
  const subject = /^subject: (.*(?:\r?\n\s.*)*)/im.exec(head!)?.[1] ?? '';
  const base64 = /content-transfer-encoding: base64/i.test(head!);
  const text = body.join('\n\n');
  return { subject: decodeHeader(subject), text: base64 ? Buffer.from(text, 'base64').toString('utf8') : decodeQuoted(text) };
}

describeEachEngine('incident notifications by email', (database) => {
  const received: Received[] = [];
  let smtp: SMTPServer;
  let port: number;
  let patrimony: SmallPatrimony;
  let users: Record<Role, TestUser>;
  let officer: SessionClient;
  const config = () => readConfig({ VIGIE_SMTP_URL: `smtp://127.0.0.1:${port}`, VIGIE_PUBLIC_URL: 'https://vigie.example.fr/', VIGIE_MAIL_FROM: 'Vigie <no-reply@vigie.example.fr>' });
  const officerActor = () => ({ ...testActor(patrimony.organisationId, 'observatory_officer'), userId: users.observatory_officer.id });

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      onData(stream, session, done) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw: Buffer.concat(chunks).toString('utf8') });
          done();
        });
      },
    });
    smtp.listen(0, '127.0.0.1');
    await once(smtp.server, 'listening');
    port = (smtp.server.address() as AddressInfo).port;
    patrimony = await createSmallPatrimony(database());
    users = await createRoleUsers(database(), patrimony);
    officer = await sessionClient(createApp({ db: database(), config: config() }), users.observatory_officer);
  });
  afterAll(() => new Promise<void>((resolve) => smtp.close(() => resolve())));

  /** An incident recorded through the API by `recorder`. */
  async function recordedBy(recorder: TestUser): Promise<number> {
    const client = recorder === users.observatory_officer ? officer : await sessionClient(createApp({ db: database(), config: config() }), recorder);
    const answer = await client.request('POST', '/incidents', {
      place: { kind: 'entrance', id: patrimony.entranceIds.lensA }, occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
      channel: 'caretaker', categoryCode: 'D.TAG', description: 'Tags sur la porte du local vélos',
    });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body.incident.id;
  }

  it('emails the recorder the new status: subject, recipient, link, and nothing personal', async () => {
    const id = await recordedBy(users.agent);
    received.length = 0;
    expect(await notifyStatusChange(database(), config(), officerActor(), id, 'qualified')).toBe('sent');
    expect(received).toHaveLength(1);
    const [mail] = received;
    expect(mail!.to).toEqual([users.agent.email]);
    expect(mail!.from).toBe('no-reply@vigie.example.fr');
    const { subject, text } = parse(mail!.raw);
    expect(subject).toBe(`[Vigie] Signalement n° ${id} : qualifié / Report #${id}: qualified`);
    expect(text).toContain(`https://vigie.example.fr/incidents/${id}`);
    expect(text).toContain('est maintenant : qualifié');
    for (const personal of ['Tags sur la porte', 'Grande Résidence', 'de la Paix', users.observatory_officer.email, 'Lens']) expect(mail!.raw).not.toContain(personal);
  });

  it('emails the recorder an added action', async () => {
    const id = await recordedBy(users.agent);
    received.length = 0;
    expect(await notifyActionAdded(database(), config(), officerActor(), id, 'complaint_filed')).toBe('sent');
    expect(parse(received[0]!.raw).subject).toBe(`[Vigie] Signalement n° ${id} : Dépôt de plainte / Report #${id}: Complaint filed`);
  });

  it('is sent when the incident moves through the API (the answer does not wait for it)', async () => {
    const id = await recordedBy(users.agent);
    received.length = 0;
    const moved = await officer.request('POST', `/incidents/${id}/transitions`, { to: 'qualified' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    await expect.poll(() => received.length).toBe(1);
    expect(received[0]!.to).toEqual([users.agent.email]);
    expect(parse(received[0]!.raw).subject).toContain(`n° ${id} : qualifié`);
  });

  it('sends nothing for one’s own change, a disabled account, or when SMTP is off; a server down is logged, not thrown', async () => {
    const id = await recordedBy(users.observatory_officer);
    received.length = 0;
    expect(await notifyStatusChange(database(), config(), officerActor(), id, 'qualified')).toBe('own_change');
    const agents = await recordedBy(users.agent);
    expect(await notifyStatusChange(database(), readConfig({}), officerActor(), agents, 'qualified')).toBe('smtp_off');
    expect(await notifyStatusChange(database(), readConfig({ VIGIE_SMTP_URL: 'smtp://127.0.0.1:1' }), officerActor(), agents, 'qualified')).toBe('failed');
    await database().query('UPDATE users SET disabled = true WHERE id = $1', [users.agent.id]);
    expect(await notifyStatusChange(database(), config(), officerActor(), agents, 'qualified')).toBe('no_recipient');
    expect(received).toEqual([]);
  });
});
