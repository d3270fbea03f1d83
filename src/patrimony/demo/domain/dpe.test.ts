import { describe, expect, it } from 'vitest';
import { assignDpeClasses, ghgClass } from './dpe.js';

describe('assignDpeClasses', () => {
  it('labels by rank of badness with the exact G, F and E counts', () => {
    const badness = Array.from({ length: 20_000 }, (_, index) => (index * 7919) % 20_000);
    const labels = assignDpeClasses(badness);
    const count = (label: string) => labels.filter((l) => l === label).length;
    expect([count('G'), count('F'), count('E')]).toEqual([205, 1_260, 8_780]);
    expect(count('A') + count('B') + count('C') + count('D')).toBe(20_000 - 205 - 1_260 - 8_780);
    const worst = badness.indexOf(19_999);
    const best = badness.indexOf(0);
    expect(labels[worst]).toBe('G');
    expect(labels[best]).toBe('A');
    const minimumOf = (label: string) => Math.min(...badness.filter((_, index) => labels[index] === label));
    const maximumOf = (label: string) => Math.max(...badness.filter((_, index) => labels[index] === label));
    expect(maximumOf('F')).toBeLessThan(minimumOf('G'));
    expect(maximumOf('D')).toBeLessThan(minimumOf('E'));
  });

  it('refuses too few dwellings for the exact counts', () => {
    expect(() => assignDpeClasses([1, 2, 3])).toThrow(/Too few/);
  });

  it('keeps the greenhouse-gas label within A to G', () => {
    expect(ghgClass('A', -2)).toBe('A');
    expect(ghgClass('G', 1)).toBe('G');
    expect(ghgClass('D', -1)).toBe('C');
  });
});
