import { describe, expect, it } from 'vitest';
import { applicationProblems, describeExcess, envelopeExcesses, type Commitment, type Convention } from './envelopes.js';
import { ecoPretEligible, operationHints } from './hints.js';
import { formatEurosFr } from './money.js';
import { checkOperationFigures, checkPhases, currentPhase, expectedHandover, gainPercent, guaranteeEnd, phaseDelays, type PhaseDates } from './operation.js';

const phase = (name: PhaseDates['phase'], dates: Partial<PhaseDates> = {}): PhaseDates => ({
  phase: name, plannedStart: null, plannedEnd: null, actualStart: null, actualEnd: null, ...dates,
});

describe('operation figures', () => {
  it('computes the energy gain in % with one decimal', () => {
    expect(gainPercent(350, 140)).toBe(60);
    expect(gainPercent(300, 199)).toBe(33.7);
    expect(gainPercent(null, 100)).toBeNull();
    expect(gainPercent(0, 0)).toBeNull();
  });

  it('refuses paid above committed and a target worse than before, naming the fields', () => {
    const labels = { labelBefore: 'E' as const, targetLabel: 'F' as const, labelAfter: null, energyBefore: 300, energyTarget: 320, energyAfter: null };
    expect(checkOperationFigures({ plannedCents: 10, committedCents: 5, paidCents: 6 }, labels).map((e) => e.field)).toEqual(['paidCents', 'targetLabel', 'energyTarget']);
    expect(checkOperationFigures({ plannedCents: 10, committedCents: 6, paidCents: 6 }, { ...labels, targetLabel: 'C', energyTarget: 150 })).toEqual([]);
  });
});

describe('phases', () => {
  const phases = [
    phase('studies', { plannedStart: '2024-01-15', plannedEnd: '2024-06-30', actualStart: '2024-02-01', actualEnd: '2024-07-20' }),
    phase('work_order', { plannedStart: '2024-09-01', plannedEnd: '2024-09-01', actualStart: '2024-09-16', actualEnd: '2024-09-16' }),
    phase('works', { plannedStart: '2024-09-02', plannedEnd: '2025-10-31', actualStart: '2024-09-16' }),
    phase('handover', { plannedStart: '2025-11-15', plannedEnd: '2025-11-15' }),
  ];

  it('finds no problem in ordered dates, and names the phase whose dates are wrong', () => {
    expect(checkPhases(phases)).toEqual([]);
    const wrong = [phase('works', { plannedStart: '2025-01-01', plannedEnd: '2024-12-01' }), phase('studies', { plannedStart: '2025-02-01' })];
    expect(checkPhases(wrong).map((e) => e.field)).toEqual(['phases.works.plannedEnd', 'phases.works.plannedStart']);
    expect(checkPhases([phase('handover', { actualStart: '2025-02-01', actualEnd: '2025-01-01' })])[0]!.field).toBe('phases.handover.actualEnd');
  });

  it('takes the handover date, actual before planned, else the end of works, else the stored date', () => {
    expect(expectedHandover(phases, '2030-01-01')).toBe('2025-11-15');
    expect(expectedHandover([...phases.slice(0, 3), phase('handover', { plannedEnd: '2025-11-15', actualEnd: '2025-12-03' })], '2030-01-01')).toBe('2025-12-03');
    expect(expectedHandover(phases.slice(0, 3), '2030-01-01')).toBe('2025-10-31');
    expect(expectedHandover([], '2030-01-01')).toBe('2030-01-01');
    expect(guaranteeEnd('2025-12-03')).toBe('2026-12-03');
  });

  it('tells the current phase and the delays', () => {
    expect(currentPhase(phases, '2024-01-01')).toBe('planned');
    expect(currentPhase(phases, '2024-08-01')).toBe('studies');
    expect(currentPhase(phases, '2025-03-01')).toBe('works');
    expect(currentPhase([phase('final_account', { actualStart: '2027-01-10', actualEnd: '2027-01-10' })], '2027-02-01')).toBe('closed');
    // Studies ended 20 days late; works are not late yet on 2025-03-01; on 2025-11-30 they are 30 days late.
    expect(phaseDelays(phases, '2025-03-01')).toEqual({ studies: 20, work_order: 15 });
    expect(phaseDelays(phases, '2025-11-30')).toEqual({ studies: 20, work_order: 15, works: 30, handover: 15 });
  });
});

describe('Département envelopes', () => {
  const framework: Convention = { id: 1, kind: 'framework', frameworkId: null, name: 'Convention cadre 2024–2033', firstYear: 2024, lastYear: 2033, investmentCents: 100_000_000_00, operatingCents: 50_000_000_00 };
  const year2024: Convention = { id: 2, kind: 'application', frameworkId: 1, name: 'Convention d’application 2024', firstYear: 2024, lastYear: 2024, investmentCents: 4_000_000_00, operatingCents: 5_000_000_00 };
  const year2025: Convention = { ...year2024, id: 3, name: 'Convention d’application 2025', firstYear: 2025, lastYear: 2025, investmentCents: 96_000_000_00 };
  const conventions = [framework, year2024, year2025];
  const commitments: Commitment[] = [
    { lineId: 10, conventionId: 2, envelope: 'investment', amountCents: 3_900_000_00 },
    { lineId: 11, conventionId: 2, envelope: 'operating', amountCents: 4_999_999_99 },
    { lineId: 12, conventionId: 3, envelope: 'investment', amountCents: 95_000_000_00 },
  ];

  it('accepts a commitment that fits, to the cent', () => {
    expect(envelopeExcesses(conventions, commitments, { lineId: 0, conventionId: 2, envelope: 'investment', amountCents: 100_000_00 })).toEqual([]);
    expect(envelopeExcesses(conventions, commitments, { lineId: 0, conventionId: 2, envelope: 'operating', amountCents: 1 })).toEqual([]);
  });

  it('says by how much the annual convention would be exceeded', () => {
    const [excess, ...rest] = envelopeExcesses(conventions, commitments, { lineId: 0, conventionId: 2, envelope: 'investment', amountCents: 350_000_00 });
    expect(rest).toEqual([]);
    expect(excess).toMatchObject({ limitCents: 4_000_000_00, otherCents: 3_900_000_00, excessCents: 250_000_00 });
    expect(describeExcess(excess!)).toContain(`serait dépassée de ${formatEurosFr(250_000_00)}`);
    expect(formatEurosFr(250_000_00)).toBe('250\u202f000,00\u00a0€');
    expect(describeExcess(excess!)).toContain('exceeded by €250,000.00');
  });

  it('checks the framework across all its application conventions', () => {
    // A framework reduced by amendment to 98.5 M€: 2025 fits its own 96 M€, but 3.9 + 95 + 1 M€ exceeds the framework by 1.4 M€.
    const amended = [{ ...framework, investmentCents: 98_500_000_00 }, year2024, year2025];
    const excesses = envelopeExcesses(amended, commitments, { lineId: 0, conventionId: 3, envelope: 'investment', amountCents: 1_000_000_00 });
    expect(excesses.map((e) => [e.convention.id, e.excessCents])).toEqual([[1, 1_400_000_00]]);
  });

  it('replaces the stored version of a changed line rather than counting it twice', () => {
    expect(envelopeExcesses(conventions, commitments, { lineId: 10, conventionId: 2, envelope: 'investment', amountCents: 4_000_000_00 })).toEqual([]);
    expect(envelopeExcesses(conventions, commitments, { lineId: 10, conventionId: 2, envelope: 'investment', amountCents: 4_000_000_01 })[0]!.excessCents).toBe(1);
  });

  it('refuses application conventions beyond the framework or its period', () => {
    const next = { ...year2025, firstYear: 2026, lastYear: 2026, investmentCents: 0, operatingCents: 40_000_000_01 };
    expect(applicationProblems(framework, [year2024, year2025], next)).toEqual([
      expect.objectContaining({ field: 'operatingCents', excessCents: 1 }),
    ]);
    expect(applicationProblems(framework, [year2024], { ...next, firstYear: 2034, lastYear: 2034, operatingCents: 0 }).map((p) => p.field)).toEqual(['year']);
    expect(applicationProblems(framework, [year2024], { ...next, firstYear: 2024, lastYear: 2024, operatingCents: 0 }).map((p) => p.field)).toEqual(['year']);
  });
});

describe('financing hints', () => {
  it('applies the éco-prêt thresholds before works: 180 kWhEP or 30 kgCO2e per m² per year', () => {
    expect(ecoPretEligible(180, null)).toBe(true);
    expect(ecoPretEligible(179.9, 29.9)).toBe(false);
    expect(ecoPretEligible(120, 30)).toBe(true);
    expect(ecoPretEligible(null, null)).toBeNull();
  });

  it('hints eligibility, a wrong éco-prêt, over-financing and a banned target', () => {
    const base = { kind: 'energy_renovation' as const, energyBefore: 320, ghgBefore: 25, targetLabel: 'C' as const, plannedCents: 1_000_00, lines: [] };
    expect(operationHints(base).map((h) => h.code)).toEqual(['eco_pret_eligible']);
    expect(operationHints({ ...base, energyBefore: 150, lines: [{ source: 'eco_pret', amountCents: 500_00 }] }).map((h) => h.code)).toEqual(['eco_pret_not_eligible']);
    const over = operationHints({ ...base, targetLabel: 'E', lines: [{ source: 'eco_pret', amountCents: 800_00 }, { source: 'own_funds', amountCents: 300_00 }] });
    expect(over.map((h) => h.code)).toEqual(['over_financed', 'target_banned_2034']);
    expect(over[0]!.fr).toContain(formatEurosFr(100_00));
    expect(operationHints({ ...base, kind: 'adaptation', lines: [{ source: 'eco_pret', amountCents: 1 }] }).map((h) => h.code)).toEqual(['eco_pret_wrong_kind']);
  });
});
