/** Per-item attendance: quorum after stand-asides, proxies that can be exercised, remote attendance. */
import { error, warning, type Finding } from '../findings.js';
import { shortName } from '../names.js';
import { SOURCES } from '../sources.js';
import { remoteNotCounted, takesPartInPerson, type ItemContext, type ProxyRejection, type Tally } from '../tally.js';

/** Smallest head count reaching the fraction of the voting members. */
export const quorumThreshold = (votingMembers: number, fraction: { numerator: number; denominator: number }) =>
  Math.ceil((votingMembers * fraction.numerator) / fraction.denominator);

export function checkQuorum(ctx: ItemContext, t: Tally): Finding[] {
  const { quorum } = ctx.instance;
  const rank = ctx.item.rank;
  if (quorum === null) {
    return [warning('QUORUM_RULE_UNKNOWN', `Règle de quorum de l’instance non renseignée : ${t.voters} présents ou représentés sur ${t.votingMembers.length} membres votants.`, SOURCES.instanceRules, rank)];
  }
  const required = quorumThreshold(t.votingMembers.length, quorum);
  if (t.voters >= required) return [];
  const asides = ctx.standingAside.size > 0 ? ` après le retrait de ${ctx.standingAside.size} membre(s)` : '';
  const counted = `${t.present.length} présents et ${t.validProxies.length} pouvoirs valables${asides}, soit ${t.voters} sur ${t.votingMembers.length} membres votants (${required} requis)`;
  if (ctx.file.session.secondConvocation) {
    return [warning('QUORUM_WAIVED', `Quorum non atteint (${counted}), mais la séance tient sur seconde convocation : délibération valable sans condition de quorum.`, SOURCES.cchR421_13Quorum, rank)];
  }
  const source = ctx.standingAside.size > 0 ? SOURCES.standAsideQuorum : SOURCES.cchR421_13Quorum;
  return [error('QUORUM_NOT_MET', `Quorum non atteint : ${counted}.`, source, rank)];
}

const REJECTION_MESSAGES: Record<ProxyRejection, string> = {
  holder_absent: 'son titulaire n’est pas présent',
  holder_not_voting: 'son titulaire n’a pas voix délibérative',
  holder_standing_aside: 'son titulaire ne prend pas part à ce point',
  giver_standing_aside: 'le mandant ne prend pas part à ce point',
  giver_not_voting: 'le mandant n’a pas voix délibérative',
  over_limit: 'son titulaire détient déjà le nombre maximal de pouvoirs',
};

export function checkProxies(ctx: ItemContext, t: Tally): Finding[] {
  return t.rejectedProxies.map(({ giver, holder, reason }) => {
    const message = `Pouvoir de ${shortName(giver)} à ${shortName(holder)} non valable : ${REJECTION_MESSAGES[reason]}.`;
    // Standing aside removes the vote on both ends of a proxy: it lapses, which is expected, not a fault.
    if (reason === 'giver_standing_aside' || reason === 'holder_standing_aside') return warning('PROXY_LAPSED', message, SOURCES.standAsideQuorum, ctx.item.rank);
    const source = reason === 'over_limit' ? SOURCES.cchR421_13Proxy : SOURCES.minutes;
    return error(reason === 'over_limit' ? 'PROXY_OVER_LIMIT' : 'PROXY_HOLDER_INVALID', message, source, ctx.item.rank);
  });
}

/** With unknown rules every proxy is counted; say who holds several so the reader can recount. */
export function checkProxyLimitUnknown(ctx: ItemContext, t: Tally): Finding[] {
  if (ctx.instance.maxProxiesPerMember !== null) return [];
  const held = new Map<string, string[]>();
  for (const p of t.validProxies) held.set(p.holder.id, [...(held.get(p.holder.id) ?? []), shortName(p.giver)]);
  return [...held]
    .filter(([, givers]) => givers.length > 1)
    .map(([holderId, givers]) => {
      const holder = ctx.members.get(holderId)!;
      return warning(
        'PROXY_LIMIT_UNKNOWN',
        `${shortName(holder)} détient ${givers.length} pouvoirs (${givers.join(', ')}) ; limite de l’instance non renseignée. Avec un seul pouvoir par membre, ${t.voters - givers.length + 1} présents ou représentés.`,
        SOURCES.cchR421_13Proxy,
        ctx.item.rank,
      );
    });
}

export function checkRemoteAttendance(ctx: ItemContext): Finding[] {
  if (ctx.instance.remoteAttendanceAllowed) return [];
  return ctx.roster
    .filter((m) => ctx.attendance.get(m.id)?.status === 'remote')
    .map((m) => error('REMOTE_NOT_ALLOWED', `${shortName(m)} participe à distance alors que l’instance ne le permet pas : il n’est pas compté présent.`, SOURCES.cchR421_13Remote, ctx.item.rank));
}

/** Remote participants take part in the debate of an approval of accounts, but are not counted (decree 2019-462). */
export function checkRemoteOnAccounts(ctx: ItemContext): Finding[] {
  const uncounted = ctx.roster.filter((m) => takesPartInPerson(ctx, m.id) && remoteNotCounted(ctx, m.id) && !ctx.standingAside.has(m.id));
  if (uncounted.length === 0) return [];
  return [
    warning(
      'REMOTE_NOT_COUNTED_ACCOUNTS',
      `Approbation des comptes : la participation à distance de ${uncounted.map(shortName).join(', ')} ne compte ni pour le quorum ni pour la majorité.`,
      SOURCES.cchR421_13Remote,
      ctx.item.rank,
    ),
  ];
}

export function checkOverrides(ctx: ItemContext): Finding[] {
  const roster = new Set(ctx.roster.map((m) => m.id));
  return ctx.item.attendanceOverrides
    .filter((o) => !roster.has(o.member))
    .map((o) => error('OVERRIDE_NOT_IN_ROSTER', `Changement de présence pour « ${o.member} », qui ne siège pas dans cette instance.`, SOURCES.minutes, ctx.item.rank));
}

export function checkStandAsides(ctx: ItemContext): Finding[] {
  return ctx.item.standAsides
    .filter((s) => !ctx.roster.some((m) => m.id === s.member))
    .map((s) => error('STAND_ASIDE_NOT_IN_ROSTER', `Retrait de « ${s.member} », qui ne siège pas dans cette instance.`, SOURCES.minutes, ctx.item.rank));
}
