/** A legal or normative source a rule applies, cited in every finding. */
export interface Source {
  label: string;
  url?: string;
}

/** One problem found by a rule: errors block the act, warnings explain. `item` is the item's rank, absent for the session. */
export interface Finding {
  code: string;
  severity: 'error' | 'warning';
  message: string;
  source: Source;
  item?: number;
}

export const error = (code: string, message: string, source: Source, item?: number): Finding => ({ code, severity: 'error', message, source, item });
export const warning = (code: string, message: string, source: Source, item?: number): Finding => ({ code, severity: 'warning', message, source, item });

export const hasErrors = (findings: Finding[]) => findings.some((f) => f.severity === 'error');
