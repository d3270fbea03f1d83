/** The words of the renovation programme and its funding, with their French and English labels. */

export const OPERATION_KINDS = ['energy_renovation', 'maintenance', 'vacant_refurbishment', 'adaptation', 'demolition_reconstruction'] as const;
export type OperationKind = (typeof OPERATION_KINDS)[number];

export const OPERATION_KIND_LABELS: Readonly<Record<OperationKind, { fr: string; en: string }>> = {
  energy_renovation: { fr: 'Réhabilitation énergétique', en: 'Energy renovation' },
  maintenance: { fr: 'Entretien', en: 'Maintenance' },
  vacant_refurbishment: { fr: 'Remise en état de logements vacants', en: 'Refurbishment of vacant units' },
  adaptation: { fr: 'Adaptation au vieillissement ou au handicap', en: 'Adaptation to ageing or disability' },
  demolition_reconstruction: { fr: 'Démolition-reconstruction', en: 'Demolition-reconstruction' },
};

/** Plan stratégique de patrimoine, and the two medium-term plans (plans à moyen terme). */
export const PLANS = ['psp', 'pmt_2022_2024', 'pmt_2025_2030'] as const;
export type Plan = (typeof PLANS)[number];

export const PLAN_LABELS: Readonly<Record<Plan, { fr: string; en: string }>> = {
  psp: { fr: 'PSP', en: 'Strategic asset plan (PSP)' },
  pmt_2022_2024: { fr: 'PMT 2022–2024', en: 'Medium-term plan 2022–2024' },
  pmt_2025_2030: { fr: 'PMT 2025–2030', en: 'Medium-term plan 2025–2030' },
};

/** The phases of an operation, in the order they happen. */
export const PHASES = ['studies', 'work_order', 'works', 'handover', 'guarantee', 'final_account'] as const;
export type Phase = (typeof PHASES)[number];

export const PHASE_LABELS: Readonly<Record<Phase, { fr: string; en: string }>> = {
  studies: { fr: 'Études', en: 'Studies' },
  work_order: { fr: 'Ordre de service', en: 'Work order' },
  works: { fr: 'Travaux', en: 'Works' },
  handover: { fr: 'Réception', en: 'Handover' },
  guarantee: { fr: 'Garantie de parfait achèvement', en: 'One-year guarantee' },
  final_account: { fr: 'Décompte général définitif', en: 'Final account' },
};

export const FUNDING_SOURCES = [
  'departement_investment', 'departement_operating', 'state', 'eco_pret', 'cee', 'own_funds', 'other_loan', 'other',
] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];

export const FUNDING_SOURCE_LABELS: Readonly<Record<FundingSource, { fr: string; en: string }>> = {
  departement_investment: { fr: 'Département – investissement', en: 'Département – investment' },
  departement_operating: { fr: 'Département – fonctionnement', en: 'Département – operating' },
  state: { fr: 'Aide de l’État', en: 'State aid' },
  eco_pret: { fr: 'Éco-prêt logement social', en: 'Social housing eco-loan' },
  cee: { fr: 'Certificats d’économies d’énergie', en: 'Energy savings certificates' },
  own_funds: { fr: 'Fonds propres', en: 'Own funds' },
  other_loan: { fr: 'Autre prêt', en: 'Other loan' },
  other: { fr: 'Autre', en: 'Other' },
};

export const FUNDING_STATUSES = ['requested', 'notified', 'committed', 'paid'] as const;
export type FundingStatus = (typeof FUNDING_STATUSES)[number];

export const FUNDING_STATUS_LABELS: Readonly<Record<FundingStatus, { fr: string; en: string }>> = {
  requested: { fr: 'Demandé', en: 'Requested' },
  notified: { fr: 'Notifié', en: 'Notified' },
  committed: { fr: 'Engagé', en: 'Committed' },
  paid: { fr: 'Versé', en: 'Paid' },
};

/** Commitments are the lines the funder has committed or already paid: they consume envelopes. */
export const isCommitment = (status: FundingStatus) => status === 'committed' || status === 'paid';

/**
 * The two envelopes of a Département convention: investment (autorisation de programme) and
 * operating (autorisation d'engagement).
 */
export const ENVELOPE_KINDS = ['investment', 'operating'] as const;
export type EnvelopeKind = (typeof ENVELOPE_KINDS)[number];

export const ENVELOPE_LABELS: Readonly<Record<EnvelopeKind, { fr: string; en: string }>> = {
  investment: { fr: 'investissement (autorisation de programme)', en: 'investment (programme authorisation)' },
  operating: { fr: 'fonctionnement (autorisation d’engagement)', en: 'operating (commitment authorisation)' },
};

/** The Département envelope a financing source draws on, if any. */
export function envelopeOf(source: FundingSource): EnvelopeKind | null {
  if (source === 'departement_investment') return 'investment';
  if (source === 'departement_operating') return 'operating';
  return null;
}
