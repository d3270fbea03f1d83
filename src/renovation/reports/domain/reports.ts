/**
 * The reports owed to the Département, computed from operations and financing lines (pure):
 * the November forecast of year N per territory, the semi-annual tracking table of financed
 * operations, and envelope consumption by year. Amounts in integer cents.
 */
import { validationError } from '../../../core/errors.js';
import type { Convention } from '../../programme/domain/envelopes.js';
import { sumCents } from '../../programme/domain/money.js';
import { envelopeOf, isCommitment, OPERATION_KINDS, type FundingSource, type FundingStatus, type OperationKind } from '../../programme/domain/vocabulary.js';

export interface ReportOperation {
  id: number;
  kind: OperationKind;
  programmeYear: number | null;
  directorateName: string | null;
  dwellings: number;
  plannedCents: number;
}

export interface ReportLine {
  operationId: number;
  source: FundingSource;
  amountCents: number;
  status: FundingStatus;
  conventionId: number | null;
}

export interface ForecastRow {
  territory: string;
  kind: OperationKind;
  operations: number;
  dwellings: number;
  plannedCents: number;
  departementInvestmentCents: number;
  departementOperatingCents: number;
}

const NO_TERRITORY = 'Sans direction territoriale';

/** Planned volumes of year N (operations programmed that year), per territory and kind, in a fixed order. */
export function forecastRows(operations: readonly ReportOperation[], lines: readonly ReportLine[], year: number): ForecastRow[] {
  const rows = new Map<string, ForecastRow>();
  const departement = (operationId: number, source: FundingSource) =>
    sumCents(lines.filter((line) => line.operationId === operationId && line.source === source).map((line) => line.amountCents));
  for (const operation of operations) {
    if (operation.programmeYear !== year) continue;
    const territory = operation.directorateName ?? NO_TERRITORY;
    const key = `${territory}\u0000${operation.kind}`;
    const row = rows.get(key) ?? { territory, kind: operation.kind, operations: 0, dwellings: 0, plannedCents: 0, departementInvestmentCents: 0, departementOperatingCents: 0 };
    row.operations++;
    row.dwellings += operation.dwellings;
    row.plannedCents += operation.plannedCents;
    row.departementInvestmentCents += departement(operation.id, 'departement_investment');
    row.departementOperatingCents += departement(operation.id, 'departement_operating');
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => a.territory.localeCompare(b.territory, 'fr') || OPERATION_KINDS.indexOf(a.kind) - OPERATION_KINDS.indexOf(b.kind));
}

/** "2024-S1" → 30 June 2024, "2024-S2" → 31 December 2024: the day the tracking table stands at. */
export function semesterEnd(semester: string): string {
  const match = /^(\d{4})-S([12])$/.exec(semester);
  if (!match) throw validationError('Semestre invalide', [{ field: 'semester', message: `AAAA-S1 ou AAAA-S2 attendu, reçu « ${semester} »` }]);
  return match[2] === '1' ? `${match[1]}-06-30` : `${match[1]}-12-31`;
}

/** Financed operations: those with at least one Département line notified, committed or paid. */
export const isFinancedByDepartement = (operationId: number, lines: readonly ReportLine[]) =>
  lines.some((line) => line.operationId === operationId && envelopeOf(line.source) !== null && line.status !== 'requested');

export interface DepartementAmounts {
  notifiedCents: number;
  committedCents: number;
  paidCents: number;
}

/** An operation's Département amounts: notified (any decided line), committed (committed or paid), paid. */
export function departementAmounts(operationId: number, lines: readonly ReportLine[]): DepartementAmounts {
  const own = lines.filter((line) => line.operationId === operationId && envelopeOf(line.source) !== null);
  const total = (keep: (status: FundingStatus) => boolean) => sumCents(own.filter((line) => keep(line.status)).map((line) => line.amountCents));
  return {
    notifiedCents: total((status) => status !== 'requested'),
    committedCents: total(isCommitment),
    paidCents: total((status) => status === 'paid'),
  };
}

export interface ConsumptionYear {
  year: number;
  application: string | null;
  investment: { allowedCents: number; committedCents: number; paidCents: number; remainingCents: number };
  operating: { allowedCents: number; committedCents: number; paidCents: number; remainingCents: number };
  /** Committed since the first year of the framework, per envelope. */
  cumulativeInvestmentCents: number;
  cumulativeOperatingCents: number;
}

export interface FrameworkConsumption {
  framework: Convention;
  years: ConsumptionYear[];
}

/** For each framework convention, year by year: the annual amounts, what was committed and paid, what remains. */
export function envelopeConsumption(conventions: readonly Convention[], lines: readonly ReportLine[]): FrameworkConsumption[] {
  return conventions.filter((convention) => convention.kind === 'framework').map((framework) => {
    let cumulativeInvestmentCents = 0;
    let cumulativeOperatingCents = 0;
    const years: ConsumptionYear[] = [];
    for (let year = framework.firstYear; year <= framework.lastYear; year++) {
      const application = conventions.find((convention) => convention.frameworkId === framework.id && convention.firstYear === year);
      const drawn = application ? lines.filter((line) => line.conventionId === application.id) : [];
      const envelope = (kind: 'investment' | 'operating', allowedCents: number) => {
        const own = drawn.filter((line) => envelopeOf(line.source) === kind);
        const committedCents = sumCents(own.filter((line) => isCommitment(line.status)).map((line) => line.amountCents));
        const paidCents = sumCents(own.filter((line) => line.status === 'paid').map((line) => line.amountCents));
        return { allowedCents, committedCents, paidCents, remainingCents: allowedCents - committedCents };
      };
      const investment = envelope('investment', application?.investmentCents ?? 0);
      const operating = envelope('operating', application?.operatingCents ?? 0);
      cumulativeInvestmentCents += investment.committedCents;
      cumulativeOperatingCents += operating.committedCents;
      years.push({ year, application: application?.name ?? null, investment, operating, cumulativeInvestmentCents, cumulativeOperatingCents });
    }
    return { framework, years };
  });
}
