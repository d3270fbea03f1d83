import type { Random } from './random.js';

/** Name pools for believable residences and streets of the Pas-de-Calais. */

export const RESIDENCE_NAMES = [
  'Les Tilleuls', 'Les Peupliers', 'Les Acacias', 'Les Charmes', 'Les Marronniers', 'Les Érables', 'Les Bouleaux',
  'Les Saules', 'Les Glycines', 'Les Lilas', 'Les Iris', 'Les Bleuets', 'Les Coquelicots', 'Les Hortensias',
  'Les Aubépines', 'Les Primevères', 'Le Parc', 'Les Jardins', 'Le Moulin', 'Le Bois Joli', 'La Fontaine',
  'Les Prés', 'Le Val', 'Les Terrasses', 'Le Beffroi', 'Les Hauts de Scarpe', 'Le Clos', 'Les Rosiers',
  'Jean Jaurès', 'Pablo Picasso', 'Louise Michel', 'Jean Moulin', 'Victor Hugo', 'Émile Zola', 'Salvador Allende',
  'Gabriel Péri', 'Pierre Brossolette', 'Léo Lagrange', 'Paul Éluard', 'Albert Camus', 'Jacques Prévert',
  'Arthur Rimbaud', 'Louis Aragon', 'Marie Curie', 'Jean Bart', 'Les Alouettes', 'Les Mésanges', 'Les Hirondelles',
  'Le Square', 'Les Cèdres', 'Les Platanes', 'Le Verger', 'La Source', 'Les Dunes', 'Le Phare', 'Les Falaises',
];

export const RECENT_RESIDENCE_NAMES = [
  'Les Jardins d’Émeraude', 'Le Carré Vert', 'L’Orée du Parc', 'Les Balcons du Parc', 'Les Allées du Canal',
  'Le Domaine des Lys', 'Villa Opale', 'Les Rives', 'Le Clos des Artisans', 'Les Hauts du Terril', 'Cœur de Ville',
  'Les Terrasses du Beffroi', 'Le Hameau', 'Les Vergers', 'Les Portes de l’Artois', 'Écoquartier des Prés',
];

export const STREET_NAMES: readonly (readonly [type: string, name: string])[] = [
  ['rue', 'Jean Jaurès'], ['rue', 'Victor Hugo'], ['rue', 'Émile Zola'], ['rue', 'Roger Salengro'],
  ['rue', 'Pasteur'], ['rue', 'de la République'], ['rue', 'Gambetta'], ['rue', 'Voltaire'], ['rue', 'Anatole France'],
  ['rue', 'Jules Guesde'], ['rue', 'Léon Blum'], ['rue', 'des Écoles'], ['rue', 'de la Gare'], ['rue', 'du Moulin'],
  ['rue', 'des Fusillés'], ['rue', 'Marcel Sembat'], ['rue', 'Paul Bert'], ['rue', 'Edgar Quinet'], ['rue', 'Jean Moulin'],
  ['avenue', 'de la Libération'], ['avenue', 'du Général de Gaulle'], ['avenue', 'des Alliés'], ['avenue', 'Salvador Allende'],
  ['boulevard', 'Pierre Brossolette'], ['boulevard', 'Émile Basly'], ['allée', 'des Tilleuls'], ['allée', 'des Peupliers'],
  ['allée', 'des Roses'], ['chemin', 'Vert'], ['chemin', 'des Prés'], ['place', 'de l’Europe'], ['impasse', 'des Lilas'],
  ['rue', 'Gabriel Péri'], ['rue', 'Louise Michel'], ['rue', 'Pablo Neruda'], ['rue', 'Henri Barbusse'],
];

/** Streets of the cités minières, often named after provinces, birds or engineers. */
export const MINING_STREET_NAMES: readonly (readonly [type: string, name: string])[] = [
  ['rue', 'de Bretagne'], ['rue', 'de Normandie'], ['rue', 'de Picardie'], ['rue', 'du Poitou'], ['rue', 'de Lorraine'],
  ['rue', 'd’Auvergne'], ['rue', 'de Savoie'], ['rue', 'du Limousin'], ['rue', 'des Alouettes'], ['rue', 'des Fauvettes'],
  ['rue', 'des Pinsons'], ['rue', 'des Rouges-Gorges'], ['rue', 'des Mineurs'], ['rue', 'des Galibots'],
  ['rue', 'du Chevalement'], ['rue', 'de la Fosse'], ['rue', 'du Puits'], ['rue', 'des Houillères'], ['rue', 'Ampère'],
  ['rue', 'Lavoisier'], ['rue', 'Denis Papin'], ['rue', 'Berthelot'], ['rue', 'Montgolfier'], ['rue', 'Monge'],
  ['rue', 'Arago'], ['rue', 'Franklin'], ['rue', 'Volta'], ['rue', 'Galilée'], ['rue', 'Kepler'], ['rue', 'Newton'],
];

const MINING_CITE_PATTERNS = [
  (rng: Random) => `Cité n° ${rng.int(2, 24)}`,
  (rng: Random) => `Cité de la fosse ${rng.int(1, 21)}`,
  (rng: Random) => rng.pick(['Cité des Provinces', 'Cité des Oiseaux', 'Cité Saint-Pierre', 'Cité Saint-Édouard',
    'Cité des Brebis', 'Cité du Moulin', 'Cité Bruno', 'Cité Sainte-Barbe', 'Cité des Fleurs', 'Cité Foch',
    'Cité de la Plaine', 'Cité du Bois', 'Cité des Ingénieurs', 'Cité Nouvelle', 'Cité Basly']),
];

export function miningCiteName(rng: Random): string {
  return rng.pick(MINING_CITE_PATTERNS)(rng);
}

export function pavilionGroupName(rng: Random): string {
  return `${rng.pick(['Lotissement', 'Résidence', 'Hameau', 'Domaine'])} ${rng.pick(RESIDENCE_NAMES)}`;
}

/**
 * Keeps residence names unique within a commune: draws again when a name is taken, and only
 * then numbers it ("Les Tilleuls II"), as landlords do for a second phase.
 */
export class NameBook {
  private readonly used = new Map<string, number>();

  fresh(draw: () => string, attempts = 5): string {
    let name = draw();
    for (let attempt = 1; attempt < attempts && this.used.has(name); attempt++) name = draw();
    return this.unique(name);
  }

  unique(name: string): string {
    const count = (this.used.get(name) ?? 0) + 1;
    this.used.set(name, count);
    return count === 1 ? name : `${name} ${ROMAN[count - 1] ?? count}`;
  }
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

/** Hands out house numbers street by street, so that no two buildings of a commune share an address. */
export class AddressBook {
  private readonly last = new Map<string, number>();

  number(type: string, name: string): string {
    const key = `${type} ${name}`;
    const next = (this.last.get(key) ?? 0) + 1;
    this.last.set(key, next);
    return String(next);
  }
}
