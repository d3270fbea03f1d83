import { describe, expect, it } from 'vitest';
import type { DpeClass } from '../../dpe/domain/labels.js';
import { bansInForce, breaches, DEADLINES, territoryOfCommune, type DwellingEnergy, type Territory } from './calendar.js';
import { deadlineStatus, summariseDeadlines, type PlannedOperation } from './classify.js';
import { trajectory } from './trajectory.js';

const dwelling = (dwellingId: number, label: DpeClass | null, extra: Partial<DwellingEnergy> = {}): DwellingEnergy => ({
  dwellingId, territory: 'mainland', label, primaryEnergy: null, finalEnergy: null, ...extra,
});
const deadline = (id: string) => DEADLINES.find((d) => d.id === id)!;
const operation = (id: number, dwellingIds: number[], endDate: string, targetLabel: DpeClass): PlannedOperation => ({ id, dwellingIds, endDate, targetLabel });

describe('compliance calendar', () => {
  it('lists the bans by territory and date', () => {
    const dates = (territory: Territory) => DEADLINES.filter((d) => d.territory === territory).map((d) => [d.id, d.from]);
    expect(dates('mainland')).toEqual([
      ['mainland-decency-450', '2023-01-01'], ['mainland-ban-g', '2025-01-01'], ['mainland-ban-f', '2028-01-01'], ['mainland-ban-e', '2034-01-01'],
    ]);
    expect(dates('overseas')).toEqual([['overseas-ban-g', '2028-01-01'], ['overseas-ban-f', '2031-01-01']]);
    expect(deadline('mainland-ban-f').title.fr).toBe('Interdiction de louer F/G (métropole)');
  });

  it('tells overseas communes by their INSEE code', () => {
    expect(territoryOfCommune('97411')).toBe('overseas');
    expect(territoryOfCommune('62498')).toBe('mainland');
    expect(territoryOfCommune('2A004')).toBe('mainland');
  });

  it('applies each ban from its first day only', () => {
    expect(bansInForce('mainland', '2024-12-31').map((d) => d.id)).toEqual([]);
    expect(bansInForce('mainland', '2025-01-01').map((d) => d.id)).toEqual(['mainland-ban-g']);
    expect(bansInForce('overseas', '2030-06-01').map((d) => d.id)).toEqual(['overseas-ban-g']);
    expect(bansInForce('mainland', '2034-01-01')).toHaveLength(3);
  });

  it('bans G, then F and G, then E, F and G', () => {
    const bannedBy = (id: string) => (['A', 'B', 'C', 'D', 'E', 'F', 'G'] as const).filter((label) => breaches(deadline(id).rule, dwelling(1, label)));
    expect(bannedBy('mainland-ban-g')).toEqual(['G']);
    expect(bannedBy('mainland-ban-f')).toEqual(['F', 'G']);
    expect(bannedBy('mainland-ban-e')).toEqual(['E', 'F', 'G']);
    expect(bannedBy('overseas-ban-f')).toEqual(['F', 'G']);
  });

  it('judges decency on final energy: 450 kWh/m²/yr and above is not decent', () => {
    const rule = deadline('mainland-decency-450').rule;
    expect(breaches(rule, dwelling(1, 'G', { finalEnergy: 450 }))).toBe(true);
    expect(breaches(rule, dwelling(1, 'G', { finalEnergy: 449.9 }))).toBe(false);
    // Primary energy below 450 bounds final energy below 450.
    expect(breaches(rule, dwelling(1, 'F', { primaryEnergy: 400 }))).toBe(false);
    expect(breaches(rule, dwelling(1, 'G', { primaryEnergy: 600 }))).toBeNull();
    expect(breaches(rule, dwelling(1, 'G', { primaryEnergy: 450 }))).toBeNull();
    expect(breaches(rule, dwelling(1, 'C'))).toBe(false);
    expect(breaches(rule, dwelling(1, 'D'))).toBeNull();
    expect(breaches(rule, dwelling(1, null))).toBeNull();
  });
});

describe('status of a dwelling against a deadline', () => {
  const banF = deadline('mainland-ban-f');

  it('is unknown without a valid DPE, never compliant', () => {
    expect(deadlineStatus(banF, dwelling(1, null), [])).toBe('unknown');
  });

  it('is compliant when the class is allowed', () => {
    expect(deadlineStatus(banF, dwelling(1, 'E'), [])).toBe('compliant');
  });

  it('is covered by an operation ending before the deadline with a good enough target', () => {
    expect(deadlineStatus(banF, dwelling(1, 'F'), [operation(9, [1], '2027-12-31', 'C')])).toBe('covered');
  });

  it('is at risk when the operation ends on or after the deadline', () => {
    expect(deadlineStatus(banF, dwelling(1, 'F'), [operation(9, [1], '2028-01-01', 'C')])).toBe('at_risk');
  });

  it('is not covered without an operation, or when its target is still banned', () => {
    expect(deadlineStatus(banF, dwelling(1, 'G'), [])).toBe('not_covered');
    expect(deadlineStatus(banF, dwelling(1, 'G'), [operation(9, [1], '2026-06-30', 'F')])).toBe('not_covered');
    expect(deadlineStatus(banF, dwelling(1, 'G'), [operation(9, [2], '2026-06-30', 'C')])).toBe('not_covered');
  });
});

describe('summaries and trajectory', () => {
  const dwellings = [
    dwelling(1, 'G', { primaryEnergy: 480, finalEnergy: 470 }),
    dwelling(2, 'G', { primaryEnergy: 430, finalEnergy: 190 }),
    dwelling(3, 'F', { primaryEnergy: 350 }),
    dwelling(4, 'E'),
    dwelling(5, 'C'),
    dwelling(6, null),
    dwelling(7, 'G', { territory: 'overseas' }),
  ];
  const operations = [operation(1, [1], '2024-10-31', 'C'), operation(2, [2, 3], '2028-03-31', 'D'), operation(3, [7], '2027-06-30', 'E')];

  it('counts each deadline over the dwellings of its territory', () => {
    const counts = Object.fromEntries(summariseDeadlines(dwellings, operations).map(({ deadline: d, ...rest }) => [d.id, rest]));
    // Dwelling 1 is renovated only in 2024, after the 2023 deadline; dwelling 5 (C) is under 450 by its class alone.
    expect(counts['mainland-decency-450']).toEqual({ dwellings: 6, compliant: 3, covered: 0, atRisk: 1, notCovered: 0, unknown: 2 });
    expect(counts['mainland-ban-g']).toEqual({ dwellings: 6, compliant: 3, covered: 1, atRisk: 1, notCovered: 0, unknown: 1 });
    expect(counts['mainland-ban-f']).toEqual({ dwellings: 6, compliant: 2, covered: 1, atRisk: 2, notCovered: 0, unknown: 1 });
    expect(counts['mainland-ban-e']).toEqual({ dwellings: 6, compliant: 1, covered: 3, atRisk: 0, notCovered: 1, unknown: 1 });
    expect(counts['overseas-ban-g']).toEqual({ dwellings: 1, compliant: 0, covered: 1, atRisk: 0, notCovered: 0, unknown: 0 });
  });

  it('follows E/F/G counts year by year as operations end', () => {
    const years = trajectory(dwellings, operations, 2024, 2029);
    expect(years.map(({ year, E, F, G, unknown, banned }) => [year, E, F, G, unknown, banned])).toEqual([
      [2024, 1, 1, 3, 1, 0],
      [2025, 1, 1, 2, 1, 1], // dwelling 1 renovated to C; G banned on the mainland: dwelling 2
      [2026, 1, 1, 2, 1, 1],
      [2027, 1, 1, 2, 1, 1],
      [2028, 2, 1, 1, 1, 2], // overseas G renovated to E in 2027; mainland F/G banned: dwellings 2 and 3; overseas G ban: none left
      [2029, 2, 0, 0, 1, 0], // dwellings 2 and 3 reach D in March 2028
    ]);
    expect(years[4]!.bans).toEqual(['mainland-ban-f', 'mainland-ban-g', 'overseas-ban-g']);
  });
});
