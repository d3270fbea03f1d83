import { z } from '@hono/zod-openapi';

const counts = {
  dwellings: z.number().int(),
  compliant: z.number().int(),
  covered: z.number().int(),
  atRisk: z.number().int(),
  notCovered: z.number().int(),
  unknown: z.number().int(),
};

const DeadlineSummarySchema = z.object({
  deadline: z.object({
    id: z.string(),
    territory: z.enum(['mainland', 'overseas']),
    from: z.string().openapi({ description: 'First day the ban applies to leases signed or renewed' }),
    rule: z.union([
      z.object({ kind: z.literal('final-energy'), limit: z.number() }),
      z.object({ kind: z.literal('label'), worstAllowed: z.enum(['A', 'B', 'C', 'D', 'E', 'F', 'G']) }),
    ]),
    title: z.object({ fr: z.string(), en: z.string() }),
  }),
  ...counts,
});

const TrajectoryYearSchema = z.object({
  year: z.number().int(),
  E: z.number().int(),
  F: z.number().int(),
  G: z.number().int(),
  unknown: z.number().int(),
  banned: z.number().int().openapi({ description: 'Dwellings whose class may not be let on 1 January' }),
  bans: z.array(z.string()),
});

export const ComplianceOverviewSchema = z
  .object({
    at: z.string(),
    dwellings: z.number().int(),
    deadlines: z.array(DeadlineSummarySchema),
    trajectory: z.array(TrajectoryYearSchema),
  })
  .openapi('ComplianceOverview');

const DPE_CLASS = z.enum(['A', 'B', 'C', 'D', 'E', 'F', 'G']);

export const ResidenceLabelsSchema = z
  .object({
    at: z.string(),
    dwellings: z.array(z.object({
      dwellingId: z.number().int(),
      label: DPE_CLASS.nullable(),
      source: z.enum(['dwelling', 'building']).nullable().openapi({ description: "The dwelling's own DPE, or its building's (a DPE established for the whole building); null when unknown" }),
      numeroDpe: z.string().nullable(),
      issuedOn: z.string().nullable(),
      validUntil: z.string().nullable(),
      reason: z.enum(['missing', 'expired', 'replaced']).nullable().openapi({ description: 'Why the label is unknown' }),
    })),
  })
  .openapi('ResidenceLabels');
