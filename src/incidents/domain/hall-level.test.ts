import { describe, expect, it } from 'vitest';
import { assessHall, hallWindowStart, type HallTally } from './hall-level.js';

const tally = (family: HallTally['family'], severity: HallTally['severity'], count = 1): HallTally => ({ family, severity, count });

describe('hall level', () => {
  it('is green for none or two isolated facts, yellow from three', () => {
    expect(assessHall([])).toEqual({ level: 'green', reason: 'isolated', incidents: 0 });
    expect(assessHall([tally('A', 'G1'), tally('D', 'G2')])).toEqual({ level: 'green', reason: 'isolated', incidents: 2 });
    expect(assessHall([tally('A', 'G1', 2), tally('B', 'G1')])).toEqual({ level: 'yellow', reason: 'recurring', incidents: 3 });
  });

  it('is orange for an offence (G3+) or repeated occupation', () => {
    expect(assessHall([tally('D', 'G3')])).toMatchObject({ level: 'orange', reason: 'offence' });
    expect(assessHall([tally('D', 'G4')])).toMatchObject({ level: 'orange', reason: 'offence' });
    expect(assessHall([tally('C', 'G2', 2)])).toMatchObject({ level: 'orange', reason: 'informal_economy' });
    expect(assessHall([tally('C', 'G2')])).toMatchObject({ level: 'green' });
  });

  it('is red for serious violence or established dealing', () => {
    expect(assessHall([tally('A', 'G1', 10), tally('C', 'G4')])).toEqual({ level: 'red', reason: 'serious_violence_or_dealing', incidents: 11 });
    expect(assessHall([tally('E', 'G4')])).toMatchObject({ level: 'red' });
    expect(assessHall([tally('F', 'G4')])).toMatchObject({ level: 'red' });
  });

  it('looks back 90 days', () => {
    expect(hallWindowStart(new Date('2026-04-01T00:00:00Z')).toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });
});
