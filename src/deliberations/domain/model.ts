/**
 * The documented JSON format of one board (or Bureau) session: the landlord, the instances and
 * their rules, the members, the session with its attendance, and the items with their votes.
 * Described field by field in docs/deliberations.md. Member references are checked here so the
 * rules can trust them.
 */
import { z } from 'zod';

const isoDate = z.iso.date({ error: 'date attendue au format AAAA-MM-JJ' });
const memberId = z.string().min(1);

export const CIVILITIES = ['M.', 'Mme'] as const;
export const MEMBER_CATEGORIES = [
  'collectivity_elected',
  'collectivity_qualified_person',
  'qualified_person',
  'association',
  'tenants_representative',
  'staff_representative',
  'other',
] as const;
export const ATTENDANCE_STATUSES = ['present', 'remote', 'excused_with_proxy', 'excused', 'absent'] as const;
export const BALLOT_CHOICES = ['for', 'against', 'abstention', 'not_voting'] as const;
/**
 * Decisions the code counts differently: remote participants never count when the accounts are
 * approved, and the director general is appointed or dismissed by two thirds (CCH art. R. 421-13).
 */
export const ITEM_NATURES = ['ordinary', 'accounts_approval', 'director_general'] as const;

const PersonSchema = z.object({
  civility: z.enum(CIVILITIES),
  firstName: z.string().min(1),
  lastName: z.string().min(1),
});

const FractionSchema = z
  .object({ numerator: z.number().int().positive(), denominator: z.number().int().positive() })
  .refine((f) => f.numerator <= f.denominator, { message: 'la fraction doit être au plus égale à 1' });

const InstanceSchema = z.object({
  id: z.string().min(1),
  kind: z.enum(['board', 'bureau']),
  name: z.string().min(1),
  seats: z.number().int().positive(),
  /** Share of voting members who must be present or represented; null when the rules are unknown. */
  quorum: FractionSchema.nullable(),
  /** Proxies one member may hold; null when the instance's rules are unknown. */
  maxProxiesPerMember: z.number().int().nonnegative().nullable(),
  remoteAttendanceAllowed: z.boolean(),
  /** `present_or_represented`: "for" must exceed half of those present or represented; `votes_cast`: "for" must exceed "against". */
  majority: z.enum(['present_or_represented', 'votes_cast']),
  /** The president's vote decides a tie. */
  castingVote: z.boolean(),
});

const MemberSchema = PersonSchema.extend({
  id: memberId,
  category: z.enum(MEMBER_CATEGORIES),
  voting: z.boolean(),
  instances: z.array(z.string().min(1)).min(1),
  mandateStart: isoDate,
  mandateEnd: isoDate.nullable(),
});

const AttendanceSchema = z.object({
  member: memberId,
  status: z.enum(ATTENDANCE_STATUSES),
  /** Required with `excused_with_proxy`: the member who holds the proxy. */
  proxyHolder: memberId.optional(),
});

const VoteSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('unanimity') }),
  z.object({
    kind: z.literal('counts'),
    for: z.number().int().nonnegative(),
    against: z.number().int().nonnegative(),
    abstentions: z.number().int().nonnegative(),
    notVoting: z.number().int().nonnegative(),
    /** Needed only on a tie, to apply the casting vote. */
    presidentChoice: z.enum(['for', 'against']).optional(),
  }),
  z.object({
    kind: z.literal('per_member'),
    /** One ballot per member present or represented; a represented member's ballot is cast by the proxy holder. */
    ballots: z.array(z.object({ member: memberId, choice: z.enum(BALLOT_CHOICES) })),
  }),
]);

const TransmissionSchema = z.object({
  /** Prefecture code as in SCDL PREF_ID (PREF033, SPREF0331…). */
  prefectureId: z.string().min(1).optional(),
  transmittedOn: isoDate.optional(),
  /** Date of the prefecture's acknowledgement of receipt (registration by the legality control). */
  acknowledgedOn: isoDate.optional(),
  publishedOn: isoDate.optional(),
});

const ItemSchema = z.object({
  rank: z.number().int().positive(),
  actNumber: z.string().min(1),
  subject: z.string().min(1),
  directorate: z.string().min(1),
  rapporteur: PersonSchema,
  report: z.array(z.string()),
  decisions: z.array(z.string().min(1)).min(1),
  nature: z.enum(ITEM_NATURES).default('ordinary'),
  /** Bureau only: the board decision delegating this matter to the Bureau, cited by the extract. */
  delegation: z.object({ date: isoDate, reference: z.string().min(1) }).nullable().optional(),
  standAsides: z.array(z.object({ member: memberId, reason: z.string().min(1) })).default([]),
  attendanceOverrides: z.array(AttendanceSchema).default([]),
  vote: VoteSchema,
  /** The result as written in the minutes, checked against the computed one. */
  declaredResult: z.enum(['adopted_unanimously', 'adopted', 'rejected']).optional(),
  /** ACTES nomenclature matter, for the SCDL export. */
  matter: z.object({ code: z.string().min(1), name: z.string().min(1) }).optional(),
  transmission: TransmissionSchema.optional(),
  url: z.url().optional(),
});

const SessionSchema = z.object({
  instance: z.string().min(1),
  date: isoDate,
  convocationDate: isoDate,
  president: memberId,
  secondConvocation: z.boolean().default(false),
  attendance: z.array(AttendanceSchema),
});

const LandlordSchema = z.object({
  name: z.string().min(1),
  legalForm: z.string().min(1),
  siret: z.string().min(1),
  addressLines: z.array(z.string().min(1)).min(1),
  directorGeneral: PersonSchema,
});

export const SessionFileSchema = z
  .object({
    landlord: LandlordSchema,
    instances: z.array(InstanceSchema).min(1),
    members: z.array(MemberSchema).min(1),
    session: SessionSchema,
    items: z.array(ItemSchema).min(1),
  })
  .superRefine((file, ctx) => {
    const members = new Set(file.members.map((m) => m.id));
    const instances = new Set(file.instances.map((i) => i.id));
    const unknownMember = (id: string | undefined, path: (string | number)[]) => {
      if (id !== undefined && !members.has(id)) ctx.addIssue({ code: 'custom', path, message: `membre inconnu « ${id} »` });
    };
    if (!instances.has(file.session.instance)) {
      ctx.addIssue({ code: 'custom', path: ['session', 'instance'], message: `instance inconnue « ${file.session.instance} »` });
    }
    file.members.forEach((m, i) =>
      m.instances.forEach((id, j) => {
        if (!instances.has(id)) ctx.addIssue({ code: 'custom', path: ['members', i, 'instances', j], message: `instance inconnue « ${id} »` });
      }),
    );
    unknownMember(file.session.president, ['session', 'president']);
    const checkAttendance = (rows: Attendance[], base: (string | number)[]) =>
      rows.forEach((row, i) => {
        unknownMember(row.member, [...base, i, 'member']);
        unknownMember(row.proxyHolder, [...base, i, 'proxyHolder']);
        if (row.status === 'excused_with_proxy' && row.proxyHolder === undefined) {
          ctx.addIssue({ code: 'custom', path: [...base, i, 'proxyHolder'], message: 'le titulaire du pouvoir est requis' });
        }
        if (row.status !== 'excused_with_proxy' && row.proxyHolder !== undefined) {
          ctx.addIssue({ code: 'custom', path: [...base, i, 'proxyHolder'], message: 'un titulaire de pouvoir n’est possible qu’avec le statut excused_with_proxy' });
        }
      });
    checkAttendance(file.session.attendance, ['session', 'attendance']);
    file.items.forEach((item, i) => {
      checkAttendance(item.attendanceOverrides, ['items', i, 'attendanceOverrides']);
      item.standAsides.forEach((s, j) => unknownMember(s.member, ['items', i, 'standAsides', j, 'member']));
      if (item.vote.kind === 'per_member') {
        item.vote.ballots.forEach((b, j) => unknownMember(b.member, ['items', i, 'vote', 'ballots', j, 'member']));
      }
    });
  });

export type SessionFile = z.infer<typeof SessionFileSchema>;
export type Instance = SessionFile['instances'][number];
export type Member = SessionFile['members'][number];
export type Person = z.infer<typeof PersonSchema>;
export type Attendance = z.infer<typeof AttendanceSchema>;
export type Item = SessionFile['items'][number];
export type BallotChoice = (typeof BALLOT_CHOICES)[number];
export type ItemNature = (typeof ITEM_NATURES)[number];
