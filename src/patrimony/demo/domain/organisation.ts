/**
 * The fictional landlord of the demo: an Office Public de l'Habitat of the Pas-de-Calais.
 * Name, SIREN, director and phone numbers are invented; phone numbers are in the range
 * ARCEP reserves for fiction (03 53 73 xx xx) and e-mails use the reserved .example domain.
 */
export const DEMO_ORGANISATION = {
  name: "Artois-Opale Habitat — Office public de l'habitat du Pas-de-Calais",
  shortName: 'Artois-Opale Habitat',
  siren: '279620074',
  addressLines: ['27 boulevard Faidherbe', 'CS 40021', '62000 Arras'],
  directorGeneral: 'Hélène Delattre',
} as const;

export const DEMO_EMAIL_DOMAIN = 'artois-opale-habitat.example';

export interface DemoDirectorate {
  code: string;
  name: string;
}

export interface DemoAgency {
  code: string;
  name: string;
  directorateCode: string;
  /** INSEE code of the commune where the agency office is. */
  seatInsee: string;
  /** Street address of the office (number, type and name). */
  address: string;
}

export const DEMO_DIRECTORATES: readonly DemoDirectorate[] = [
  { code: 'DT-ART', name: 'Direction territoriale Artois' },
  { code: 'DT-LLH', name: 'Direction territoriale Lens-Liévin / Hénin-Carvin' },
  { code: 'DT-BBR', name: 'Direction territoriale Béthune-Bruay' },
  { code: 'DT-LIT', name: 'Direction territoriale Littoral Boulogne-Calais' },
  { code: 'DT-AUT', name: 'Direction territoriale Audomarois-Ternois' },
];

const agency = (code: string, name: string, directorateCode: string, seatInsee: string, address: string): DemoAgency => ({
  code, name, directorateCode, seatInsee, address,
});

export const DEMO_AGENCIES: readonly DemoAgency[] = [
  agency('AG01', 'Arras – Saint-Michel', 'DT-ART', '62041', '4 place Saint-Michel'),
  agency('AG02', 'Arras – Centre', 'DT-ART', '62041', '12 rue Gambetta'),
  agency('AG03', 'Saint-Laurent-Blangy', 'DT-ART', '62753', '8 rue Laurent Gers'),
  agency('AG04', 'Vitry-en-Artois', 'DT-ART', '62865', '2 place du Général de Gaulle'),
  agency('AG05', 'Arras – Ouest', 'DT-ART', '62263', '3 rue Jean Jaurès'),
  agency('AG06', 'Lens Grande Résidence', 'DT-LLH', '62498', '1 rue du Pôle Sud'),
  agency('AG07', 'Lens centre', 'DT-LLH', '62498', '21 boulevard Basly'),
  agency('AG08', 'Liévin', 'DT-LLH', '62510', '40 rue Jean-Baptiste Defernez'),
  agency('AG09', 'Avion', 'DT-LLH', '62065', '5 rue Paul Lafargue'),
  agency('AG10', 'Harnes', 'DT-LLH', '62413', '18 rue des Fusillés'),
  agency('AG11', 'Bully-les-Mines', 'DT-LLH', '62186', '9 rue de la République'),
  agency('AG12', 'Hénin-Beaumont', 'DT-LLH', '62427', '27 rue Élie Gruyelle'),
  agency('AG13', 'Carvin', 'DT-LLH', '62215', '6 place Jean Jaurès'),
  agency('AG14', 'Méricourt', 'DT-LLH', '62570', '11 rue Eugène Pottier'),
  agency('AG15', 'Courrières', 'DT-LLH', '62250', '12 rue Jean Jaurès'),
  agency('AG16', 'Béthune centre', 'DT-BBR', '62119', '14 rue d’Arras'),
  agency('AG17', 'Béthune – Mont-Liébaut', 'DT-BBR', '62119', '2 avenue de Londres'),
  agency('AG18', 'Bruay-la-Buissière', 'DT-BBR', '62178', '31 rue Arthur Lamendin'),
  agency('AG19', 'Nœux-les-Mines', 'DT-BBR', '62617', '7 rue Léon Blum'),
  agency('AG20', 'Auchel', 'DT-BBR', '62048', '16 rue Roger Salengro'),
  agency('AG21', 'Lillers', 'DT-BBR', '62516', '4 rue du Pont Quennez'),
  agency('AG22', 'Laventie – Flandre Lys', 'DT-BBR', '62491', '10 rue de Sailly'),
  agency('AG23', 'Calais – Beau-Marais', 'DT-LIT', '62193', '3 rue Jacques Monod'),
  agency('AG24', 'Calais centre', 'DT-LIT', '62193', '45 boulevard Jacquard'),
  agency('AG25', 'Boulogne-sur-Mer', 'DT-LIT', '62160', '22 rue Nationale'),
  agency('AG26', 'Outreau', 'DT-LIT', '62643', '5 rue de la Tour du Renard'),
  agency('AG27', 'Étaples', 'DT-LIT', '62318', '9 rue de Rosamel'),
  agency('AG28', 'Berck', 'DT-LIT', '62108', '13 rue de l’Impératrice'),
  agency('AG29', 'Saint-Omer', 'DT-AUT', '62765', '6 rue de Dunkerque'),
  agency('AG30', 'Aire-sur-la-Lys', 'DT-AUT', '62014', '2 rue d’Arras'),
  agency('AG31', 'Saint-Pol-sur-Ternoise', 'DT-AUT', '62767', '8 rue d’Hesdin'),
];
