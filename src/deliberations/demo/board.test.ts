import { describe, expect, it } from 'vitest';
import { checkSession } from '../domain/check.js';
import { siretKeyIsValid } from '../domain/scdl.js';
import { SessionFileSchema } from '../domain/model.js';
import { itemContext, tally } from '../domain/tally.js';
import { DEMO_LINKS, DEMO_YEAR, demoBoardSessions } from './board.js';

const sessions = demoBoardSessions();

describe('demo board', () => {
  it('has a board of 27 voting members and a Bureau of 7, as their seats say', () => {
    const { members, instances } = sessions[0]!;
    for (const instance of instances) {
      expect(members.filter((m) => m.voting && m.instances.includes(instance.id))).toHaveLength(instance.seats);
    }
    expect(instances.find((i) => i.id === 'CA')!.seats).toBe(27);
    expect(new Set(members.map((m) => m.category)).size).toBeGreaterThanOrEqual(6);
    expect(siretKeyIsValid(sessions[0]!.landlord.siret)).toBe(true);
  });

  it('holds a year of sessions: 5 of the board and 6 of the Bureau', () => {
    expect(sessions.every((s) => s.session.date.startsWith(String(DEMO_YEAR)))).toBe(true);
    expect(sessions.filter((s) => s.session.instance === 'CA')).toHaveLength(5);
    expect(sessions.filter((s) => s.session.instance === 'BUREAU')).toHaveLength(6);
  });

  it('is valid in the documented format and every item passes the rules', () => {
    for (const file of sessions) {
      expect(SessionFileSchema.safeParse(file).success).toBe(true);
      expect(checkSession(file).filter((f) => f.severity === 'error')).toEqual([]);
    }
  });

  it('has the Département convention with departmental councillors standing aside, and links to existing acts', () => {
    const items = sessions.flatMap((s) => s.items);
    const convention = items.find((i) => i.subject.startsWith('Convention de financement 2025-2034'))!;
    expect(convention.standAsides.length).toBeGreaterThan(0);
    const byId = new Map(sessions[0]!.members.map((m) => [m.id, m]));
    expect(convention.standAsides.every((s) => byId.get(s.member)!.category === 'collectivity_elected')).toBe(true);
    const acts = new Set(items.map((i) => i.actNumber));
    expect(DEMO_LINKS.every((l) => acts.has(l.actNumber))).toBe(true);
    expect(items.some((i) => i.transmission?.transmittedOn) && items.some((i) => !i.transmission)).toBe(true);
  });

  it('approves the 2024 accounts without counting the member who attends remotely (decree 2019-462)', () => {
    const file = sessions.find((s) => s.items.some((i) => i.nature === 'accounts_approval'))!;
    const accounts = file.items.find((i) => i.nature === 'accounts_approval')!;
    const remote = file.session.attendance.filter((a) => a.status === 'remote').map((a) => a.member);
    expect(remote).toHaveLength(1);
    expect(checkSession(file).filter((f) => f.item === accounts.rank).map((f) => f.code)).toEqual(['REMOTE_NOT_COUNTED_ACCOUNTS']);
    const t = tally(itemContext(file, accounts));
    expect(t.present.map((m) => m.id)).not.toContain(remote[0]);
    const voting = new Set(file.members.filter((m) => m.voting).map((m) => m.id));
    const inRoom = file.session.attendance.filter((a) => a.status === 'present' && voting.has(a.member)).length;
    expect(t.voters).toBe(inRoom + t.validProxies.length);
  });
});
