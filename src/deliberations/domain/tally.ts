/**
 * Who counts for one item: the session attendance with the item's overrides, minus the members
 * standing aside; the proxies that can be exercised; the vote counts and the computed result.
 */
import type { Attendance, BallotChoice, Instance, Item, ItemNature, Member, SessionFile } from './model.js';

export interface ItemContext {
  file: SessionFile;
  instance: Instance;
  item: Item;
  members: Map<string, Member>;
  /** Members of the instance whose mandate covers the session date. */
  roster: Member[];
  /** One status per member for this item (session attendance, then item overrides). */
  attendance: Map<string, Attendance>;
  standingAside: Set<string>;
}

export interface Proxy {
  giver: Member;
  holder: Member;
}

export type ProxyRejection = 'holder_absent' | 'holder_not_voting' | 'holder_standing_aside' | 'giver_standing_aside' | 'giver_not_voting' | 'over_limit';

export interface Tally {
  votingMembers: Member[];
  /** Voting members taking part in person (or remotely when allowed and counted), not standing aside. */
  present: Member[];
  validProxies: Proxy[];
  rejectedProxies: (Proxy & { reason: ProxyRejection })[];
  /** present + valid proxies: the votes the item should account for. */
  voters: number;
}

export interface VoteCounts {
  for: number;
  against: number;
  abstentions: number;
  notVoting: number;
  /** Member ids per choice, when the vote was recorded per member. */
  names?: Record<BallotChoice, string[]>;
  presidentChoice?: 'for' | 'against';
}

export interface VoteResult {
  outcome: 'adopted' | 'rejected' | 'undetermined';
  unanimous: boolean;
  tie: boolean;
  byCastingVote: boolean;
}

export function inOffice(member: Member, date: string): boolean {
  return member.mandateStart <= date && (member.mandateEnd === null || member.mandateEnd >= date);
}

export function itemContext(file: SessionFile, item: Item): ItemContext {
  const instance = file.instances.find((i) => i.id === file.session.instance)!;
  const attendance = new Map(file.session.attendance.map((a) => [a.member, a]));
  for (const override of item.attendanceOverrides) attendance.set(override.member, override);
  return {
    file,
    instance,
    item,
    members: new Map(file.members.map((m) => [m.id, m])),
    roster: file.members.filter((m) => m.instances.includes(instance.id) && inOffice(m, file.session.date)),
    attendance,
    standingAside: new Set(item.standAsides.map((s) => s.member)),
  };
}

export function takesPartInPerson(ctx: ItemContext, memberId: string): boolean {
  const status = ctx.attendance.get(memberId)?.status;
  return status === 'present' || (status === 'remote' && ctx.instance.remoteAttendanceAllowed);
}

/** Remote participants take part but are not counted for the quorum or the majority when the accounts are approved. */
export function remoteNotCounted(ctx: ItemContext, memberId: string): boolean {
  return ctx.item.nature === 'accounts_approval' && ctx.attendance.get(memberId)?.status === 'remote';
}

/** Counted for the quorum and the votes of this item. */
export function counted(ctx: ItemContext, memberId: string): boolean {
  return takesPartInPerson(ctx, memberId) && !remoteNotCounted(ctx, memberId);
}

function proxyRejection(ctx: ItemContext, giver: Member, holder: Member): ProxyRejection | null {
  if (!giver.voting) return 'giver_not_voting';
  if (ctx.standingAside.has(giver.id)) return 'giver_standing_aside';
  if (!counted(ctx, holder.id)) return 'holder_absent';
  if (!holder.voting) return 'holder_not_voting';
  if (ctx.standingAside.has(holder.id)) return 'holder_standing_aside';
  return null;
}

export function tally(ctx: ItemContext): Tally {
  const votingMembers = ctx.roster.filter((m) => m.voting);
  const present = votingMembers.filter((m) => counted(ctx, m.id) && !ctx.standingAside.has(m.id));
  const validProxies: Proxy[] = [];
  const rejectedProxies: Tally['rejectedProxies'] = [];
  const held = new Map<string, number>();
  for (const giver of ctx.roster) {
    const row = ctx.attendance.get(giver.id);
    if (row?.status !== 'excused_with_proxy' || row.proxyHolder === undefined) continue;
    const holder = ctx.members.get(row.proxyHolder)!;
    const rejection = proxyRejection(ctx, giver, holder);
    const count = (held.get(holder.id) ?? 0) + (rejection ? 0 : 1);
    const limit = ctx.instance.maxProxiesPerMember;
    // Proxies beyond the limit are void in roster order: the first ones given are kept.
    const reason = rejection ?? (limit !== null && count > limit ? 'over_limit' : null);
    if (reason) rejectedProxies.push({ giver, holder, reason });
    else {
      held.set(holder.id, count);
      validProxies.push({ giver, holder });
    }
  }
  return { votingMembers, present, validProxies, rejectedProxies, voters: present.length + validProxies.length };
}

export function voteCounts(ctx: ItemContext, voters: number): VoteCounts {
  const { vote } = ctx.item;
  if (vote.kind === 'unanimity') return { for: voters, against: 0, abstentions: 0, notVoting: 0 };
  if (vote.kind === 'counts') return { ...vote };
  const names: Record<BallotChoice, string[]> = { for: [], against: [], abstention: [], not_voting: [] };
  for (const ballot of vote.ballots) names[ballot.choice].push(ballot.member);
  const president = vote.ballots.find((b) => b.member === ctx.file.session.president)?.choice;
  return {
    for: names.for.length,
    against: names.against.length,
    abstentions: names.abstention.length,
    notVoting: names.not_voting.length,
    names,
    presidentChoice: president === 'for' || president === 'against' ? president : undefined,
  };
}

/**
 * Applies the instance's majority rule; a tie goes to the president's side when the instance has a
 * casting vote. The director general's appointment or dismissal needs two thirds of the members
 * present or represented, which a tie never reaches.
 */
export function voteResult(counts: VoteCounts, voters: number, instance: Instance, nature: ItemNature): VoteResult {
  const unanimous = counts.for > 0 && counts.against === 0 && counts.abstentions === 0;
  const tie = counts.for > 0 && counts.for === counts.against;
  if (nature === 'director_general') {
    return { outcome: 3 * counts.for >= 2 * voters && voters > 0 ? 'adopted' : 'rejected', unanimous, tie, byCastingVote: false };
  }
  if (tie && instance.castingVote) {
    if (!counts.presidentChoice) return { outcome: 'undetermined', unanimous, tie, byCastingVote: false };
    return { outcome: counts.presidentChoice === 'for' ? 'adopted' : 'rejected', unanimous, tie, byCastingVote: true };
  }
  const adopted = instance.majority === 'votes_cast' ? counts.for > counts.against : 2 * counts.for > voters;
  return { outcome: adopted ? 'adopted' : 'rejected', unanimous, tie, byCastingVote: false };
}
