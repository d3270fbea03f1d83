/**
 * Pure mapping from the stored register to the domain's session model, so that the domain's
 * rules, extract and SCDL row run unchanged on what the API saved (storage ids become the
 * model's string ids: member 12 → "12"), and back from a session file to API input for imports.
 */
import type * as domain from './domain/model.js';
import type { AttendanceInput, Instance, Item, ItemInput, Landlord, Member, SessionInput } from './schemas.js';
import type { SessionRow } from './repository.js';

export interface StoredSession {
  landlord: Landlord;
  instances: Instance[];
  members: Member[];
  session: SessionRow;
  items: Item[];
}

const domainId = (id: number) => String(id);

const optional = <T>(value: T | null): T | undefined => value ?? undefined;

function toAttendance(row: AttendanceInput): domain.Attendance {
  return { member: domainId(row.memberId), status: row.status, ...(row.proxyHolderId === null ? {} : { proxyHolder: domainId(row.proxyHolderId) }) };
}

function toVote(vote: Item['vote']): domain.Item['vote'] {
  if (vote.kind === 'counts') {
    const { presidentChoice, ...counts } = vote;
    return { ...counts, presidentChoice: optional(presidentChoice) };
  }
  if (vote.kind === 'per_member') return { kind: 'per_member', ballots: vote.ballots.map((b) => ({ member: domainId(b.memberId), choice: b.choice })) };
  return vote;
}

function toTransmission(t: Item['transmission']): domain.Item['transmission'] {
  if (Object.values(t).every((value) => value === null)) return undefined;
  return { prefectureId: optional(t.prefectureId), transmittedOn: optional(t.transmittedOn), acknowledgedOn: optional(t.acknowledgedOn), publishedOn: optional(t.publishedOn) };
}

function toDomainItem(item: Item): domain.Item {
  return {
    rank: item.rank,
    actNumber: item.actNumber,
    subject: item.subject,
    directorate: item.directorate,
    rapporteur: item.rapporteur,
    report: item.report,
    decisions: item.decisions,
    nature: item.nature,
    delegation: item.delegation,
    standAsides: item.standAsides.map((s) => ({ member: domainId(s.memberId), reason: s.reason })),
    attendanceOverrides: item.attendanceOverrides.map(toAttendance),
    vote: toVote(item.vote),
    declaredResult: optional(item.declaredResult),
    matter: optional(item.matter),
    transmission: toTransmission(item.transmission),
    url: optional(item.url),
  };
}

export function toSessionFile({ landlord, instances, members, session, items }: StoredSession): domain.SessionFile {
  return {
    landlord,
    instances: instances.map(({ externalId: _, id, ...settings }) => ({ id: domainId(id), ...settings })),
    members: members.map(({ externalId: _, id, instanceIds, ...person }) => ({ id: domainId(id), instances: instanceIds.map(domainId), ...person })),
    session: {
      instance: domainId(session.instanceId),
      date: session.date,
      convocationDate: session.convocationDate,
      president: domainId(session.presidentId),
      secondConvocation: session.secondConvocation,
      attendance: session.attendance.map(toAttendance),
    },
    items: items.map(toDomainItem),
  };
}

/** Storage ids of the file's string ids, as resolved by the import. */
export interface IdMaps {
  instances: Map<string, number>;
  members: Map<string, number>;
}

function fromAttendance(row: domain.Attendance, ids: IdMaps): AttendanceInput {
  return { memberId: ids.members.get(row.member)!, status: row.status, proxyHolderId: row.proxyHolder === undefined ? null : ids.members.get(row.proxyHolder)! };
}

export function fromDomainSession(session: domain.SessionFile['session'], ids: IdMaps): SessionInput {
  return {
    instanceId: ids.instances.get(session.instance)!,
    date: session.date,
    convocationDate: session.convocationDate,
    presidentId: ids.members.get(session.president)!,
    secondConvocation: session.secondConvocation,
    attendance: session.attendance.map((row) => fromAttendance(row, ids)),
  };
}

function fromVote(vote: domain.Item['vote'], ids: IdMaps): ItemInput['vote'] {
  if (vote.kind === 'counts') return { ...vote, presidentChoice: vote.presidentChoice ?? null };
  if (vote.kind === 'per_member') return { kind: 'per_member', ballots: vote.ballots.map((b) => ({ memberId: ids.members.get(b.member)!, choice: b.choice })) };
  return vote;
}

/** An item of a file as API input, saved as a draft (the import decides its status after the checks). */
export function fromDomainItem(item: domain.Item, ids: IdMaps): ItemInput {
  const t = item.transmission;
  return {
    rank: item.rank,
    actNumber: item.actNumber,
    subject: item.subject,
    directorate: item.directorate,
    rapporteur: item.rapporteur,
    report: item.report,
    decisions: item.decisions,
    nature: item.nature,
    delegation: item.delegation ?? null,
    standAsides: item.standAsides.map((s) => ({ memberId: ids.members.get(s.member)!, reason: s.reason })),
    attendanceOverrides: item.attendanceOverrides.map((row) => fromAttendance(row, ids)),
    vote: fromVote(item.vote, ids),
    declaredResult: item.declaredResult ?? null,
    matter: item.matter ?? null,
    transmission: { prefectureId: t?.prefectureId ?? null, transmittedOn: t?.transmittedOn ?? null, acknowledgedOn: t?.acknowledgedOn ?? null, publishedOn: t?.publishedOn ?? null },
    url: item.url ?? null,
    status: 'draft',
  };
}
