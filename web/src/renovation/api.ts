import { csrfHeaders } from '../shared/api.js';
import type { z } from 'zod';
import type { ComplianceOverviewSchema, ResidenceLabelsSchema } from '../../../src/renovation/schemas.js';
import type { FinancingLineInputSchema, OperationDetailSchema, OperationInputSchema, OperationListSchema } from '../../../src/renovation/programme/schemas.js';

/** The API's own schemas describe what the renovation pages receive and send. */
export type ComplianceOverview = z.infer<typeof ComplianceOverviewSchema>;
export type TrajectoryYear = ComplianceOverview['trajectory'][number];
export type ResidenceLabels = z.infer<typeof ResidenceLabelsSchema>;
export type DwellingLabel = ResidenceLabels['dwellings'][number];
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

export interface OperationImportResult {
  operations: number;
  created: number;
  updated: number;
}

/** A refused import: the API's detail and every bad cell, with its file line (header = 1). */
export interface ImportProblem {
  status: number;
  detail: string;
  errors: { line?: number; field: string; message: string }[];
}

/** Multipart: the browser writes the content type with its boundary, so it is not set here. */
export async function uploadOperations(file: File): Promise<OperationImportResult | ImportProblem> {
  const form = new FormData();
  form.append('file', file, file.name);
  const response = await fetch('/api/renovation/operations/import', { method: 'POST', body: form, headers: { accept: 'application/json', ...csrfHeaders() } });
  const payload = (await response.json().catch(() => ({}))) as Partial<OperationImportResult & ImportProblem>;
  if (response.ok) return payload as OperationImportResult;
  return { status: response.status, detail: payload.detail ?? response.statusText, errors: payload.errors ?? [] };
}
