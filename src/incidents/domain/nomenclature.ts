import { validationError, type FieldError } from '../../core/errors.js';
import { FAMILIES, type Family, type Severity } from './vocabulary.js';

/**
 * The nomenclature of incidents, after the national guide shared by landlords and the USH
 * observatory of incivilities: six families (A–F), each sub-category with a stable code such as
 * `D.TAG` and a default severity. Each landlord may rename, re-grade, deactivate or add
 * categories; every change is a new version, and an incident keeps the version it was recorded
 * with, so renaming never rewrites history.
 */
export interface CategoryDefinition {
  code: string;
  labelFr: string;
  labelEn: string;
  defaultSeverity: Severity;
}

export interface CategoryVersion extends CategoryDefinition {
  family: Family;
  version: number;
  active: boolean;
}

export const FAMILY_LABELS: Record<Family, { fr: string; en: string }> = {
  A: { fr: 'Propreté', en: 'Cleanliness' },
  B: { fr: 'Voisinage', en: 'Neighbours' },
  C: { fr: 'Occupation et usages détournés', en: 'Occupation and misuse' },
  D: { fr: 'Atteintes aux biens', en: 'Damage to property' },
  E: { fr: 'Atteintes aux personnels', en: 'Attacks on staff' },
  F: { fr: 'Atteintes aux locataires ou aux tiers', en: 'Attacks on tenants or third parties' },
};

const category = (code: string, labelFr: string, labelEn: string, defaultSeverity: Severity): CategoryDefinition => ({
  code, labelFr, labelEn, defaultSeverity,
});

/** The nomenclature every landlord starts from (version 1 of each code). */
export const DEFAULT_CATEGORIES: readonly CategoryDefinition[] = [
  category('A.DUMP', 'Dépôt sauvage, encombrants', 'Dumped waste, bulky items', 'G1'),
  category('A.THROW', 'Jet d’objets par les fenêtres', 'Objects thrown from windows', 'G1'),
  category('A.EXCREMENT', 'Déjections', 'Excrement', 'G1'),
  category('A.WRECK', 'Épave, véhicule abandonné', 'Wreck, abandoned vehicle', 'G1'),
  category('A.CAR_REPAIR', 'Mécanique sauvage', 'Car repairs in the street', 'G1'),
  category('B.NOISE', 'Bruit', 'Noise', 'G1'),
  category('B.ANIMAL', 'Nuisance d’animaux', 'Animals', 'G1'),
  category('B.DANGEROUS_DOG', 'Chien dangereux', 'Dangerous dog', 'G2'),
  category('B.DISPUTE', 'Conflit entre locataires', 'Dispute between tenants', 'G2'),
  category('C.HALL', 'Occupation de hall', 'Hall occupied', 'G2'),
  category('C.ROOF', 'Occupation de toit', 'Roof occupied', 'G2'),
  category('C.CELLAR', 'Occupation de cave', 'Cellar occupied', 'G2'),
  category('C.SQUAT', 'Squat', 'Squat', 'G3'),
  category('C.STASH', 'Stockage de drogue ou d’armes', 'Storage of drugs or weapons', 'G3'),
  category('C.SYRINGE', 'Seringues', 'Syringes', 'G2'),
  category('C.DEALING', 'Point de deal (suspecté)', 'Suspected dealing point', 'G3'),
  category('C.SUBLET', 'Sous-location illicite', 'Illegal subletting', 'G2'),
  category('C.RODEO', 'Rodéo motorisé', 'Motorbike rodeo', 'G3'),
  category('D.TAG', 'Tags, graffitis', 'Tags, graffiti', 'G1'),
  category('D.DOOR', 'Dégradation de porte', 'Damaged door', 'G2'),
  category('D.MAILBOX', 'Dégradation de boîtes aux lettres', 'Damaged letter boxes', 'G2'),
  category('D.LIFT', 'Dégradation d’ascenseur', 'Damaged lift', 'G3'),
  category('D.INTERCOM', 'Dégradation d’interphone', 'Damaged intercom', 'G2'),
  category('D.LIGHTING', 'Dégradation d’éclairage', 'Damaged lighting', 'G2'),
  category('D.ARSON_BIN', 'Incendie volontaire de poubelle', 'Deliberate bin fire', 'G3'),
  category('D.ARSON_CELLAR', 'Incendie volontaire de cave', 'Deliberate cellar fire', 'G3'),
  category('D.ARSON_BUILDING', 'Incendie volontaire de bâtiment', 'Deliberate building fire', 'G4'),
  category('D.FIRE_ACCIDENTAL', 'Incendie accidentel', 'Accidental fire', 'G2'),
  category('D.THEFT', 'Vol', 'Theft', 'G2'),
  category('D.BREAK_IN', 'Effraction', 'Break-in', 'G3'),
  category('D.ENERGY_THEFT', 'Vol d’énergie', 'Energy theft', 'G2'),
  category('D.SECURITY_EQUIPMENT', 'Dégradation d’équipement de sécurité', 'Damage to security equipment', 'G3'),
  category('E.INSULT', 'Insulte', 'Insult', 'G2'),
  category('E.THREAT', 'Menace (y compris téléphone et réseaux sociaux)', 'Threat (including by phone and social networks)', 'G2'),
  category('E.VIOLENCE', 'Violence sans ITT', 'Violence without ITT', 'G3'),
  category('E.ITT_UP_TO_8', 'Violence avec ITT ≤ 8 jours', 'Violence with ITT ≤ 8 days', 'G3'),
  category('E.ITT_OVER_8_OR_WEAPON', 'Violence avec ITT > 8 jours ou arme', 'Violence with ITT > 8 days or weapon', 'G4'),
  category('E.HOME', 'Atteinte au domicile d’un gardien', 'Attack on a caretaker’s own home', 'G3'),
  category('F.INSULT_THREAT', 'Insulte ou menace', 'Insult or threat', 'G2'),
  category('F.VIOLENCE', 'Violence', 'Violence', 'G3'),
  category('F.SERIOUS_VIOLENCE', 'Violence grave (ITT > 8 jours, arme)', 'Serious violence (ITT > 8 days, weapon)', 'G4'),
];

/** A family letter, a dot, then capitals, digits or underscores: `D.TAG`, `E.ITT_UP_TO_8`. */
const CODE_PATTERN = /^([A-F])\.[A-Z][A-Z0-9_]{1,31}$/;

/** The family a code belongs to, or undefined when the code is malformed. */
export function familyOfCode(code: string): Family | undefined {
  const family = CODE_PATTERN.exec(code)?.[1];
  return FAMILIES.find((candidate) => candidate === family);
}

export function initialCategories(): CategoryVersion[] {
  return DEFAULT_CATEGORIES.map((definition) => ({ ...definition, family: familyOfCode(definition.code)!, version: 1, active: true }));
}

export interface CategoryChange {
  labelFr?: string;
  labelEn?: string;
  defaultSeverity?: Severity;
  active?: boolean;
}

/**
 * The next version of a category after `change`, or null when nothing changes. A code unknown
 * so far (`current` undefined) creates version 1 and needs both labels and a default severity.
 */
export function reviseCategory(code: string, current: CategoryVersion | undefined, change: CategoryChange): CategoryVersion | null {
  const family = familyOfCode(code);
  if (!family) {
    throw validationError('Code de catégorie invalide / Invalid category code', [
      { field: 'code', message: 'Attendu : lettre de famille A–F, point, majuscules (ex. D.TAG) / Expected: family letter A–F, a dot, capitals (e.g. D.TAG)' },
    ]);
  }
  if (!current) return newCategory(code, family, change);
  const next: CategoryVersion = {
    ...current,
    labelFr: change.labelFr ?? current.labelFr,
    labelEn: change.labelEn ?? current.labelEn,
    defaultSeverity: change.defaultSeverity ?? current.defaultSeverity,
    active: change.active ?? current.active,
  };
  const unchanged = next.labelFr === current.labelFr && next.labelEn === current.labelEn
    && next.defaultSeverity === current.defaultSeverity && next.active === current.active;
  return unchanged ? null : { ...next, version: current.version + 1 };
}

function newCategory(code: string, family: Family, change: CategoryChange): CategoryVersion {
  const missing: FieldError[] = [];
  if (!change.labelFr) missing.push({ field: 'labelFr', message: 'Obligatoire pour une nouvelle catégorie / Required for a new category' });
  if (!change.labelEn) missing.push({ field: 'labelEn', message: 'Obligatoire pour une nouvelle catégorie / Required for a new category' });
  if (!change.defaultSeverity) missing.push({ field: 'defaultSeverity', message: 'Obligatoire pour une nouvelle catégorie / Required for a new category' });
  if (missing.length > 0) throw validationError('Nouvelle catégorie incomplète / Incomplete new category', missing);
  return { code, family, labelFr: change.labelFr!, labelEn: change.labelEn!, defaultSeverity: change.defaultSeverity!, version: 1, active: change.active ?? true };
}
