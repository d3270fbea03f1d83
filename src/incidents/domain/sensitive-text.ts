/**
 * The free-text guard (GDPR art. 9 and 10): descriptions and comments must state facts, not
 * people. Before saving, the text is searched for special-category data (health, origin,
 * religion, sexual orientation, political or union opinions), offences or convictions named
 * about a person, and likely personal names. It is a warning net, not a proof: the user may
 * confirm a text it flags, and that choice is audited (categories only, never the text).
 */

export const SENSITIVE_CATEGORIES = [
  'health', 'origin', 'religion', 'sexual_orientation', 'political_opinion', 'union_membership', 'offence', 'personal_name',
] as const;
export type SensitiveCategory = (typeof SENSITIVE_CATEGORIES)[number];

export interface SensitiveFinding {
  category: SensitiveCategory;
  /** The words that matched, as the user wrote them. */
  excerpt: string;
}

/**
 * Terms per category, as regular-expression fragments over the folded text (lower case, no
 * accents). Stems end with `\p{L}*`. Words that also name facts of the nomenclature (drugs,
 * dealing, theft…) are left out on purpose: they describe the incident, not a person.
 */
const TERMS: Record<Exclude<SensitiveCategory, 'personal_name'>, string[]> = {
  health: [
    'malade', 'maladie', 'handicap\\p{L}*', 'depressi\\p{L}*', 'psychiatri\\p{L}*', 'psychotique', 'schizophren\\p{L}*',
    'bipolaire', 'autis\\p{L}*', 'alcooli\\p{L}*', 'toxicomane\\p{L}*', 'seropositi\\p{L}*', 'vih', 'sida', 'cancer\\p{L}*', 'diabet\\p{L}*',
    'grossesse', 'hospitalis\\p{L}*', 'sous traitement', 'medicaments?', 'suicid\\p{L}*', 'demence', 'alzheimer',
  ],
  origin: [
    "d'origine", 'origine ethnique', 'ethnie', 'racial\\p{L}*', 'africain\\p{L}*', 'maghrebin\\p{L}*', 'arabes?', 'rebeus?', 'renois?',
    'beurs?', 'gitan\\p{L}*', 'roms?', 'tsigane\\p{L}*', 'manouche\\p{L}*', 'immigr\\p{L}*', 'sans[- ]papiers', 'nationalite',
    'algerien\\p{L}*', 'marocain\\p{L}*', 'tunisien\\p{L}*', 'turcs?', 'turques?', 'senegalais\\p{L}*', 'maliens?', 'maliennes?',
    'comorien\\p{L}*', 'roumain\\p{L}*', 'tchetchene\\p{L}*', 'asiatiques?', 'chinois\\p{L}*', 'noirs? de peau', 'couleur de peau',
  ],
  religion: [
    'religi\\p{L}*', 'musulman\\p{L}*', 'islam\\p{L}*', 'salafis\\p{L}*', 'juifs?', 'juives?', 'judaisme', 'chretien\\p{L}*', 'catholique\\p{L}*',
    'protestant\\p{L}*', 'evangelique\\p{L}*', 'bouddhiste\\p{L}*', 'hindou\\p{L}*', 'temoins? de jehovah', 'mosquee\\p{L}*', 'synagogue\\p{L}*',
    'voilee\\p{L}*', 'ramadan', 'imams?', 'rabbins?', 'pretres?', 'kippa', 'burqa', 'niqab',
  ],
  sexual_orientation: [
    'homosexu\\p{L}*', 'homos?', 'gays?', 'lesbiennes?', 'bisexu\\p{L}*', 'transgenres?', 'transsexu\\p{L}*', 'orientation sexuelle', 'peds?', 'pedes?',
    'tapettes?', 'travestis?',
  ],
  political_opinion: [
    'opinions? politiques?', 'parti politique', 'militant\\p{L}*', 'communiste\\p{L}*', 'socialiste\\p{L}*', 'gauchiste\\p{L}*', 'facho\\p{L}*',
    'fasciste\\p{L}*', 'extreme[- ]droite', 'extreme[- ]gauche', 'front national', 'rassemblement national', 'insoumis\\p{L}*', 'anarchiste\\p{L}*',
    'gilets? jaunes?', 'electeurs?', 'electrices?', 'vote pour',
  ],
  union_membership: ['syndiqu\\p{L}*', 'syndicalist\\p{L}*', 'delegue syndical\\p{L}*', 'cgt', 'cfdt', 'sud solidaires', 'force ouvriere'],
  offence: [
    'condamn\\p{L}*', 'casier judiciaire', 'prison', 'incarcer\\p{L}*', 'detenus?', 'ancien detenu', 'garde a vue', 'controle judiciaire',
    'bracelet electronique', 'mis en examen', 'mise en examen', 'connus? des services de police', 'connus? de la police', 'fiche s',
    'repris de justice', 'recidivistes?', 'sursis', 'ecroue\\p{L}*',
  ],
};

const LETTER_OR_DIGIT = '[\\p{L}\\p{N}]';
const termPattern = (terms: string[]) => new RegExp(`(?<!${LETTER_OR_DIGIT})(?:${terms.join('|')})(?!${LETTER_OR_DIGIT})`, 'gu');
const TERM_PATTERNS = Object.entries(TERMS).map(([category, terms]) => [category as SensitiveCategory, termPattern(terms)] as const);

/** Lower case without accents, one UTF-16 unit for one, so that positions stay those of the text. */
function fold(text: string): string {
  return Array.from({ length: text.length }, (_, index) => {
    const unit = text[index]!;
    return unit.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()[0] ?? unit;
  }).join('').replace(/[’‘]/g, "'");
}

// ——— Personal names ———

/** Common first names in France (INSEE birth registers), accents as usually written. */
const FIRST_NAMES = new Set(`
  Jean Marie Michel Philippe Alain Nicolas Christophe Patrick Daniel Pierre Thierry Bernard Éric Eric Frédéric Laurent Stéphane
  David Julien Sébastien Olivier Pascal Christian Thomas Alexandre François Dominique Antoine Kevin Kévin Maxime Romain Guillaume
  Anthony Jérôme Vincent Franck Didier Bruno Gilles Sylvain Cédric Mickaël Mathieu Lucas Hugo Louis Gabriel Léo Jules Arthur Raphaël
  Nathan Enzo Théo Noah Adam Mohamed Mohammed Ahmed Karim Mehdi Rachid Youssef Yanis Bilal Ibrahim Moussa Mamadou Samir Nabil Sofiane
  Nathalie Isabelle Sylvie Catherine Françoise Christine Valérie Sandrine Véronique Sophie Stéphanie Céline Julie Aurélie Émilie
  Emilie Laetitia Nadia Fatima Karima Samira Leila Leïla Aïcha Aicha Yasmine Inès Ines Sarah Léa Manon Camille Chloé Emma Jade
  Louise Alice Lina Zoé Anaïs Laura Pauline Marion Mélanie Audrey Caroline Virginie Martine Monique Nicole Jacqueline Brigitte
  Patricia Chantal Annie Josiane Danielle Sabrina Jessica Amandine Élodie Elodie Kelly Océane Morgane Justine Charlotte Anne
  Marc Paul André Jacques René Roger Robert Georges Henri Claude Serge Fabrice Lionel Hervé Joël Yves Gérard Christelle Corinne
`.split(/\s+/).filter(Boolean));

/** First names that are also ordinary words: a name only when a surname follows. */
const AMBIGUOUS_FIRST_NAMES = new Set(['Pierre', 'Claude', 'Louise', 'Jade', 'Marc', 'Anne', 'Adam', 'Jules', 'Paul', 'Christian', 'Dominique', 'Camille']);

/** Words before which a name names a street, a school or a building, not a person. */
const PLACE_WORDS = new Set([
  'rue', 'avenue', 'av', 'boulevard', 'bd', 'place', 'allee', 'impasse', 'square', 'quai', 'chemin', 'cours', 'route', 'residence', 'cite',
  'ecole', 'college', 'lycee', 'stade', 'gymnase', 'centre', 'parc', 'pont', 'tour', 'batiment', 'foyer', 'saint', 'sainte', 'hopital', 'salle',
]);

/** Upper-case words that are acronyms, not surnames. */
const ACRONYMS = new Set([
  'SAMU', 'SDIS', 'SMUR', 'CGT', 'CFDT', 'EDF', 'GDF', 'ERDF', 'GRDF', 'RATP', 'SNCF', 'HLM', 'OPH', 'QPV', 'ITT', 'VTT', 'BAC', 'CRS', 'PV', 'RSA',
  'CAF', 'CPAM', 'SMS', 'PM', 'PN', 'GN', 'CLSPD', 'CLSPDR', 'CCAS', 'OT', 'RDC', 'SOS', 'ASVP', 'VMC', 'TV', 'HS', 'OK', 'URGENT',
]);

const CAPITALISED = "\\p{Lu}[\\p{Ll}'’]+(?:-\\p{Lu}[\\p{Ll}]+)?";
const UPPER = '\\p{Lu}{2,}(?:-\\p{Lu}{2,})?';
const END = '(?![\\p{L}\\p{N}-])';
const START = '(?<![\\p{L}\\p{N}-])';
const CIVILITY = new RegExp(`${START}(?:M\\.|MM\\.|Mr\\.?|Mme\\.?|Mlle\\.?|Monsieur|Madame|Mademoiselle|Dr\\.?)\\s+(?:${CAPITALISED}|${UPPER})${END}`, 'gu');
const WORD_PAIR = new RegExp(`${START}(${CAPITALISED})\\s+(${CAPITALISED}|${UPPER})${END}`, 'gu');
const UPPER_THEN_CAPITALISED = new RegExp(`${START}(${UPPER})\\s+(${CAPITALISED})${END}`, 'gu');
const CAPITALISED_WORD = new RegExp(`${START}${CAPITALISED}${END}`, 'gu');

const isUpper = (word: string) => word === word.toUpperCase();
const firstPartOf = (word: string) => word.split('-')[0]!;
const isFirstName = (word: string) => FIRST_NAMES.has(word) || (word.includes('-') && word.split('-').every((part) => FIRST_NAMES.has(part)));

/**
 * Whether the words at `index` belong to the name of a place: going back over capitalised
 * words, a street, school or building word comes first ("rue Jean Jaurès", "Tour Victor Hugo").
 */
function inPlaceName(text: string, index: number): boolean {
  const words = text.slice(Math.max(0, index - 60), index).split(/[\s,;:()]+/).filter(Boolean);
  for (let at = words.length - 1; at >= 0; at--) {
    const word = words[at]!;
    if (PLACE_WORDS.has(fold(word).replace(/^[dl]'|\.$/g, ''))) return true;
    if (!/^\p{Lu}/u.test(word)) return false;
  }
  return false;
}

function personalNames(text: string): string[] {
  const found: { index: number; excerpt: string }[] = [];
  const add = (index: number, excerpt: string) => {
    if (!inPlaceName(text, index) && !found.some((other) => index >= other.index && index < other.index + other.excerpt.length)) {
      found.push({ index, excerpt });
    }
  };
  for (const match of text.matchAll(CIVILITY)) add(match.index, match[0]);
  for (const match of text.matchAll(WORD_PAIR)) {
    const [, first, second] = match as unknown as [string, string, string];
    const surname = isUpper(second) ? !ACRONYMS.has(second) : true;
    if (surname && (isFirstName(first) || (isUpper(second) && !ACRONYMS.has(second)))) add(match.index, match[0]);
  }
  for (const match of text.matchAll(UPPER_THEN_CAPITALISED)) {
    const [, surname, first] = match as unknown as [string, string, string];
    if (!ACRONYMS.has(surname) && isFirstName(first)) add(match.index, match[0]);
  }
  for (const match of text.matchAll(CAPITALISED_WORD)) {
    const word = match[0];
    if (isFirstName(word) && !AMBIGUOUS_FIRST_NAMES.has(firstPartOf(word))) add(match.index, word);
  }
  return found.sort((a, b) => a.index - b.index).map((name) => name.excerpt);
}

/** What the guard finds in one text, in the order of the categories, each excerpt once. */
export function findSensitiveText(text: string): SensitiveFinding[] {
  const folded = fold(text);
  const findings: SensitiveFinding[] = [];
  for (const [category, pattern] of TERM_PATTERNS) {
    for (const match of folded.matchAll(pattern)) findings.push({ category, excerpt: text.slice(match.index, match.index + match[0].length) });
  }
  findings.push(...personalNames(text).map((excerpt) => ({ category: 'personal_name' as const, excerpt })));
  const seen = new Set<string>();
  return findings.filter((finding) => {
    const key = `${finding.category}|${finding.excerpt.toLowerCase()}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/** How the API names each category in its answers (French first, as every message). */
export const CATEGORY_LABELS: Record<SensitiveCategory, string> = {
  health: 'santé / health',
  origin: 'origine / origin',
  religion: 'religion / religion',
  sexual_orientation: 'orientation sexuelle / sexual orientation',
  political_opinion: 'opinions politiques / political opinions',
  union_membership: 'appartenance syndicale / union membership',
  offence: 'infraction ou condamnation d’une personne / offence or conviction of a person',
  personal_name: 'nom de personne / personal name',
};
