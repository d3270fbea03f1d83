import { expect, it } from 'vitest';
import { safeReturn, withReturn } from './paths.js';

it('goes back only to a page of this site after sign-in', () => {
  expect(safeReturn('/incidents/12?onglet=suivi#actions')).toBe('/incidents/12?onglet=suivi#actions');
  for (const elsewhere of ['https://pirate.example/', '//pirate.example/', '/\\pirate.example', 'javascript:alert(1)', '', null]) {
    expect(safeReturn(elsewhere), String(elsewhere)).toBe('/');
  }
});

it('names the page to return to in the query, except the home page', () => {
  expect(withReturn('/connexion', '/incidents?statut=ouvert')).toBe('/connexion?retour=%2Fincidents%3Fstatut%3Douvert');
  expect(withReturn('/connexion', '/')).toBe('/connexion');
});
