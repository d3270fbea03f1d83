/**
 * Retention rules: what goes, after how long, and what happens to it. The durations are the
 * defaults; each organisation may override them (retention_policies). Pure: no database.
 */
export const RETENTION_RULES = ['incident_anonymise', 'incident_photos', 'sessions', 'pre_litigation_closed', 'pre_litigation_limitation'] as const;
export type RetentionRule = (typeof RETENTION_RULES)[number];

export interface RuleDescription {
  purpose: 'observatory' | 'pre_litigation' | 'security';
  defaultMonths: number;
  fr: string;
  en: string;
}

export const RULES: Readonly<Record<RetentionRule, RuleDescription>> = {
  incident_anonymise: {
    purpose: 'observatory', defaultMonths: 60,
    fr: 'Incidents anonymisés (texte libre et auteur de la saisie effacés, lieu ramené à l’entrée ou au bâtiment) ; agrégats conservés',
    en: 'Incidents anonymised (free text and recorder cleared, place coarsened to the entrance or building); aggregates kept',
  },
  incident_photos: {
    purpose: 'observatory', defaultMonths: 12,
    fr: 'Photos des incidents supprimées', en: 'Incident photos deleted',
  },
  sessions: {
    purpose: 'security', defaultMonths: 12,
    fr: 'Sessions (traces de connexion) supprimées après leur expiration', en: 'Sessions (sign-in traces) deleted after they expired',
  },
  pre_litigation_closed: {
    purpose: 'pre_litigation', defaultMonths: 6,
    fr: 'Dossiers précontentieux clos (réglé, prescrit, jugement exécuté) supprimés', en: 'Closed pre-litigation files (settled, time-barred, judgment executed) deleted',
  },
  pre_litigation_limitation: {
    purpose: 'pre_litigation', defaultMonths: 72,
    fr: 'Dossiers ouverts sans acte depuis le délai de prescription supprimés (action prescrite)',
    en: 'Open files without any step for the limitation period deleted (action time-barred)',
  },
};

export type RetentionPolicy = Readonly<Record<RetentionRule, number>>;

export const isRetentionRule = (value: string): value is RetentionRule => (RETENTION_RULES as readonly string[]).includes(value);

/** The defaults with the organisation's overrides applied. */
export function effectivePolicy(overrides: readonly { rule: RetentionRule; months: number }[]): RetentionPolicy {
  const policy = Object.fromEntries(RETENTION_RULES.map((rule) => [rule, RULES[rule].defaultMonths])) as Record<RetentionRule, number>;
  for (const { rule, months } of overrides) policy[rule] = months;
  return policy;
}

/** The instant before which a rule's records go: `months` calendar months before `now` (end of month clamped). */
export function cutoff(now: Date, months: number): Date {
  const result = new Date(now.getTime());
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() - months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}

/** Each rule's cutoff for a policy at `now`. */
export function cutoffs(policy: RetentionPolicy, now: Date): Record<RetentionRule, Date> {
  return Object.fromEntries(RETENTION_RULES.map((rule) => [rule, cutoff(now, policy[rule])])) as Record<RetentionRule, Date>;
}

/** Parses `rule=months` (command line); errors name the part at fault. */
export function parseOverride(text: string): { rule: RetentionRule; months: number } | { error: string } {
  const [rule, value, ...rest] = text.split('=');
  if (!rule || value === undefined || rest.length > 0) return { error: `attendu règle=mois (expected rule=months): ${text}` };
  if (!isRetentionRule(rule)) return { error: `règle inconnue (unknown rule) ${rule}; règles : ${RETENTION_RULES.join(', ')}` };
  const months = Number(value);
  if (!Number.isInteger(months) || months < 0 || months > 1200) return { error: `durée en mois entière de 0 à 1200 (months must be an integer 0–1200): ${value}` };
  return { rule, months };
}
