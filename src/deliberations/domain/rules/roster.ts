/** Session-level consistency of the roster: each member once, statuses adding up to the seats, president present. */
import { error, warning, type Finding } from '../findings.js';
import type { SessionFile } from '../model.js';
import { shortName } from '../names.js';
import { SOURCES } from '../sources.js';
import { inOffice } from '../tally.js';

export function checkRosterUniqueness(file: SessionFile): Finding[] {
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const row of file.session.attendance) {
    if (seen.has(row.member)) findings.push(error('ROSTER_DUPLICATE', `Le membre « ${row.member} » figure plusieurs fois dans la feuille de présence.`, SOURCES.minutes));
    seen.add(row.member);
  }
  return findings;
}

export function checkRosterMembership(file: SessionFile): Finding[] {
  const { session } = file;
  const findings: Finding[] = [];
  const listed = new Set(session.attendance.map((a) => a.member));
  for (const member of file.members) {
    const belongs = member.instances.includes(session.instance);
    const serving = belongs && inOffice(member, session.date);
    if (listed.has(member.id) && !belongs) {
      findings.push(error('ROSTER_NOT_IN_INSTANCE', `${shortName(member)} n’est pas membre de l’instance ${session.instance} mais figure dans la feuille de présence.`, SOURCES.minutes));
    } else if (listed.has(member.id) && !serving) {
      findings.push(error('ROSTER_OUT_OF_MANDATE', `Le mandat de ${shortName(member)} ne couvre pas la date de séance (${session.date}).`, SOURCES.minutes));
    } else if (!listed.has(member.id) && serving) {
      findings.push(error('ROSTER_MISSING', `${shortName(member)} n’a aucun statut (présent, excusé, absent…) dans la feuille de présence.`, SOURCES.minutes));
    }
  }
  return findings;
}

export function checkRosterSeats(file: SessionFile): Finding[] {
  const instance = file.instances.find((i) => i.id === file.session.instance)!;
  const serving = file.members.filter((m) => m.instances.includes(instance.id) && inOffice(m, file.session.date));
  const voting = serving.filter((m) => m.voting).length;
  if (voting > instance.seats) {
    return [error('ROSTER_OVER_SEATS', `${voting} membres ayant voix délibérative pour ${instance.seats} sièges.`, SOURCES.minutes)];
  }
  if (voting < instance.seats) {
    return [warning('ROSTER_VACANT_SEATS', `${instance.seats - voting} siège(s) vacant(s) : ${voting} membres ayant voix délibérative pour ${instance.seats} sièges.`, SOURCES.minutes)];
  }
  return [];
}

export function checkPresidentPresent(file: SessionFile): Finding[] {
  const row = file.session.attendance.find((a) => a.member === file.session.president);
  if (row?.status === 'present' || row?.status === 'remote') return [];
  const president = file.members.find((m) => m.id === file.session.president)!;
  return [error('PRESIDENT_NOT_PRESENT', `Le président de séance ${shortName(president)} n’est pas noté présent.`, SOURCES.minutes)];
}

export function checkConvocation(file: SessionFile): Finding[] {
  const { convocationDate, date } = file.session;
  if (convocationDate > date) {
    return [error('CONVOCATION_AFTER_SESSION', `La convocation (${convocationDate}) est postérieure à la séance (${date}).`, SOURCES.cchR421_13Convocation)];
  }
  const days = (Date.parse(date) - Date.parse(convocationDate)) / 86_400_000;
  if (days < 10) {
    return [warning('CONVOCATION_SHORT_NOTICE', `Convocation envoyée ${days} jour(s) avant la séance : moins de dix jours, à justifier par l’urgence.`, SOURCES.cchR421_13Convocation)];
  }
  return [];
}
