import { describe, expect, it } from 'vitest';
import { effectiveDpe } from './effective.js';
import { isBuildingDpe } from './matching.js';
import type { DpeFact } from './validity.js';

const fact = (number: string, issuedOn: string, label: string, replaces: string | null = null): DpeFact<string> => ({ number, issuedOn, replaces, payload: label });
const none = new Set<string>();

describe('effective DPE of a dwelling: its own, else its building’s, else unknown', () => {
  it('takes the dwelling’s own valid DPE over a newer building DPE', () => {
    const result = effectiveDpe([fact('OWN', '2022-03-01', 'D')], [fact('BLD', '2024-01-10', 'F')], '2025-06-01', none);
    expect(result).toMatchObject({ status: 'valid', source: 'dwelling', dpe: { number: 'OWN', payload: 'D' }, validUntil: '2032-02-29' });
  });

  it('falls back to the valid building DPE when the dwelling has none, or only an expired one', () => {
    expect(effectiveDpe([], [fact('BLD', '2024-01-10', 'F')], '2025-06-01', none)).toMatchObject({ status: 'valid', source: 'building', dpe: { payload: 'F' } });
    expect(effectiveDpe([fact('OLD', '2016-05-01', 'B')], [fact('BLD', '2024-01-10', 'F')], '2025-06-01', none)).toMatchObject({ status: 'valid', source: 'building', dpe: { payload: 'F' } });
  });

  it('is unknown, never good, when the building DPE is expired too', () => {
    expect(effectiveDpe([], [fact('BLD', '2019-01-10', 'A')], '2025-06-01', none)).toEqual({ status: 'unknown', reason: 'expired', source: null });
    expect(effectiveDpe([fact('OLD', '2016-05-01', 'A')], [fact('BLD', '2019-01-10', 'A')], '2025-06-01', none)).toEqual({ status: 'unknown', reason: 'expired', source: null });
    expect(effectiveDpe([], [], '2025-06-01', none)).toEqual({ status: 'unknown', reason: 'missing', source: null });
  });

  it('does not use a replaced building DPE', () => {
    expect(effectiveDpe([], [fact('BLD', '2024-01-10', 'C')], '2025-06-01', new Set(['BLD']))).toEqual({ status: 'unknown', reason: 'replaced', source: null });
  });
});

describe('building DPEs in the ADEME data', () => {
  it.each([
    ['immeuble', null, true],
    ['Immeuble', 'dpe immeuble collectif', true],
    [null, 'DPE immeuble collectif', true],
    ['appartement', 'dpe appartement généré à partir des données DPE immeuble', false],
    ['appartement', 'dpe appartement individuel', false],
    ['maison', 'dpe maison individuelle', false],
    [null, null, false],
  ])('type_batiment %s, methode_application_dpe %s → building DPE %s', (type, method, expected) => {
    expect(isBuildingDpe(type, method)).toBe(expected);
  });
});
