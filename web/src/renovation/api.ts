import type { z } from 'zod';
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
