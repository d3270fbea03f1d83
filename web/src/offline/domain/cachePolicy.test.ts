import { describe, expect, it } from 'vitest';
import { isResidencePath, keptOffline } from './cachePolicy.js';

describe('keptOffline', () => {
  it('keeps the session, nomenclature and patrimony the recording form needs', () => {
    for (const path of ['/api/auth/me', '/api/settings', '/api/incidents/categories', '/api/patrimony/map/residences', '/api/patrimony/residences/42']) {
      expect(keptOffline(path), path).toBe(true);
    }
  });
  it('never keeps incidents, exports or anything else', () => {
    for (const path of ['/api/incidents', '/api/incidents/12', '/api/incidents/export.csv', '/api/patrimony/residences/42/x', '/api/auth/login', '/api/observatory/map']) {
      expect(keptOffline(path), path).toBe(false);
    }
  });
  it('tells a residence’s details from other patrimony answers', () => {
    expect(isResidencePath('/api/patrimony/residences/42')).toBe(true);
    expect(isResidencePath('/api/patrimony/residences/42/buildings')).toBe(false);
    expect(isResidencePath('/api/patrimony/map/residences')).toBe(false);
  });
});
