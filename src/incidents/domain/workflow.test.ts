import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { allowedTargets, applyTransition, STATUSES, TRANSITIONS, type Status } from './workflow.js';

const requestFor = (from: Status, to: Status) => {
  const rule = TRANSITIONS.find((t) => t.from === from && t.to === to);
  return { to, outcome: rule?.requires === 'outcome' ? ('resolved' as const) : null, reason: rule?.requires === 'reason' ? 'Nouveaux faits' : null };
};

const kindOf = (work: () => unknown) => {
  try {
    work();
    return 'ok';
  } catch (error) {
    return error instanceof AppError ? error.kind : 'other';
  }
};

describe('status workflow', () => {
  it('allows exactly the moves of the table and refuses every other pair with a conflict', () => {
    const allowed: string[] = [];
    for (const from of STATUSES) {
      for (const to of STATUSES) {
        const result = kindOf(() => applyTransition(from, requestFor(from, to)));
        if (result === 'ok') allowed.push(`${from}->${to}`);
        else expect(result, `${from} -> ${to}`).toBe('conflict');
      }
    }
    expect(allowed).toEqual([
      'draft->recorded', 'recorded->qualified', 'qualified->in_progress', 'qualified->closed', 'in_progress->closed', 'closed->in_progress',
    ]);
  });

  it('closes with an outcome and refuses to close without one, naming the field', () => {
    expect(applyTransition('in_progress', { to: 'closed', outcome: 'no_further_action' })).toEqual({ status: 'closed', outcome: 'no_further_action', reason: null });
    try {
      applyTransition('in_progress', { to: 'closed' });
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).kind).toBe('validation');
      expect((error as AppError).errors[0]!.field).toBe('outcome');
    }
    expect(kindOf(() => applyTransition('recorded', { to: 'qualified', outcome: 'resolved' }))).toBe('validation');
  });

  it('reopens only with a reason', () => {
    expect(kindOf(() => applyTransition('closed', { to: 'in_progress', reason: '   ' }))).toBe('validation');
    expect(applyTransition('closed', { to: 'in_progress', reason: ' Récidive ' })).toEqual({ status: 'in_progress', outcome: null, reason: 'Récidive' });
  });

  it('explains a forbidden move in French and English with the allowed targets', () => {
    try {
      applyTransition('closed', { to: 'qualified' });
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).message).toContain('« clos » ne peut pas passer à « qualifié »');
      expect((error as AppError).message).toContain('a closed incident cannot become qualified (allowed: in progress)');
    }
    expect(allowedTargets('qualified')).toEqual(['in_progress', 'closed']);
  });
});
