import type { z } from 'zod';
import { csrfHeaders } from '../shared/api.js';
import type { ComplianceOverviewSchema } from '../../../src/renovation/schemas.js';
import type { FinancingLineInputSchema, OperationDetailSchema, OperationInputSchema, OperationListSchema } from '../../../src/renovation/programme/schemas.js';

/** The API's own schemas describe what the renovation pages receive and send. */
export type ComplianceOverview = z.infer<typeof ComplianceOverviewSchema>;
export type TrajectoryYear = ComplianceOverview['trajectory'][number];
export type OperationList = z.infer<typeof OperationListSchema>;
export type OperationSummary = OperationList['items'][number];
export type OperationDetail = z.infer<typeof OperationDetailSchema>;
export type OperationInput = z.input<typeof OperationInputSchema>;
export type FinancingLineInput = z.input<typeof FinancingLineInputSchema>;

export interface Convention {
  id: number;
  kind: 'framework' | 'application';
  frameworkId: number | null;
  name: string;
  firstYear: number;
  investmentCents: number;
  operatingCents: number;
}

export interface Problem {
  status: number;
  detail: string;
  errors?: { field: string; message: string }[];
}

export type Sent<T> = { ok: true; data: T } | { ok: false; problem: Problem };

/** Sends a JSON body; a refusal comes back as its problem+json (status, detail, fields), not as an exception. */
export async function sendJson<T>(method: 'POST' | 'PUT', path: string, body: unknown): Promise<Sent<T>> {
  const response = await fetch(path, { method, headers: { 'content-type': 'application/json', accept: 'application/json', ...csrfHeaders() }, body: JSON.stringify(body) });
  if (response.ok) return { ok: true, data: (await response.json()) as T };
  const problem = (await response.json().catch(() => ({}))) as Partial<Problem>;
  return { ok: false, problem: { status: response.status, detail: problem.detail ?? response.statusText, errors: problem.errors } };
}
