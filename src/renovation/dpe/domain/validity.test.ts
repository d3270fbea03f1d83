import { describe, expect, it } from 'vitest';
import { addYears, parseIsoDate } from './dates.js';
import { currentDpe, methodOf, replacedBy, validUntil, type DpeFact } from './validity.js';

describe('validity of a DPE', () => {
  it.each([
    ['2021-07-01', '2031-06-30', '3cl-2021'],
    ['2023-03-15', '2033-03-14', '3cl-2021'],
    ['2024-02-29', '2034-02-28', '3cl-2021'],
    ['2021-06-30', '2024-12-31', 'pre-2021'],
    ['2018-01-01', '2024-12-31', 'pre-2021'],
    ['2017-12-31', '2022-12-31', 'pre-2021'],
    ['2013-01-01', '2022-12-31', 'pre-2021'],
    ['2012-12-31', '2022-12-30', 'pre-2021'],
    ['2010-05-10', '2020-05-09', 'pre-2021'],
  ])('a DPE issued on %s is valid until %s (%s method)', (issuedOn, until, method) => {
    expect(validUntil(issuedOn)).toBe(until);
    expect(methodOf(issuedOn)).toBe(method);
  });

  it('parses only real calendar days', () => {
    expect(parseIsoDate('2024-02-29')).toBe('2024-02-29');
    expect(parseIsoDate('2023-02-29')).toBeUndefined();
    expect(parseIsoDate('2023-13-01')).toBeUndefined();
    expect(parseIsoDate('15/03/2023')).toBeUndefined();
    expect(addYears('2024-02-29', 1)).toBe('2025-03-01');
  });
});

const fact = (number: string | null, issuedOn: string, replaces: string | null = null): DpeFact<string> => ({ number, issuedOn, replaces, payload: number ?? 'patrimony' });

describe('the DPE that speaks for a dwelling', () => {
  it('is missing when no DPE was issued yet', () => {
    expect(currentDpe([], '2025-01-01', new Set())).toEqual({ status: 'unknown', reason: 'missing' });
    expect(currentDpe([fact('2300E0000001A', '2025-06-01')], '2025-01-01', new Set())).toEqual({ status: 'unknown', reason: 'missing' });
  });

  it('is the newest DPE while it is valid, unknown once it expired', () => {
    const facts = [fact('2100E0000001A', '2021-09-01'), fact('2200E0000002B', '2022-10-15')];
    const current = currentDpe(facts, '2025-01-01', new Set());
    expect(current).toMatchObject({ status: 'valid', validUntil: '2032-10-14' });
    expect(current.status === 'valid' && current.dpe.payload).toBe('2200E0000002B');
    expect(currentDpe(facts, '2032-10-14', new Set()).status).toBe('valid');
    expect(currentDpe(facts, '2032-10-15', new Set())).toEqual({ status: 'unknown', reason: 'expired' });
  });

  it('keeps a transitional DPE until its fixed end date', () => {
    expect(currentDpe([fact(null, '2019-05-01')], '2024-12-31', new Set()).status).toBe('valid');
    expect(currentDpe([fact(null, '2019-05-01')], '2025-01-01', new Set())).toEqual({ status: 'unknown', reason: 'expired' });
  });

  it('is unknown when the newest DPE was replaced by one outside this dwelling', () => {
    const facts = [fact('2100E0000001A', '2021-09-01'), fact('2200E0000002B', '2022-10-15')];
    const others = [fact('2300E0000009Z', '2023-04-01', '2200E0000002B')];
    expect(currentDpe(facts, '2023-03-31', replacedBy(others, '2023-03-31')).status).toBe('valid');
    expect(currentDpe(facts, '2023-04-01', replacedBy(others, '2023-04-01'))).toEqual({ status: 'unknown', reason: 'replaced' });
  });

  it('prefers the same-day correction to the DPE it replaces', () => {
    const facts = [fact('2300E0000003C', '2023-05-02', '2300E0000002B'), fact('2300E0000002B', '2023-05-02')];
    const current = currentDpe([...facts].reverse(), '2024-01-01', replacedBy(facts, '2024-01-01'));
    expect(current.status === 'valid' && current.dpe.number).toBe('2300E0000003C');
  });
});
