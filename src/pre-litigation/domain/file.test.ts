import { describe, expect, it } from 'vitest';
import { statusChangeError, stepError, type FileStatus, type StepKind } from './file.js';

describe('pre-litigation file status', () => {
  it.each<[FileStatus, FileStatus, StepKind[], boolean]>([
    ['open', 'settled', [], true],
    ['open', 'time_barred', ['formal_notice'], true],
    ['open', 'judgment_executed', ['summons', 'judgment'], true],
    ['open', 'judgment_executed', ['summons'], false],
    ['open', 'open', [], false],
    ['settled', 'open', [], false],
    ['time_barred', 'settled', [], false],
    ['judgment_executed', 'settled', ['judgment'], false],
  ])('%s → %s with steps %j allowed: %s', (from, to, steps, allowed) => {
    const error = statusChangeError(from, to, steps);
    expect(error === undefined).toBe(allowed);
    if (error) expect(error.field).toBe('status');
  });

  it('takes steps only while open', () => {
    expect(stepError('open')).toBeUndefined();
    expect(stepError('settled')?.field).toBe('kind');
  });
});
