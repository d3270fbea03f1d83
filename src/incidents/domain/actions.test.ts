import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { validateAction } from './actions.js';

const fieldsOf = (work: () => unknown) => {
  try {
    work();
    return [];
  } catch (error) {
    return (error as AppError).errors.map((e) => e.field);
  }
};

describe('graduated-response actions', () => {
  it('records a complaint with its police station', () => {
    expect(validateAction({ kind: 'complaint_filed', date: '2026-03-02', policeStation: ' Commissariat de Lens ' }, 'D', '2026-03-10')).toEqual({
      kind: 'complaint_filed', date: '2026-03-02', note: null, policeStation: 'Commissariat de Lens', legalOutcome: null,
    });
  });

  it('names every misfit field', () => {
    expect(fieldsOf(() => validateAction({ kind: 'complaint_filed', date: '2026-03-12' }, 'D', '2026-03-10'))).toEqual(['date', 'policeStation']);
    expect(fieldsOf(() => validateAction({ kind: 'legal_outcome', date: '2026-03-01' }, 'D', '2026-03-10'))).toEqual(['legalOutcome']);
    expect(fieldsOf(() => validateAction({ kind: 'mediation', date: '2026-03-01', legalOutcome: 'conviction', policeStation: 'X' }, 'B', '2026-03-10')))
      .toEqual(['policeStation', 'legalOutcome']);
  });

  it('keeps staff support actions for attacks on staff', () => {
    expect(fieldsOf(() => validateAction({ kind: 'victim_support', date: '2026-03-01' }, 'F', '2026-03-10'))).toEqual(['kind']);
    expect(validateAction({ kind: 'victim_support', date: '2026-03-01' }, 'E', '2026-03-10').kind).toBe('victim_support');
  });
});
