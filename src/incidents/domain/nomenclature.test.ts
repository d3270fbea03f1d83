import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { DEFAULT_CATEGORIES, familyOfCode, initialCategories, reviseCategory } from './nomenclature.js';
import { FAMILIES, severityRank } from './vocabulary.js';

describe('nomenclature', () => {
  it('has unique, well-formed codes in every family, with default severities in each family’s range', () => {
    const codes = DEFAULT_CATEGORIES.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    const categories = initialCategories();
    expect(new Set(categories.map((c) => c.family))).toEqual(new Set(FAMILIES));
    const ranges = { A: [1, 1], B: [1, 2], C: [2, 4], D: [1, 4], E: [2, 4], F: [2, 4] } as const;
    for (const category of categories) {
      const [low, high] = ranges[category.family];
      expect(severityRank(category.defaultSeverity), category.code).toBeGreaterThanOrEqual(low);
      expect(severityRank(category.defaultSeverity), category.code).toBeLessThanOrEqual(high);
    }
    expect(categories.find((c) => c.code === 'D.TAG')).toMatchObject({ family: 'D', defaultSeverity: 'G1', version: 1 });
  });

  it('reads the family from the code and rejects malformed codes', () => {
    expect(familyOfCode('E.THREAT')).toBe('E');
    expect(familyOfCode('G.TAG')).toBeUndefined();
    expect(familyOfCode('d.tag')).toBeUndefined();
    expect(() => reviseCategory('DTAG', undefined, { labelFr: 'x', labelEn: 'x', defaultSeverity: 'G1' })).toThrow(AppError);
  });

  it('versions a rename, keeps the code and family, and ignores a change that changes nothing', () => {
    const tag = initialCategories().find((c) => c.code === 'D.TAG')!;
    const renamed = reviseCategory('D.TAG', tag, { labelFr: 'Graffitis et tags' })!;
    expect(renamed).toMatchObject({ code: 'D.TAG', family: 'D', version: 2, labelFr: 'Graffitis et tags', labelEn: tag.labelEn });
    expect(tag.labelFr).toBe('Tags, graffitis');
    expect(reviseCategory('D.TAG', renamed, { labelFr: 'Graffitis et tags' })).toBeNull();
    expect(reviseCategory('D.TAG', renamed, { active: false })).toMatchObject({ version: 3, active: false });
  });

  it('creates a landlord’s own category only with both labels and a severity', () => {
    expect(reviseCategory('A.LITTER_BOX', undefined, { labelFr: 'Bac', labelEn: 'Bin', defaultSeverity: 'G1' })).toMatchObject({ family: 'A', version: 1, active: true });
    try {
      reviseCategory('A.LITTER_BOX', undefined, { labelFr: 'Bac' });
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).errors.map((e) => e.field)).toEqual(['labelEn', 'defaultSeverity']);
    }
  });
});
