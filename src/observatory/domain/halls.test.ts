import { describe, expect, it } from 'vitest';
import { hallChanges, summariseHalls } from './halls.js';

describe('hall levels over a quarter', () => {
  it('applies the incidents rule to each quarter and tells the change', () => {
    const changes = hallChanges([1, 2, 3], [
      { entranceId: 1, family: 'D', severity: 'G1', quarter: 'quarter', incidents: 3 },
      { entranceId: 2, family: 'C', severity: 'G4', quarter: 'previousQuarter', incidents: 1 },
      { entranceId: 2, family: 'A', severity: 'G1', quarter: 'quarter', incidents: 1 },
      { entranceId: 9, family: 'A', severity: 'G1', quarter: 'quarter', incidents: 5 },
    ]);
    expect(changes.map(({ entranceId, current, previous, change }) => [entranceId, current.level, previous.level, change])).toEqual([
      [1, 'yellow', 'green', 'worse'],
      [2, 'green', 'red', 'better'],
      [3, 'green', 'green', 'same'],
    ]);
    expect(summariseHalls(changes)).toEqual({
      levels: { green: 2, yellow: 1, orange: 0, red: 0 },
      previousLevels: { green: 2, yellow: 0, orange: 0, red: 1 },
      worse: 1,
      better: 1,
    });
  });
});
