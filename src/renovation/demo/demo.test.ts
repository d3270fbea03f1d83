import { beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../access/system-actor.js';
import { describeEachEngine } from '../../../test/support/engines.js';
import { createSmallPatrimony } from '../../../test/support/fixtures.js';
import type { DpeClass } from '../dpe/domain/labels.js';
import { complianceOverview } from '../service.js';
import { consumptionReport } from '../reports/service.js';
import { adaptationsIn, DEMO_CONVENTIONS, generateDemoProgramme, splitCents, type DemoDwelling, type DemoOperation } from './domain/programme.js';
import { loadRenovationDemo } from './service.js';

/** A patrimony shaped like the demo landlord's: 39,658 dwellings in residences of 40, five directorates, 205 G, 1,260 F, 8,780 E. */
function demoLikeDwellings(): DemoDwelling[] {
  const bad: DpeClass[] = [...Array<DpeClass>(205).fill('G'), ...Array<DpeClass>(1_260).fill('F'), ...Array<DpeClass>(8_780).fill('E')];
  return Array.from({ length: 39_658 }, (_, index) => {
    const residenceId = 1 + Math.floor(index / 40);
    const directorateId = 1 + (residenceId % 5);
    // Spread the bad classes over the residences (every third dwelling first), the rest A to D.
    const energyClass = index % 3 === 0 && index / 3 < bad.length ? bad[index / 3]! : index % 3 !== 0 || index / 3 >= bad.length ? (['A', 'B', 'C', 'D'] as const)[index % 4]! : null;
    // Some E dwellings are G by their emissions (double threshold).
    const ghgClass = energyClass === 'E' && index % 997 === 0 ? 'G' : energyClass;
    return { id: index + 1, residenceId, residenceName: `Résidence ${residenceId}`, directorateId, directorateName: `DT ${directorateId}`, energyClass, ghgClass };
  });
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const dwellingsOf = (operations: readonly DemoOperation[]) => sum(operations.map((o) => o.input.dwellingIds.length));
const linesOf = (operations: readonly DemoOperation[], source: string, keep: (status: string) => boolean = () => true) =>
  sum(operations.flatMap((o) => o.lines.filter((l) => l.source === source && keep(l.status)).map((l) => l.amountCents)));

describe('demo programme generator', () => {
  const dwellings = demoLikeDwellings();
  const { operations } = generateDemoProgramme(dwellings);
  const ofKind = (kind: string) => operations.filter((o) => o.input.kind === kind);

  it('renovates every E/F/G dwelling for about 800 M€ over ten years, each before its ban', () => {
    const renovations = ofKind('energy_renovation');
    expect(dwellingsOf(renovations)).toBe(10_245);
    const total = sum(renovations.map((o) => o.input.plannedCents));
    expect(total).toBe(205 * 95_000_00 + 1_260 * 85_000_00 + 8_780 * 77_000_00);
    expect(total / 100).toBeGreaterThan(780e6);
    expect(total / 100).toBeLessThan(820e6);
    const order = 'ABCDEFG';
    const worse = (d: DemoDwelling) => (order.indexOf(d.ghgClass ?? 'A') > order.indexOf(d.energyClass ?? 'A') ? d.ghgClass : d.energyClass);
    const classOf = new Map(dwellings.map((d) => [d.id, worse(d)]));
    expect([...classOf.values()].filter((label) => label === 'G').length).toBeGreaterThan(205);
    const handoverOf = (o: DemoOperation) => o.input.phases.handover!.plannedEnd!;
    for (const operation of renovations) {
      const classes = new Set(operation.input.dwellingIds.map((id) => classOf.get(id)));
      if (classes.has('G')) expect(handoverOf(operation) < '2025-01-01').toBe(true);
      if (classes.has('F')) expect(handoverOf(operation) < '2028-01-01').toBe(true);
      expect(handoverOf(operation) < '2034-01-01').toBe(true);
    }
    const years = new Set(renovations.map((o) => o.input.programmeYear));
    expect([...years].sort()).toEqual([2024, 2025, 2026, 2027, 2028, 2029, 2030, 2031, 2032, 2033]);
  });

  it('maintains 2,500 dwellings and adapts 250 to 300 a year', () => {
    for (let year = 2024; year <= 2033; year++) {
      expect(dwellingsOf(ofKind('maintenance').filter((o) => o.input.programmeYear === year))).toBe(2_500);
      const adapted = dwellingsOf(ofKind('adaptation').filter((o) => o.input.programmeYear === year));
      expect(adapted).toBe(adaptationsIn(year));
      expect(adapted).toBeGreaterThanOrEqual(250);
      expect(adapted).toBeLessThanOrEqual(300);
    }
  });

  it('refurbishes the 400 vacant dwellings with the Département, within the 2024 convention and the framework', () => {
    expect(dwellingsOf(ofKind('vacant_refurbishment'))).toBe(400);
    const [framework, application] = DEMO_CONVENTIONS;
    const committed = (status: string) => status === 'committed' || status === 'paid';
    expect(linesOf(operations, 'departement_operating', committed)).toBeLessThanOrEqual(application!.operatingCents);
    expect(linesOf(operations, 'departement_investment', committed)).toBeLessThanOrEqual(application!.investmentCents);
    expect(linesOf(operations, 'departement_investment')).toBeLessThanOrEqual(framework!.investmentCents);
    expect(linesOf(operations, 'departement_operating')).toBeLessThanOrEqual(framework!.operatingCents);
    // Every energy renovation is financed in full: the lines add up to its planned cost.
    for (const operation of ofKind('energy_renovation')) expect(sum(operation.lines.map((l) => l.amountCents))).toBe(operation.input.plannedCents);
  });

  it('is deterministic and never uses a dwelling twice in a year', () => {
    expect(generateDemoProgramme(dwellings)).toEqual(generateDemoProgramme([...dwellings].reverse()));
    for (let year = 2024; year <= 2033; year++) {
      const ids = operations.filter((o) => o.input.programmeYear === year).flatMap((o) => o.input.dwellingIds);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('splits cents in proportion, summing exactly', () => {
    expect(splitCents(100, [1, 1, 1])).toEqual([33, 33, 34]);
    expect(sum(splitCents(3_600_000_00, [7, 13, 40, 3]))).toBe(3_600_000_00);
  });
});

describeEachEngine('demo programme load', (database) => {
  let organisationId: number;
  beforeAll(async () => {
    organisationId = (await createSmallPatrimony(database())).organisationId;
    await database().query(`UPDATE dwellings SET dpe_date = '2022-05-01' WHERE organisation_id = $1`, [organisationId]);
  });

  it('loads the programme all in one transaction, idempotently, and the compliance view counts it', async () => {
    const first = await database().transaction((tx) => loadRenovationDemo(tx, organisationId));
    const second = await database().transaction((tx) => loadRenovationDemo(tx, organisationId));
    expect(second).toEqual(first);
    const [counts] = await database().query<{ operations: number; lines: number; links: number }>(
      `SELECT (SELECT count(*) FROM renovation_operations WHERE organisation_id = $1)::integer AS operations,
         (SELECT count(*) FROM financing_lines WHERE organisation_id = $1)::integer AS lines,
         (SELECT count(*) FROM renovation_operation_dwellings WHERE organisation_id = $1)::integer AS links`, [organisationId]);
    expect([counts!.operations, counts!.lines]).toEqual([first.operations, first.financingLines]);
    // The G dwelling and the E house are renovated; the five D dwellings are maintained, adapted or refurbished.
    const overview = await complianceOverview(database(), systemActor(organisationId, 'test'), '2024-06-01');
    const banG = overview.deadlines.find((d) => d.deadline.id === 'mainland-ban-g')!;
    expect([banG.covered, banG.notCovered]).toEqual([1, 0]);
    expect(overview.trajectory.at(-1)).toMatchObject({ year: 2034, E: 0, F: 0, G: 0 });
    const [consumption] = await consumptionReport(database(), systemActor(organisationId, 'test'));
    expect(consumption!.years[0]!.investment.committedCents).toBe(3_600_000_00);
    expect(consumption!.years.every((year) => year.investment.remainingCents >= 0 && year.operating.remainingCents >= 0)).toBe(true);
    expect(counts!.links).toBeGreaterThan(0);
  });
});
