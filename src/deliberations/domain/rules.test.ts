import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkSession } from './check.js';
import type { Finding } from './findings.js';
import type { SessionFile } from './model.js';
import { parseSessionFile } from './parse.js';
import { quorumThreshold } from './rules/attendance.js';
import { composeExtract } from './extract.js';
import { SOURCES } from './sources.js';
import { itemContext, tally, voteResult } from './tally.js';

const example = parseSessionFile(readFileSync(new URL('../examples/seance-ca-2024-03-14.json', import.meta.url), 'utf8'));

/** A copy of the valid example session, changed by `edit`. */
function session(edit: (file: SessionFile) => void): SessionFile {
  const file = structuredClone(example);
  edit(file);
  return file;
}

const codes = (findings: Finding[], item?: number) => findings.filter((f) => item === undefined || f.item === item).map((f) => f.code);
const attendanceOf = (file: SessionFile, member: string) => file.session.attendance.find((a) => a.member === member)!;
const item = (file: SessionFile, rank: number) => file.items.find((i) => i.rank === rank)!;

describe('the valid example session', () => {
  it('passes every rule without a finding', () => {
    expect(checkSession(example)).toEqual([]);
  });

  it('counts 19 present and 5 proxies for item 1, 16 and 5 after three stand-asides on item 2', () => {
    const t1 = tally(itemContext(example, item(example, 1)));
    const t2 = tally(itemContext(example, item(example, 2)));
    expect([t1.present.length, t1.validProxies.length, t1.voters]).toEqual([19, 5, 24]);
    expect([t2.present.length, t2.validProxies.length, t2.voters]).toEqual([16, 5, 21]);
  });
});

describe('quorum — CCH art. R. 421-13: two thirds of voting members present or represented, waived at the next session', () => {
  it('needs 18 of 27 and 12 of 17 (rounded up)', () => {
    expect(quorumThreshold(27, { numerator: 2, denominator: 3 })).toBe(18);
    expect(quorumThreshold(17, { numerator: 2, denominator: 3 })).toBe(12);
    expect(quorumThreshold(23, { numerator: 1, denominator: 2 })).toBe(12);
  });

  it('is counted per item after stand-asides (CE 1983 Chauré, by analogy) and blocks the item', () => {
    const file = session((f) => {
      item(f, 2).standAsides.push(...['m10', 'm11', 'm12', 'm13'].map((member) => ({ member, reason: 'élu départemental' })));
      item(f, 2).vote = { kind: 'unanimity' };
    });
    const findings = checkSession(file);
    const quorum = findings.find((f) => f.code === 'QUORUM_NOT_MET')!;
    // 16 present − 4 (m11 holds Mme BOYER's proxy, which lapses) = 12 present, 4 proxies: 16 < 18.
    expect(quorum.item).toBe(2);
    expect(quorum.message).toContain('12 présents et 4 pouvoirs valables après le retrait de 7 membre(s), soit 16 sur 27 membres votants (18 requis)');
    expect(codes(findings, 1)).toEqual([]);
  });

  it('is waived at a second convocation: a warning, not an error', () => {
    const file = session((f) => {
      f.session.secondConvocation = true;
      for (const id of ['m10', 'm12', 'm13', 'm15', 'm18', 'm21', 'm24']) attendanceOf(f, id).status = 'absent';
      for (const it of f.items) it.vote = { kind: 'unanimity' };
    });
    const findings = checkSession(file);
    expect(codes(findings)).not.toContain('QUORUM_NOT_MET');
    expect(codes(findings, 1)).toEqual(['QUORUM_WAIVED']);
  });

  it('warns with the head count when the instance has no known quorum rule', () => {
    const file = session((f) => (f.instances[0]!.quorum = null));
    expect(checkSession(file).filter((f) => f.item === 1).map((f) => f.message)).toEqual([
      'Règle de quorum de l’instance non renseignée : 24 présents ou représentés sur 27 membres votants.',
    ]);
  });
});

describe('proxies — CCH art. R. 421-13: each member may receive one mandate only', () => {
  it('voids the second proxy held by the same member and does not count it', () => {
    const file = session((f) => (attendanceOf(f, 'm09').proxyHolder = 'm02'));
    const ctx = itemContext(file, item(file, 1));
    const t = tally(ctx);
    expect(t.validProxies.length).toBe(4);
    expect(t.rejectedProxies.map((p) => [p.giver.id, p.holder.id, p.reason])).toEqual([['m09', 'm02', 'over_limit']]);
    expect(codes(checkSession(file), 1)).toEqual(['PROXY_OVER_LIMIT']);
    // Item 3 is voted per member: the ballot cast under the void proxy is not entitled.
    expect(codes(checkSession(file), 3)).toEqual(['PROXY_OVER_LIMIT', 'BALLOT_NOT_ENTITLED', 'VOTE_TOTAL_MISMATCH']);
  });

  it('counts every proxy but warns with the recount when the limit is unknown', () => {
    const file = session((f) => {
      f.instances[0]!.maxProxiesPerMember = null;
      attendanceOf(f, 'm09').proxyHolder = 'm02';
    });
    const warning = checkSession(file).find((f) => f.code === 'PROXY_LIMIT_UNKNOWN' && f.item === 1)!;
    expect(warning.severity).toBe('warning');
    expect(warning.message).toBe(
      'Mme Claire MOREL détient 2 pouvoirs (Mme Sylvie ROUX, M. Patrick DUMAS) ; limite de l’instance non renseignée. Avec un seul pouvoir par membre, 23 présents ou représentés.',
    );
  });

  it('requires the holder to be present and voting', () => {
    const file = session((f) => {
      attendanceOf(f, 'm20').proxyHolder = 'm19';
      f.members.find((m) => m.id === 'm22')!.voting = false;
    });
    const messages = checkSession(file).filter((f) => f.item === 1 && f.code === 'PROXY_HOLDER_INVALID').map((f) => f.message);
    expect(messages).toEqual([
      'Pouvoir de Mme Sophie FONTAINE à M. Pascal MERCIER non valable : son titulaire n’est pas présent.',
      'Pouvoir de M. Ahmed HADDAD à Mme Karima BENALI non valable : son titulaire n’a pas voix délibérative.',
    ]);
  });

  it('lets a proxy lapse, with a warning, when its holder stands aside', () => {
    const file = session((f) => {
      item(f, 2).standAsides.push({ member: 'm02', reason: 'élue départementale' });
      item(f, 2).vote = { kind: 'counts', for: 17, against: 0, abstentions: 2, notVoting: 0 };
    });
    const findings = checkSession(file).filter((f) => f.item === 2);
    expect(findings.map((f) => [f.code, f.severity])).toEqual([['PROXY_LAPSED', 'warning']]);
  });

  it('does not count a remote member when the instance forbids remote attendance', () => {
    const file = session((f) => {
      f.instances[0]!.remoteAttendanceAllowed = false;
      item(f, 1).vote = { kind: 'counts', for: 23, against: 0, abstentions: 0, notVoting: 0 };
    });
    expect(codes(checkSession(file), 1)).toEqual(['REMOTE_NOT_ALLOWED']);
  });
});

describe('approval of the accounts — CCH art. R. 421-13, last paragraph (decree 2019-462): remote participants are not counted', () => {
  it('leaves the remote member out of the quorum and the votes, with a warning naming him', () => {
    const file = session((f) => (item(f, 1).nature = 'accounts_approval'));
    const t = tally(itemContext(file, item(file, 1)));
    expect([t.present.length, t.validProxies.length, t.voters]).toEqual([18, 5, 23]);
    const findings = checkSession(file).filter((f) => f.item === 1);
    expect(findings.map((f) => [f.code, f.severity])).toEqual([['REMOTE_NOT_COUNTED_ACCOUNTS', 'warning']]);
    expect(findings[0]!.source).toEqual(SOURCES.cchR421_13Remote);
  });

  it('refuses a ballot cast remotely and a proxy held by a remote member', () => {
    // Item 3 is voted per member; m16, remote, cast a ballot.
    const ballots = session((f) => (item(f, 3).nature = 'accounts_approval'));
    expect(codes(checkSession(ballots), 3)).toEqual(['REMOTE_NOT_COUNTED_ACCOUNTS', 'BALLOT_NOT_ENTITLED', 'VOTE_TOTAL_MISMATCH']);
    const proxy = session((f) => {
      attendanceOf(f, 'm17').status = 'remote';
      item(f, 1).nature = 'accounts_approval';
    });
    expect(codes(checkSession(proxy), 1)).toEqual(['REMOTE_NOT_COUNTED_ACCOUNTS', 'PROXY_HOLDER_INVALID']);
  });

  it('names the uncounted remote participant in the extract and still lists him present', () => {
    const file = session((f) => (item(f, 1).nature = 'accounts_approval'));
    const present = composeExtract(file, 1).find((b) => b.kind === 'present')!;
    expect(present.lines[1]).toMatch(/^Participant à distance, non compté pour l'approbation des comptes : /);
    expect(present.lines[1]!.split(' : ')[1]!.split(', ')).toHaveLength(1);
  });
});

describe('director general — CCH art. R. 421-13: appointed or dismissed by two thirds of the members present or represented', () => {
  it('adopts at two thirds exactly and rejects below, where a simple majority would adopt', () => {
    const instance = example.instances[0]!;
    const below = { for: 13, against: 8, abstentions: 0, notVoting: 0 };
    expect(voteResult(below, 21, instance, 'ordinary').outcome).toBe('adopted');
    expect(voteResult(below, 21, instance, 'director_general').outcome).toBe('rejected');
    expect(voteResult({ ...below, for: 14, against: 7 }, 21, instance, 'director_general').outcome).toBe('adopted');
    expect(voteResult({ for: 10, against: 10, abstentions: 1, notVoting: 0, presidentChoice: 'for' }, 21, instance, 'director_general')).toMatchObject({ outcome: 'rejected', byCastingVote: false });
  });

  it('blocks a declared adoption short of two thirds, citing the rule', () => {
    const file = session((f) => {
      item(f, 2).nature = 'director_general';
      item(f, 2).vote = { kind: 'counts', for: 13, against: 8, abstentions: 0, notVoting: 0 };
    });
    const findings = checkSession(file).filter((f) => f.item === 2);
    expect(findings.map((f) => f.code)).toEqual(['VOTE_RESULT_CONTRADICTED']);
    expect(findings[0]!.source).toEqual(SOURCES.cchR421_13DirectorGeneral);
    expect(findings[0]!.message).toContain('deux tiers requis');
  });

  it('says "à la majorité des deux tiers" in the extract', () => {
    const file = session((f) => {
      item(f, 2).nature = 'director_general';
      item(f, 2).vote = { kind: 'counts', for: 14, against: 7, abstentions: 0, notVoting: 0 };
    });
    const vote = composeExtract(file, 2).find((b) => b.kind === 'vote')!;
    expect(vote.lines[0]).toBe('Décision adoptée à la majorité des deux tiers des membres présents ou représentés');
  });
});

describe('roster — minutes consistency', () => {
  it('reports a member listed twice, a member with no status, vacant seats and an absent president', () => {
    const file = session((f) => {
      f.session.attendance.push({ member: 'm05', status: 'absent' });
      f.session.attendance = f.session.attendance.filter((a) => a.member !== 'm26');
      f.members.find((m) => m.id === 'm27')!.mandateEnd = '2024-01-31';
      f.session.attendance = f.session.attendance.filter((a) => a.member !== 'm27');
      attendanceOf(f, 'm01').status = 'excused';
    });
    const sessionCodes = checkSession(file).filter((f) => f.item === undefined);
    expect(sessionCodes.map((f) => f.code)).toEqual(['ROSTER_DUPLICATE', 'ROSTER_MISSING', 'ROSTER_VACANT_SEATS', 'PRESIDENT_NOT_PRESENT']);
    expect(sessionCodes[2]!.severity).toBe('warning');
  });

  it('warns when the agenda reached members less than ten days before (CCH art. R. 421-13)', () => {
    const file = session((f) => (f.session.convocationDate = '2024-03-08'));
    expect(checkSession(file).filter((f) => f.item === undefined).map((f) => f.message)).toEqual([
      'Convocation envoyée 6 jour(s) avant la séance : moins de dix jours, à justifier par l’urgence.',
    ]);
  });
});

describe('votes — counts add up, unanimity, majority rule and casting vote (CCH art. R. 421-13)', () => {
  it('requires for + against + abstentions + not taking part = present + valid proxies', () => {
    const file = session((f) => (item(f, 2).vote = { kind: 'counts', for: 19, against: 0, abstentions: 1, notVoting: 0 }));
    expect(checkSession(file).find((f) => f.item === 2)!.message).toBe(
      'Les votes ne tombent pas juste : 19 pour + 0 contre + 1 abstentions + 0 ne prenant pas part = 20, pour 16 présents et 5 pouvoirs valables (21).',
    );
  });

  it('refuses a declared unanimity with abstentions, but accepts members not taking part', () => {
    const withAbstention = session((f) => (item(f, 1).vote = { kind: 'counts', for: 22, against: 0, abstentions: 2, notVoting: 0 }));
    expect(codes(checkSession(withAbstention), 1)).toEqual(['VOTE_UNANIMITY_CONTRADICTED']);
    const withNotVoting = session((f) => (item(f, 1).vote = { kind: 'counts', for: 22, against: 0, abstentions: 0, notVoting: 2 }));
    expect(codes(checkSession(withNotVoting), 1)).toEqual([]);
  });

  it('computes the result from the majority rule', () => {
    const instance = { ...example.instances[0]! };
    const counts = { for: 10, against: 5, abstentions: 8, notVoting: 0 };
    expect(voteResult(counts, 23, { ...instance, majority: 'present_or_represented' }, 'ordinary').outcome).toBe('rejected');
    expect(voteResult(counts, 23, { ...instance, majority: 'votes_cast' }, 'ordinary').outcome).toBe('adopted');
    const file = session((f) => (item(f, 2).vote = { kind: 'counts', for: 10, against: 5, abstentions: 6, notVoting: 0 }));
    expect(codes(checkSession(file), 2)).toEqual(['VOTE_RESULT_CONTRADICTED']);
  });

  it('breaks a tie with the president’s casting vote, and blocks when his vote is unknown', () => {
    const tie = { for: 10, against: 10, abstentions: 1, notVoting: 0 };
    const withChoice = session((f) => (item(f, 2).vote = { kind: 'counts', ...tie, presidentChoice: 'against' }));
    expect(codes(checkSession(withChoice), 2)).toEqual(['VOTE_CASTING_VOTE', 'VOTE_RESULT_CONTRADICTED']);
    const unknown = session((f) => (item(f, 2).vote = { kind: 'counts', ...tie }));
    expect(codes(checkSession(unknown), 2)).toEqual(['VOTE_TIE_UNRESOLVED']);
  });

  it('checks per-member ballots: entitled members only, each once', () => {
    const file = session((f) => {
      const vote = item(f, 3).vote;
      if (vote.kind !== 'per_member') throw new Error('example item 3 is per member');
      vote.ballots = vote.ballots.filter((b) => b.member !== 'm05');
      vote.ballots.push({ member: 'm26', choice: 'for' }, { member: 'm02', choice: 'for' });
    });
    expect(codes(checkSession(file), 3)).toEqual(['BALLOT_NOT_ENTITLED', 'BALLOT_DUPLICATE', 'BALLOT_MISSING', 'VOTE_TOTAL_MISMATCH']);
  });
});

describe('acts', () => {
  it('requires a Bureau item to cite the board delegation (CCH art. L. 421-8)', () => {
    const file = session((f) => {
      f.session.instance = 'BUREAU';
      f.session.attendance = ['m01', 'm02', 'm11', 'm17', 'm21', 'm22', 'm23'].map((member) => ({ member, status: 'present' as const }));
      f.items = [{ ...item(f, 1), vote: { kind: 'unanimity' }, delegation: null }, { ...item(f, 4), rank: 2, attendanceOverrides: [], delegation: { date: '2021-09-16', reference: 'CA2021_09_05' } }];
    });
    const findings = checkSession(file);
    expect(findings.map((f) => [f.code, f.item])).toEqual([
      ['QUORUM_RULE_UNKNOWN', 1],
      ['BUREAU_DELEGATION_MISSING', 1],
      ['QUORUM_RULE_UNKNOWN', 2],
    ]);
  });

  it('refuses a Bureau item relying on a delegation given after its session (CCH art. L. 421-8)', () => {
    const file = session((f) => {
      f.session.instance = 'BUREAU';
      f.session.attendance = ['m01', 'm02', 'm11', 'm17', 'm21', 'm22', 'm23'].map((member) => ({ member, status: 'present' as const }));
      f.items = [{ ...item(f, 1), vote: { kind: 'unanimity' }, delegation: { date: '2024-03-15', reference: 'CA2024_03_09' } }];
    });
    expect(codes(checkSession(file), 1)).toContain('BUREAU_DELEGATION_AFTER_SESSION');
    file.items[0]!.delegation = { date: '2024-03-14', reference: 'CA2024_03_09' };
    expect(codes(checkSession(file), 1)).not.toContain('BUREAU_DELEGATION_AFTER_SESSION');
  });

  it('checks the act number format (@ctes: 15 characters at most, A–Z 0–9 _) and its uniqueness', () => {
    const file = session((f) => {
      item(f, 1).actNumber = 'CA2024_03_01_XYZ';
      item(f, 2).actNumber = 'ca2024_03_02';
      item(f, 4).actNumber = 'CA2024_03_03';
    });
    const findings = checkSession(file);
    expect(codes(findings).filter((c) => c.startsWith('ACT_'))).toEqual(['ACT_NUMBER_DUPLICATE', 'ACT_NUMBER_FORMAT', 'ACT_NUMBER_FORMAT']);
  });

  it('checks that transmission, acknowledgement and publication follow the session', () => {
    const file = session((f) => {
      item(f, 1).transmission = { transmittedOn: '2024-03-13', acknowledgedOn: '2024-03-12', publishedOn: '2024-03-10' };
    });
    expect(codes(checkSession(file), 1)).toEqual(['TRANSMISSION_BEFORE_SESSION', 'ACKNOWLEDGEMENT_BEFORE_TRANSMISSION', 'PUBLICATION_BEFORE_SESSION', 'SCDL_PREF_DATE']);
  });
});

describe('parsing', () => {
  it('names the path of every schema error, in French', () => {
    const broken = structuredClone(example) as unknown as Record<string, unknown> & { session: { president: string } };
    broken.session.president = 'm99';
    expect(() => parseSessionFile(JSON.stringify(broken))).toThrow(
      expect.objectContaining({ kind: 'validation', errors: [{ field: 'session.president', message: 'membre inconnu « m99 »' }] }),
    );
    expect(() => parseSessionFile('{"landlord": ')).toThrow(expect.objectContaining({ kind: 'validation' }));
  });
});
