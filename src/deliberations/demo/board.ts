/**
 * Pure: the demo landlord's board of 27 voting members (and two staff representatives with a
 * consultative voice), its Bureau of 7, and a year of sessions (5 board, 6 Bureau) as session
 * files, the documented import format. Every name is invented. Vote counts are derived from the
 * domain's own tally, so that every item passes the rules.
 */
import type { Instance, Item, Member, SessionFile } from '../domain/model.js';
import { itemContext, tally } from '../domain/tally.js';

export const DEMO_YEAR = 2025;

const LANDLORD: SessionFile['landlord'] = {
  name: 'Artois-Opale Habitat',
  legalForm: "Office Public de l'Habitat",
  siret: '27962007400013',
  addressLines: ['27 boulevard Faidherbe', 'CS 40021 – 62000 ARRAS'],
  directorGeneral: { civility: 'Mme', firstName: 'Hélène', lastName: 'Delattre' },
};

const INSTANCES: Instance[] = [
  { id: 'CA', kind: 'board', name: "Conseil d'administration", seats: 27, quorum: { numerator: 2, denominator: 3 }, maxProxiesPerMember: 1, remoteAttendanceAllowed: true, majority: 'present_or_represented', castingVote: true },
  // Internal rules of the demo office: half of the Bureau, one proxy each.
  { id: 'BUREAU', kind: 'bureau', name: 'Bureau', seats: 7, quorum: { numerator: 1, denominator: 2 }, maxProxiesPerMember: 1, remoteAttendanceAllowed: true, majority: 'present_or_represented', castingVote: true },
];

const BUREAU = new Set(['ca01', 'ca02', 'ca09', 'ca12', 'ca15', 'ca20', 'ca23']);

type Row = [id: string, civility: 'M.' | 'Mme', firstName: string, lastName: string, category: Member['category']];
const ROWS: Row[] = [
  ['ca01', 'M.', 'Jean-Pierre', 'Lefebvre', 'collectivity_elected'],
  ['ca02', 'Mme', 'Martine', 'Dupuis', 'collectivity_elected'],
  ['ca03', 'M.', 'Bruno', 'Caron', 'collectivity_elected'],
  ['ca04', 'Mme', 'Véronique', 'Leclercq', 'collectivity_elected'],
  ['ca05', 'M.', 'Thierry', 'Delannoy', 'collectivity_elected'],
  ['ca06', 'Mme', 'Sandrine', 'Vasseur', 'collectivity_elected'],
  ['ca07', 'M.', 'Olivier', 'Lemaire', 'collectivity_elected'],
  ['ca08', 'Mme', 'Françoise', 'Wattel', 'collectivity_elected'],
  ['ca09', 'M.', 'Hervé', 'Dumont', 'collectivity_qualified_person'],
  ['ca10', 'Mme', 'Nadia', 'Bensaïd', 'collectivity_qualified_person'],
  ['ca11', 'M.', 'Laurent', 'Hennebelle', 'collectivity_qualified_person'],
  ['ca12', 'Mme', 'Catherine', 'Deprez', 'collectivity_qualified_person'],
  ['ca13', 'M.', 'Éric', 'Lagache', 'collectivity_qualified_person'],
  ['ca14', 'Mme', 'Agnès', 'Fournier', 'collectivity_qualified_person'],
  ['ca15', 'M.', 'Gérard', 'Delcroix', 'qualified_person'],
  ['ca16', 'Mme', 'Anne-Sophie', 'Plouvier', 'qualified_person'],
  ['ca17', 'M.', 'Karim', 'Messaoudi', 'association'],
  ['ca18', 'Mme', 'Brigitte', 'Dhainaut', 'other'],
  ['ca19', 'M.', 'Marc', 'Vanderbecken', 'other'],
  ['ca20', 'Mme', 'Julie', 'Carpentier', 'other'],
  ['ca21', 'M.', 'Patrice', 'Lemoine', 'other'],
  ['ca22', 'Mme', 'Sylvie', 'Dufour', 'other'],
  ['ca23', 'M.', 'Daniel', 'Lecomte', 'tenants_representative'],
  ['ca24', 'Mme', 'Fatima', 'Ziani', 'tenants_representative'],
  ['ca25', 'M.', 'Roger', 'Baert', 'tenants_representative'],
  ['ca26', 'Mme', 'Ginette', 'Pruvost', 'tenants_representative'],
  ['ca27', 'M.', 'Kevin', 'Tison', 'tenants_representative'],
  ['cse1', 'Mme', 'Laetitia', 'Bocquet', 'staff_representative'],
  ['cse2', 'M.', 'Stéphane', 'Leroux', 'staff_representative'],
];

const MEMBERS: Member[] = ROWS.map(([id, civility, firstName, lastName, category]) => ({
  id, civility, firstName, lastName, category,
  // Staff representatives sit with a consultative voice only.
  voting: category !== 'staff_representative',
  instances: BUREAU.has(id) ? ['CA', 'BUREAU'] : ['CA'],
  // Tenants' representatives were elected in December 2022, the others designated in 2021.
  mandateStart: category === 'tenants_representative' ? '2023-01-01' : '2021-07-01',
  mandateEnd: null,
}));

const DG = { civility: 'Mme', firstName: 'Hélène', lastName: 'Delattre' } as const;
const DAF = { civility: 'M.', firstName: 'Sébastien', lastName: 'Morel' } as const;
const DMO = { civility: 'Mme', firstName: 'Camille', lastName: 'Joly' } as const;
const DGL = { civility: 'M.', firstName: 'Yannick', lastName: 'Hochart' } as const;

const MATTERS = {
  minutes: { code: '5.2', name: 'institutions et vie politique/fonctionnement des assemblees' },
  budget: { code: '7.1', name: 'finances locales/decisions budgetaires' },
  loans: { code: '7.3', name: 'finances locales/emprunts' },
  procurement: { code: '1.1', name: 'commande publique/marches publics' },
  contracts: { code: '1.4', name: 'commande publique/autres types de contrats' },
  sales: { code: '3.2', name: 'domaine et patrimoine/alienations' },
  housing: { code: '8.5', name: 'domaines de competences par themes/politique de la ville-habitat-logement' },
} as const;

/** The board decisions the Bureau's items rely on: the one of 2021 until its replacement in February 2025. */
const DELEGATIONS = [
  { date: '2025-02-13', reference: 'CA2025_02_02' },
  { date: '2021-09-09', reference: 'CA2021_09_03' },
];
const delegationOn = (date: string) => DELEGATIONS.find((d) => d.date <= date)!;

type VoteSpec = 'unanimity' | { against: number; abstentions: number };

interface ItemSpec {
  subject: string;
  directorate: string;
  rapporteur: Item['rapporteur'];
  report: string[];
  decisions: string[];
  matter: Item['matter'];
  vote?: VoteSpec;
  standAsides?: Item['standAsides'];
  nature?: Item['nature'];
}

interface SessionSpec {
  instance: 'CA' | 'BUREAU';
  date: string;
  proxies: [giver: string, holder: string][];
  excused?: string[];
  absent?: string[];
  remote?: string[];
  transmitted: boolean;
  items: ItemSpec[];
}

const minutes = (date: string): ItemSpec => ({
  subject: `Approbation du procès-verbal de la séance du ${date}`,
  directorate: 'Secrétariat général',
  rapporteur: { civility: 'M.', firstName: 'Jean-Pierre', lastName: 'Lefebvre' },
  report: [`Le procès-verbal de la séance du ${date} a été adressé aux administrateurs avec la convocation.`],
  decisions: [`approuvent le procès-verbal de la séance du ${date}.`],
  matter: MATTERS.minutes,
});

const SESSIONS: SessionSpec[] = [
  {
    instance: 'BUREAU', date: '2025-01-23', proxies: [['ca20', 'ca09']], transmitted: true,
    items: [{
      subject: 'Attribution du marché de réhabilitation thermique de la résidence Les Glycines à Liévin (96 logements)',
      directorate: 'Direction de la maîtrise d’ouvrage', rapporteur: DMO,
      report: ['La consultation lancée en procédure adaptée a reçu cinq offres. La commission d’appel d’offres propose de retenir l’offre économiquement la plus avantageuse, pour 3 412 000 € HT.'],
      decisions: ['attribuent le marché de réhabilitation thermique de la résidence Les Glycines à l’entreprise classée première pour 3 412 000 € HT ;', 'autorisent le Directeur général à le signer.'],
      matter: MATTERS.procurement,
    }],
  },
  {
    instance: 'CA', date: '2025-02-13', proxies: [['ca06', 'ca03'], ['ca14', 'ca11'], ['ca26', 'ca24']], excused: ['ca19'], absent: ['ca22'], remote: ['ca17'], transmitted: true,
    items: [
      minutes('11 décembre 2024'),
      {
        subject: 'Délégations de pouvoirs au Bureau du conseil d’administration',
        directorate: 'Secrétariat général', rapporteur: DG,
        report: ['Pour la bonne marche de l’office, il est proposé de déléguer au Bureau l’attribution des marchés de travaux de 215 000 € HT à 5 382 000 € HT, les cessions de logements individuels à leurs occupants et les garanties d’emprunt.'],
        decisions: ['délèguent au Bureau l’attribution des marchés de travaux de 215 000 € HT à 5 382 000 € HT, les cessions de logements à leurs occupants et les garanties d’emprunt ;', 'abrogent la délibération du 9 septembre 2021 ayant le même objet.'],
        matter: MATTERS.minutes,
      },
      {
        subject: 'Adhésion au service mutualisé d’observatoire des incivilités et de la tranquillité résidentielle',
        directorate: 'Direction de la gestion locative et de la proximité', rapporteur: DGL,
        report: [
          'I – Contexte. Les incivilités relevées par les gardiens et les agences sont aujourd’hui suivies dans des tableaux séparés, sans vue d’ensemble par résidence.',
          'II – Le service. Plusieurs bailleurs du département mutualisent un observatoire commun : saisie des faits, cartographie, indicateurs par hall et bilans partagés avec les polices municipales et nationales.',
          'III – Coût. La participation annuelle est de 0,40 € par logement, soit 12 800 € pour l’office.',
        ],
        decisions: ['approuvent l’adhésion de l’office au service mutualisé d’observatoire des incivilités ;', 'autorisent le Directeur général à signer la convention d’adhésion et tout document s’y rapportant.'],
        matter: MATTERS.housing, vote: { against: 0, abstentions: 2 },
      },
    ],
  },
  {
    instance: 'BUREAU', date: '2025-03-20', proxies: [], excused: ['ca15'], transmitted: true,
    items: [{
      subject: 'Garantie d’emprunt : prêt de la Banque des Territoires pour la construction de 24 logements à Bully-les-Mines',
      directorate: 'Direction administrative et financière', rapporteur: DAF,
      report: ['Le prêt de 2 650 000 € sur 40 ans finance l’opération « Cœur de cité » ; la commune garantit 50 % de l’emprunt, le solde est demandé à la communauté d’agglomération.'],
      decisions: ['approuvent le contrat de prêt de 2 650 000 € et sollicitent les garanties des collectivités ;', 'autorisent le Directeur général à signer le contrat de prêt.'],
      matter: MATTERS.loans,
    }],
  },
  {
    instance: 'CA', date: '2025-04-10', proxies: [['ca08', 'ca07'], ['ca13', 'ca09'], ['ca25', 'ca23']], excused: ['ca21'], remote: ['ca18'], transmitted: true,
    items: [
      minutes('13 février 2025'),
      {
        subject: 'Approbation des comptes de l’exercice 2024 et affectation du résultat',
        directorate: 'Direction administrative et financière', rapporteur: DAF,
        report: ['Les comptes de l’exercice 2024, certifiés par le commissaire aux comptes, font apparaître un résultat de 4 126 000 €, affecté au report à nouveau.'],
        decisions: ['approuvent les comptes de l’exercice 2024 ;', 'affectent le résultat de 4 126 000 € au report à nouveau.'],
        matter: MATTERS.budget, vote: { against: 1, abstentions: 1 }, nature: 'accounts_approval',
      },
      {
        subject: 'Convention de financement 2025-2034 avec le Département du Pas-de-Calais pour la rénovation énergétique du patrimoine',
        directorate: 'Direction de la maîtrise d’ouvrage', rapporteur: DMO,
        report: [
          'I – Objet. Le Département, collectivité de rattachement, s’engage sur dix ans à soutenir la rénovation énergétique de 2 400 logements classés E, F ou G.',
          'II – Financement. L’aide départementale est de 5 000 € par logement rénové, versée par tranches annuelles selon le programme pluriannuel.',
          'III – Engagements de l’office. Atteindre au moins l’étiquette C, ne pas augmenter les loyers au titre des travaux et rendre compte chaque année.',
        ],
        decisions: ['approuvent la convention de financement 2025-2034 avec le Département du Pas-de-Calais annexée à la présente délibération ;', 'autorisent le Directeur général à la signer ainsi que ses avenants annuels de programmation.'],
        matter: MATTERS.housing, vote: { against: 0, abstentions: 1 },
        standAsides: [
          { member: 'ca02', reason: 'Vice-présidente du Département chargée du logement, signataire de la convention' },
          { member: 'ca04', reason: 'Conseillère départementale, membre de la commission permanente' },
          { member: 'ca05', reason: 'Conseiller départemental, membre de la commission permanente' },
        ],
      },
    ],
  },
  {
    instance: 'BUREAU', date: '2025-05-22', proxies: [['ca12', 'ca02']], transmitted: true,
    items: [{
      subject: 'Cession de deux logements individuels de la cité des Provinces à Harnes à leurs occupants',
      directorate: 'Direction de la gestion locative et de la proximité', rapporteur: DGL,
      report: ['Les occupants, locataires depuis plus de dix ans, ont demandé à acquérir leur logement ; le prix proposé suit l’avis du service des domaines.'],
      decisions: ['approuvent la cession des deux logements à leurs occupants au prix de l’avis des domaines ;', 'autorisent le Directeur général à signer les actes de vente.'],
      matter: MATTERS.sales,
    }],
  },
  {
    instance: 'CA', date: '2025-06-26', proxies: [['ca03', 'ca01'], ['ca10', 'ca12'], ['ca24', 'ca27']], excused: ['ca16'], transmitted: true,
    items: [
      minutes('10 avril 2025'),
      {
        subject: 'Constitution d’un groupement de commandes avec trois bailleurs sociaux pour l’entretien des ascenseurs',
        directorate: 'Direction administrative et financière', rapporteur: DAF,
        report: ['Le groupement, coordonné par l’office, couvre 412 appareils ; les économies attendues sont de 12 % sur quatre ans.'],
        decisions: ['approuvent la convention constitutive du groupement de commandes ;', 'autorisent le Directeur général à la signer et à lancer la consultation en qualité de coordonnateur.'],
        matter: MATTERS.contracts,
      },
    ],
  },
  {
    instance: 'BUREAU', date: '2025-07-10', proxies: [], remote: ['ca23'], transmitted: true,
    items: [{
      subject: 'Attribution du marché de remplacement des menuiseries de la résidence Le Beffroi à Arras (60 logements)',
      directorate: 'Direction de la maîtrise d’ouvrage', rapporteur: DMO,
      report: ['Quatre offres ont été reçues ; l’offre retenue s’élève à 742 000 € HT, dans l’enveloppe de l’opération.'],
      decisions: ['attribuent le marché à l’entreprise classée première pour 742 000 € HT ;', 'autorisent le Directeur général à le signer.'],
      matter: MATTERS.procurement,
    }],
  },
  {
    instance: 'BUREAU', date: '2025-09-25', proxies: [['ca09', 'ca01']], transmitted: false,
    items: [{
      subject: 'Convention de partage de données avec les polices municipales pour l’observatoire des incivilités',
      directorate: 'Direction de la gestion locative et de la proximité', rapporteur: DGL,
      report: ['La convention précise les données échangées (faits, lieux, dates, sans donnée nominative), leur durée de conservation et les droits des personnes.'],
      decisions: ['approuvent la convention de partage de données ;', 'autorisent le Directeur général à la signer avec chaque commune volontaire.'],
      matter: MATTERS.housing,
    }],
  },
  {
    instance: 'CA', date: '2025-10-16', proxies: [['ca07', 'ca05'], ['ca19', 'ca18'], ['ca27', 'ca25']], excused: ['ca13'], absent: ['ca26'], transmitted: true,
    items: [
      minutes('26 juin 2025'),
      {
        subject: 'Partenariat inter-bailleurs pour la tranquillité résidentielle dans les quartiers prioritaires du bassin minier',
        directorate: 'Direction de la gestion locative et de la proximité', rapporteur: DGL,
        report: [
          'Quatre bailleurs présents dans les mêmes quartiers prioritaires proposent de mutualiser une équipe de médiation de soirée et de partager leurs observations.',
          'La participation de l’office est de 85 000 € par an pendant trois ans.',
        ],
        decisions: ['approuvent l’accord de partenariat avec les bailleurs du bassin minier ;', 'autorisent le Directeur général à le signer.'],
        matter: MATTERS.housing, vote: { against: 0, abstentions: 3 },
      },
    ],
  },
  {
    instance: 'BUREAU', date: '2025-11-20', proxies: [], excused: ['ca20'], transmitted: false,
    items: [{
      subject: 'Avenant n° 1 au marché de réhabilitation thermique de la résidence Les Glycines à Liévin',
      directorate: 'Direction de la maîtrise d’ouvrage', rapporteur: DMO,
      report: ['Des travaux de désamiantage non prévus portent le marché à 3 561 000 € HT (+ 4,4 %).'],
      decisions: ['approuvent l’avenant n° 1 au marché pour 149 000 € HT ;', 'autorisent le Directeur général à le signer.'],
      matter: MATTERS.procurement,
    }],
  },
  {
    instance: 'CA', date: '2025-12-11', proxies: [['ca04', 'ca02'], ['ca11', 'ca09'], ['ca22', 'ca21']], excused: ['ca08', 'ca17'], transmitted: false,
    items: [
      minutes('16 octobre 2025'),
      {
        subject: 'Budget de l’exercice 2026',
        directorate: 'Direction administrative et financière', rapporteur: DAF,
        report: ['Le budget 2026 prévoit 98,4 M€ de produits d’exploitation et 61,2 M€ d’investissements, dont 22 M€ de rénovation énergétique.'],
        decisions: ['adoptent le budget de l’exercice 2026.'],
        matter: MATTERS.budget, vote: { against: 2, abstentions: 1 },
      },
    ],
  },
];

/** What some decisions decided, for the links of the register (act number → typed reference). */
export const DEMO_LINKS = [
  { actNumber: 'CA2025_02_03', kind: 'observatory_deployment', reference: 'OBS-MUTUALISE-2025', label: 'Adhésion au service mutualisé d’observatoire des incivilités' },
  { actNumber: 'BU2025_09_01', kind: 'observatory_deployment', reference: 'OBS-MUTUALISE-2025', label: 'Partage de données avec les polices municipales' },
  { actNumber: 'CA2025_04_03', kind: 'funding_convention', reference: 'CONV-CD62-2025-2034', label: 'Convention de financement 2025-2034 avec le Département' },
  { actNumber: 'CA2025_06_02', kind: 'procurement_grouping', reference: 'GC-ASCENSEURS-2025', label: 'Groupement de commandes – entretien des ascenseurs' },
  { actNumber: 'CA2025_10_02', kind: 'partnership', reference: 'PART-TRANQUILLITE-BASSIN-MINIER', label: 'Partenariat inter-bailleurs – tranquillité résidentielle' },
  { actNumber: 'BU2025_01_01', kind: 'operation', reference: 'OP-LIEVIN-GLYCINES', label: 'Réhabilitation thermique – Les Glycines, Liévin' },
  { actNumber: 'BU2025_11_01', kind: 'operation', reference: 'OP-LIEVIN-GLYCINES', label: 'Réhabilitation thermique – Les Glycines, Liévin' },
] as const;

const addDays = (date: string, days: number) => new Date(Date.parse(date) + days * 86_400_000).toISOString().slice(0, 10);

function attendance(spec: SessionSpec): SessionFile['session']['attendance'] {
  const status = (id: string) =>
    spec.excused?.includes(id) ? 'excused' : spec.absent?.includes(id) ? 'absent' : spec.remote?.includes(id) ? 'remote' : 'present';
  return MEMBERS.filter((m) => m.instances.includes(spec.instance)).map((m) => {
    const proxy = spec.proxies.find(([giver]) => giver === m.id);
    return proxy ? { member: m.id, status: 'excused_with_proxy' as const, proxyHolder: proxy[1] } : { member: m.id, status: status(m.id) };
  });
}

function toItem(spec: SessionSpec, item: ItemSpec, index: number): Item {
  const actNumber = `${spec.instance === 'CA' ? 'CA' : 'BU'}${spec.date.slice(0, 7).replace('-', '_')}_${String(index + 1).padStart(2, '0')}`;
  return {
    rank: index + 1,
    actNumber,
    subject: item.subject,
    directorate: item.directorate,
    rapporteur: item.rapporteur,
    report: item.report,
    decisions: item.decisions,
    nature: item.nature ?? 'ordinary',
    delegation: spec.instance === 'BUREAU' ? delegationOn(spec.date) : null,
    standAsides: item.standAsides ?? [],
    attendanceOverrides: [],
    vote: { kind: 'unanimity' },
    matter: item.matter,
    transmission: spec.transmitted
      ? { prefectureId: 'PREF062', transmittedOn: addDays(spec.date, 5), acknowledgedOn: addDays(spec.date, 5), publishedOn: addDays(spec.date, 6) }
      : undefined,
  };
}

function toSessionFile(spec: SessionSpec): SessionFile {
  const file: SessionFile = {
    landlord: LANDLORD,
    instances: INSTANCES,
    members: MEMBERS,
    session: { instance: spec.instance, date: spec.date, convocationDate: addDays(spec.date, -14), president: 'ca01', secondConvocation: false, attendance: attendance(spec) },
    items: spec.items.map((item, index) => toItem(spec, item, index)),
  };
  // Counted votes are derived from the domain's tally: for = those present or represented, less the others.
  spec.items.forEach((item, index) => {
    const target = file.items[index]!;
    if (item.vote === undefined || item.vote === 'unanimity') {
      target.declaredResult = 'adopted_unanimously';
      return;
    }
    const { voters } = tally(itemContext(file, target));
    target.vote = { kind: 'counts', for: voters - item.vote.against - item.vote.abstentions, against: item.vote.against, abstentions: item.vote.abstentions, notVoting: 0 };
    target.declaredResult = 'adopted';
  });
  return file;
}

/** The year of sessions, in date order. */
export function demoBoardSessions(): SessionFile[] {
  return SESSIONS.map(toSessionFile);
}
