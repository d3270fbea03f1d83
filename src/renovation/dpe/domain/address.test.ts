import { describe, expect, it } from 'vitest';
import { addressKey, normaliseNumber, normaliseStreet } from './address.js';

describe('address keys', () => {
  it.each([
    ['12', '12'], ['012', '12'], ['12 bis', '12b'], ['12B', '12b'], ['12 ter', '12t'], ['3, ', '3'],
    ['', null], [null, null], ['sans numéro', null], ['12 zz', null],
  ])('normalises the number %j to %j', (given, expected) => expect(normaliseNumber(given)).toBe(expected));

  it.each([
    ['Av. de la Libération', 'avenue de la liberation'], ['AVENUE DE LA LIBERATION', 'avenue de la liberation'],
    ['bd Émile-Zola', 'boulevard emile zola'], ['R. du Cœur', 'rue du coeur'], ['Rue', 'rue'], ['  ', null],
  ])('normalises the street %j to %j', (given, expected) => expect(normaliseStreet(given)).toBe(expected));

  it('gives one key to the same address written two ways, and none without number, street or commune', () => {
    expect(addressKey('62498', '12 bis', 'Av. de la Libération')).toBe(addressKey('62498', '12B', 'AVENUE DE LA LIBERATION'));
    expect(addressKey('62498', '12', 'rue de la Paix')).not.toBe(addressKey('62041', '12', 'rue de la Paix'));
    expect(addressKey('62498', null, 'rue de la Paix')).toBeNull();
    expect(addressKey('62498', '12', null)).toBeNull();
    expect(addressKey(null, '12', 'rue de la Paix')).toBeNull();
  });
});
