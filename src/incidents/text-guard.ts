import { unprocessable } from '../core/errors.js';
import type { Queryable } from '../db/database.js';
import { auditWrite } from '../access/audit.js';
import type { Actor } from '../http/context.js';
import { CATEGORY_LABELS, findSensitiveText, type SensitiveCategory } from './domain/sensitive-text.js';

export interface FreeText {
  field: string;
  text: string | null | undefined;
}

/** The categories the guard found in each field the user confirmed anyway. */
export type ConfirmedFindings = { field: string; categories: SensitiveCategory[] }[];

/**
 * Refuses free text that looks sensitive (422, one error per finding) unless the request
 * confirms it; what is then confirmed is returned for the audit.
 */
export function guardFreeText(texts: FreeText[], confirmed = false): ConfirmedFindings {
  const findings = texts.flatMap(({ field, text }) => (text ? findSensitiveText(text).map((finding) => ({ field, ...finding })) : []));
  if (findings.length === 0) return [];
  if (!confirmed) {
    throw unprocessable(
      'Le texte semble contenir des données sensibles ou des noms : le corriger, ou confirmer avec sensitiveTextConfirmed / The text seems to hold sensitive data or names: correct it, or confirm with sensitiveTextConfirmed',
      findings.map(({ field, category, excerpt }) => ({ field, message: `${CATEGORY_LABELS[category]} : « ${excerpt} »` })),
    );
  }
  return [...new Set(findings.map((finding) => finding.field))].map((field) => ({
    field,
    categories: [...new Set(findings.filter((finding) => finding.field === field).map((finding) => finding.category))],
  }));
}

/** Logs the user's choice to keep flagged text: the categories, never the text itself. */
export async function auditConfirmedText(tx: Queryable, actor: Actor, incidentId: number, confirmed: ConfirmedFindings): Promise<void> {
  if (confirmed.length === 0) return;
  await auditWrite(tx, actor, { action: 'incident.sensitive_text_confirmed', objectType: 'incident', objectId: incidentId, after: { fields: confirmed } });
}
