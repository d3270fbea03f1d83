import { describe, expect, it } from 'vitest';
import { searchOffline } from './offlineSearch.js';

const residence = (name: string, communeName: string, externalId: string, qpvCode: string | null = null) =>
  ({ name, communeName, externalId, communeInsee: communeName === 'Lens' ? '62498' : '62510', qpvCode });

const RESIDENCES = [
  residence('Les Tilleuls', 'Lens', 'R001'),
  residence('Résidence Élysée', 'Lens', 'R002', 'QN06201M'),
  residence('Cité des Fleurs', 'Liévin', 'R003'),
];

describe('searchOffline', () => {
  it('matches name, commune and code without accents or case', () => {
    expect(searchOffline(RESIDENCES, 'elysee', 10).map((r) => r.externalId)).toEqual(['R002']);
    expect(searchOffline(RESIDENCES, 'LIEVIN', 10).map((r) => r.externalId)).toEqual(['R003']);
    expect(searchOffline(RESIDENCES, 'r001', 10).map((r) => r.externalId)).toEqual(['R001']);
    expect(searchOffline(RESIDENCES, 'QN06201M', 10).map((r) => r.externalId)).toEqual(['R002']);
  });
  it('needs every word and sorts by name', () => {
    expect(searchOffline(RESIDENCES, 'lens', 10).map((r) => r.name)).toEqual(['Les Tilleuls', 'Résidence Élysée']);
    expect(searchOffline(RESIDENCES, 'lens fleurs', 10)).toEqual([]);
  });
  it('answers nothing to a blank query and honours the limit', () => {
    expect(searchOffline(RESIDENCES, '   ', 10)).toEqual([]);
    expect(searchOffline(RESIDENCES, 'l', 1)).toHaveLength(1);
  });
});
