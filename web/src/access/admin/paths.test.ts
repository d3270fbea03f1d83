import { describe, expect, it } from 'vitest';
import { auditQuery } from './paths.js';

describe('audit log address', () => {
  it('turns the page’s French parameters into the API’s, leaving empty ones out', () => {
    const search = new URLSearchParams('action=user.add&objet=&numero=12&utilisateur=%20admin%40x.fr%20&du=2026-01-01&au=2026-02-01&avant=40');
    expect(auditQuery(search, true)).toBe('action=user.add&objectId=12&user=admin%40x.fr&from=2026-01-01&to=2026-02-01&before=40');
    expect(auditQuery(search, false)).toBe('action=user.add&objectId=12&user=admin%40x.fr&from=2026-01-01&to=2026-02-01');
    expect(auditQuery(new URLSearchParams(''), true)).toBe('');
  });
});
