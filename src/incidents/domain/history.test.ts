import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { checkVictims, diffFields } from './history.js';

describe('history of changes', () => {
  it('keeps only fields that really change, with before and after', () => {
    const current = { severity: 'G2', description: 'Porte forcée', victims: [{ role: 'tenant', ittClass: null }], estimatedCost: null as number | null };
    expect(diffFields(current, { severity: 'G3', description: 'Porte forcée', victims: [{ role: 'tenant', ittClass: null }], estimatedCost: 120 })).toEqual([
      { field: 'severity', before: 'G2', after: 'G3' },
      { field: 'estimatedCost', before: null, after: 120 },
    ]);
  });

  it('accepts ITT classes for assaults only', () => {
    expect(() => checkVictims([{ role: 'landlord_staff', ittClass: 'itt_up_to_8_days' }], 'E')).not.toThrow();
    try {
      checkVictims([{ role: 'tenant', ittClass: null }, { role: 'tenant', ittClass: 'no_itt' }], 'D');
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).errors[0]!.field).toBe('victims.1.ittClass');
    }
  });
});
