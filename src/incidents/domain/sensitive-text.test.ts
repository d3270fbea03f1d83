import { describe, expect, it } from 'vitest';
import { findSensitiveText, type SensitiveCategory } from './sensitive-text.js';

const found = (text: string) => findSensitiveText(text).map((finding) => `${finding.category}:${finding.excerpt}`);

describe('free-text guard', () => {
  it.each<[string, SensitiveCategory, string]>([
    ['Le locataire du 3e est dépressif et crie la nuit', 'health', 'dépressif'],
    ['Voisin sous traitement psychiatrique, très agité', 'health', 'psychiatrique'],
    ['Personne alcoolique endormie dans le hall', 'health', 'alcoolique'],
    ['Locataire HANDICAPÉ bloqué par le scooter', 'health', 'HANDICAPÉ'],
    ['Jeunes d’origine maghrébine dans le hall', 'origin', 'd’origine'],
    ['Des Roms installés dans la cave', 'origin', 'Roms'],
    ['Famille de sans-papiers hébergée au 5e', 'origin', 'sans-papiers'],
    ['Insultes pendant le ramadan', 'religion', 'ramadan'],
    ['La voisine musulmane a été bousculée', 'religion', 'musulmane'],
    ['Propos sur un couple homosexuel du 2e', 'sexual_orientation', 'homosexuel'],
    ['Militant du Rassemblement national qui colle des affiches', 'political_opinion', 'Rassemblement national'],
    ['Le délégué syndical de l’agence menacé', 'union_membership', 'délégué syndical'],
    ['Auteur syndiqué à la CGT', 'union_membership', 'CGT'],
    ['Individu déjà condamné pour vol', 'offence', 'condamné'],
    ['Il sort de prison depuis un mois', 'offence', 'prison'],
    ['Jeune connu des services de police', 'offence', 'connu des services de police'],
    ['Il porte un bracelet électronique', 'offence', 'bracelet électronique'],
    ['M. Durand a insulté la gardienne', 'personal_name', 'M. Durand'],
    ['Mme LEFEBVRE signale du bruit', 'personal_name', 'Mme LEFEBVRE'],
    ['Menaces de Kevin Martin envers le gardien', 'personal_name', 'Kevin Martin'],
    ['Plainte contre DUPONT Jean pour dégradation', 'personal_name', 'DUPONT Jean'],
    ['Tags signés par Jean-Pierre BERNARD', 'personal_name', 'Jean-Pierre BERNARD'],
    ['Le fils, Mohamed, jette des ordures', 'personal_name', 'Mohamed'],
    ['Madame Petit a été bousculée', 'personal_name', 'Madame Petit'],
  ])('flags « %s » as %s', (text, category, excerpt) => {
    expect(found(text)).toContain(`${category}:${excerpt}`);
  });

  it.each([
    'Tags dans le hall de l’escalier B',
    'Jet de pierres sur la loge du gardien',
    'Trafic de drogue suspecté dans la cave, seringues trouvées',
    'Porte du local vélo forcée, vol de deux vélos',
    'Dépôt d’encombrants devant le 3 rue Jean Jaurès',
    'Rodéo de motos sur le parking de l’école Marie Curie',
    'Personnes étrangères à la résidence dans le hall',
    'Chien de race dangereuse sans muselière',
    'Enceinte bluetooth à fond jusqu’à 2 h',
    'Déménagement bruyant la nuit, casier à vélo abîmé',
    'Le SAMU et les pompiers (SDIS) sont intervenus',
    'Incendie de poubelle au pied de la Tour Victor Hugo',
    'Pierre lancée contre la vitre du hall',
    'Dégradation constatée par le gardien, bon de travaux OT-2024-118',
    'Arras – Saint-Michel : boîtes aux lettres arrachées',
  ])('lets « %s » through', (text) => {
    expect(found(text)).toEqual([]);
  });

  it('reports each finding once, categories in order', () => {
    expect(found('M. Durand, alcoolique, et M. Durand encore : condamné, condamné')).toEqual([
      'health:alcoolique', 'offence:condamné', 'personal_name:M. Durand',
    ]);
  });
});
