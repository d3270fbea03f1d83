/**
 * Pure checks of API input against what storage can hold: every member referenced exists, no
 * member twice in a list, a proxy holder exactly when excused with proxy. The register's rules
 * (quorum, votes…) are the domain's, not these.
 */
import { validationError, type FieldError } from '../core/errors.js';
import type { AttendanceInput, ItemInput, SessionInput } from './schemas.js';

function unknownIds(ids: { field: string; id: number }[], known: ReadonlySet<number>, what: string): FieldError[] {
  return ids.filter(({ id }) => !known.has(id)).map(({ field, id }) => ({ field, message: `${what} inconnu (${id})` }));
}

function duplicates(ids: number[], field: (index: number) => string): FieldError[] {
  return ids.flatMap((id, i) => (ids.indexOf(id) !== i ? [{ field: field(i), message: `membre ${id} cité plusieurs fois` }] : []));
}

function attendanceErrors(rows: AttendanceInput[], base: string, members: ReadonlySet<number>): FieldError[] {
  const refs = rows.flatMap((row, i) => [
    { field: `${base}.${i}.memberId`, id: row.memberId },
    ...(row.proxyHolderId === null ? [] : [{ field: `${base}.${i}.proxyHolderId`, id: row.proxyHolderId }]),
  ]);
  const proxies = rows.flatMap((row, i) => {
    const withProxy = row.status === 'excused_with_proxy';
    if (withProxy === (row.proxyHolderId !== null)) return [];
    const message = withProxy ? 'le titulaire du pouvoir est requis' : 'un titulaire de pouvoir n’est possible qu’avec le statut excused_with_proxy';
    return [{ field: `${base}.${i}.proxyHolderId`, message }];
  });
  return [...unknownIds(refs, members, 'membre'), ...duplicates(rows.map((r) => r.memberId), (i) => `${base}.${i}.memberId`), ...proxies];
}

const throwIfAny = (errors: FieldError[]) => {
  if (errors.length > 0) throw validationError('Some fields are invalid', errors);
};

export function assertValidSession(input: SessionInput, instances: ReadonlySet<number>, members: ReadonlySet<number>): void {
  throwIfAny([
    ...unknownIds([{ field: 'instanceId', id: input.instanceId }], instances, 'instance'),
    ...unknownIds([{ field: 'presidentId', id: input.presidentId }], members, 'membre'),
    ...attendanceErrors(input.attendance, 'attendance', members),
  ]);
}

export function assertValidItem(input: ItemInput, members: ReadonlySet<number>): void {
  const ballots = input.vote.kind === 'per_member' ? input.vote.ballots : [];
  throwIfAny([
    ...attendanceErrors(input.attendanceOverrides, 'attendanceOverrides', members),
    ...unknownIds(input.standAsides.map((s, i) => ({ field: `standAsides.${i}.memberId`, id: s.memberId })), members, 'membre'),
    ...duplicates(input.standAsides.map((s) => s.memberId), (i) => `standAsides.${i}.memberId`),
    ...unknownIds(ballots.map((b, i) => ({ field: `vote.ballots.${i}.memberId`, id: b.memberId })), members, 'membre'),
    ...duplicates(ballots.map((b) => b.memberId), (i) => `vote.ballots.${i}.memberId`),
    ...(input.status === 'transmitted' && input.transmission.transmittedOn === null
      ? [{ field: 'transmission.transmittedOn', message: 'date de transmission requise pour un acte transmis' }]
      : []),
  ]);
}
