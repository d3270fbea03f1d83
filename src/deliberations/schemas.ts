/**
 * The register as the API exposes it: the session model of ./domain/model.ts with storage ids
 * (integers) in place of the file's string ids. Input and output share these shapes.
 */
import { z } from '@hono/zod-openapi';
import { ATTENDANCE_STATUSES, BALLOT_CHOICES, CIVILITIES, ITEM_NATURES, MEMBER_CATEGORIES } from './domain/model.js';

const id = z.number().int().positive().max(2_147_483_647);
const isoDate = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);

export const PersonSchema = z.object({ civility: z.enum(CIVILITIES), firstName: text(100), lastName: text(100) });

export const LandlordSchema = z
  .object({
    name: text(200),
    legalForm: text(200),
    siret: z.string().regex(/^\d{14}$/, '14 chiffres attendus'),
    addressLines: z.array(text(200)).min(1).max(6),
    directorGeneral: PersonSchema,
  })
  .openapi('DeliberationLandlord');

export const InstanceInputSchema = z
  .object({
    externalId: text(40).nullable().default(null),
    kind: z.enum(['board', 'bureau']),
    name: text(200),
    seats: z.number().int().positive().max(200),
    quorum: z
      .object({ numerator: z.number().int().positive(), denominator: z.number().int().positive() })
      .refine((f) => f.numerator <= f.denominator, { message: 'la fraction doit être au plus égale à 1', path: ['numerator'] })
      .nullable(),
    maxProxiesPerMember: z.number().int().nonnegative().max(200).nullable(),
    remoteAttendanceAllowed: z.boolean(),
    majority: z.enum(['present_or_represented', 'votes_cast']),
    castingVote: z.boolean(),
  })
  .openapi('DeliberationInstanceInput');
export const InstanceSchema = InstanceInputSchema.extend({ id, externalId: z.string().nullable() }).openapi('DeliberationInstance');

export const MemberInputSchema = PersonSchema.extend({
  externalId: text(40).nullable().default(null),
  category: z.enum(MEMBER_CATEGORIES),
  voting: z.boolean(),
  instanceIds: z.array(id).min(1),
  mandateStart: isoDate,
  mandateEnd: isoDate.nullable(),
}).openapi('DeliberationMemberInput');
export const MemberSchema = MemberInputSchema.extend({ id, externalId: z.string().nullable() }).openapi('DeliberationMember');

export const AttendanceSchema = z.object({
  memberId: id,
  status: z.enum(ATTENDANCE_STATUSES),
  /** Only with `excused_with_proxy`: the member holding the proxy. */
  proxyHolderId: id.nullable().default(null),
});

export const SessionInputSchema = z
  .object({
    instanceId: id,
    date: isoDate,
    convocationDate: isoDate,
    presidentId: id,
    secondConvocation: z.boolean().default(false),
    attendance: z.array(AttendanceSchema),
  })
  .openapi('DeliberationSessionInput');

export const ITEM_STATUSES = ['draft', 'adopted', 'rejected', 'transmitted'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

const ItemSummarySchema = z
  .object({ id, sessionId: id, rank: z.number().int(), actNumber: z.string(), subject: z.string(), status: z.enum(ITEM_STATUSES) })
  .openapi('DeliberationItemSummary');

export const SessionSchema = SessionInputSchema.extend({
  id,
  secondConvocation: z.boolean(),
  instanceName: z.string(),
  instanceKind: z.enum(['board', 'bureau']),
  items: z.array(ItemSummarySchema),
}).openapi('DeliberationSession');

export const VoteSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('unanimity') }),
  z.object({
    kind: z.literal('counts'),
    for: z.number().int().nonnegative(),
    against: z.number().int().nonnegative(),
    abstentions: z.number().int().nonnegative(),
    notVoting: z.number().int().nonnegative(),
    /** Needed only on a tie, to apply the president's casting vote. */
    presidentChoice: z.enum(['for', 'against']).nullable().default(null),
  }),
  z.object({ kind: z.literal('per_member'), ballots: z.array(z.object({ memberId: id, choice: z.enum(BALLOT_CHOICES) })) }),
]);

export const LINK_KINDS = ['funding_convention', 'operation', 'observatory_deployment', 'partnership', 'procurement_grouping', 'other'] as const;

export const LinkInputSchema = z
  .object({ kind: z.enum(LINK_KINDS), reference: text(100), label: text(300).nullable().default(null) })
  .openapi('DeliberationLinkInput');
export const LinkSchema = LinkInputSchema.extend({ id }).openapi('DeliberationLink');

export const TransmissionSchema = z.object({
  /** Prefecture code as in SCDL PREF_ID (PREF033, SPREF0331…). */
  prefectureId: text(12).nullable().default(null),
  transmittedOn: isoDate.nullable().default(null),
  /** The prefecture's acknowledgement of receipt. */
  acknowledgedOn: isoDate.nullable().default(null),
  publishedOn: isoDate.nullable().default(null),
});

export const ItemInputSchema = z
  .object({
    rank: z.number().int().positive().max(999),
    actNumber: text(40),
    subject: text(1000),
    directorate: text(200),
    rapporteur: PersonSchema,
    report: z.array(z.string().trim().min(1).max(20_000)).max(100).default([]),
    decisions: z.array(text(5000)).min(1).max(50),
    /** Accounts approval (remote participants not counted) and the director general's appointment or dismissal (two thirds) are counted apart. */
    nature: z.enum(ITEM_NATURES).default('ordinary'),
    /** Bureau only: the board decision (its date and number) delegating the matter; the extract cites it. */
    delegation: z.object({ date: isoDate, reference: text(200) }).nullable().default(null),
    standAsides: z.array(z.object({ memberId: id, reason: text(500) })).default([]),
    attendanceOverrides: z.array(AttendanceSchema).default([]),
    vote: VoteSchema,
    declaredResult: z.enum(['adopted_unanimously', 'adopted', 'rejected']).nullable().default(null),
    matter: z.object({ code: text(10), name: text(300) }).nullable().default(null),
    transmission: TransmissionSchema.default({ prefectureId: null, transmittedOn: null, acknowledgedOn: null, publishedOn: null }),
    url: z.url().max(1000).nullable().default(null),
    /** A draft may break the rules; `adopted`, `rejected` and `transmitted` are refused (409) while a rule finds an error. */
    status: z.enum(ITEM_STATUSES).default('draft'),
  })
  .openapi('DeliberationItemInput');

export const ItemSchema = ItemInputSchema.extend({
  id,
  sessionId: id,
  links: z.array(LinkSchema),
}).openapi('DeliberationItem');

const FindingSchema = z
  .object({
    code: z.string(),
    severity: z.enum(['error', 'warning']),
    message: z.string(),
    source: z.object({ label: z.string(), url: z.string().optional() }),
    item: z.number().int().optional(),
  })
  .openapi('DeliberationFinding');

export const CheckSchema = z
  .object({ valid: z.boolean(), errors: z.array(FindingSchema), warnings: z.array(FindingSchema) })
  .openapi('DeliberationCheck');

export const RegisterEntrySchema = ItemSummarySchema.extend({
  sessionDate: z.string(),
  instanceName: z.string(),
  /** The subject, report or decision line that matched, with the matches marked «…». */
  excerpt: z.string().nullable(),
}).openapi('DeliberationRegisterEntry');

export const ImportResultSchema = z
  .object({
    sessionId: id,
    created: z.boolean(),
    items: z.array(ItemSummarySchema.extend({ errors: z.number().int() })),
  })
  .openapi('DeliberationImportResult');

export type Landlord = z.infer<typeof LandlordSchema>;
export type InstanceInput = z.infer<typeof InstanceInputSchema>;
export type Instance = z.infer<typeof InstanceSchema>;
export type MemberInput = z.infer<typeof MemberInputSchema>;
export type Member = z.infer<typeof MemberSchema>;
export type AttendanceInput = z.infer<typeof AttendanceSchema>;
export type SessionInput = z.infer<typeof SessionInputSchema>;
export type Session = z.infer<typeof SessionSchema>;
export type ItemInput = z.infer<typeof ItemInputSchema>;
export type Item = z.infer<typeof ItemSchema>;
export type ItemSummary = z.infer<typeof ItemSummarySchema>;
export type LinkInput = z.infer<typeof LinkInputSchema>;
export type Link = z.infer<typeof LinkSchema>;
export type RegisterEntry = z.infer<typeof RegisterEntrySchema>;
