import type { Source } from './findings.js';

/**
 * The sources the rules apply. R. 421-13 and L. 421-8 CCH were read in a public mirror of the code
 * (OPH version from the decree of 18 June 2008); later amendments are not verified: see docs/deliberations.md.
 */
export const SOURCES = {
  cchR421_13Quorum: { label: 'CCH, art. R. 421-13 (quorum des deux tiers, seconde convocation)' },
  cchR421_13Proxy: { label: 'CCH, art. R. 421-13 (un seul mandat par administrateur)' },
  cchR421_13Majority: { label: 'CCH, art. R. 421-13 (majorité des présents ou représentés, voix prépondérante du président)' },
  cchR421_13Convocation: { label: 'CCH, art. R. 421-13 (ordre du jour communiqué dix jours à l’avance)' },
  cchL421_8Bureau: { label: 'CCH, art. L. 421-8 (délégation du conseil au bureau)' },
  instanceRules: { label: 'Règlement intérieur de l’instance' },
  standAsideQuorum: { label: 'CE, 19 janvier 1983, Chauré (membres intéressés exclus du quorum ; jurisprudence municipale appliquée par analogie)' },
  minutes: { label: 'Cohérence du procès-verbal' },
  actes: { label: 'Cahier des charges @ctes (numéro d’acte : 15 caractères, A–Z 0–9 _)' },
  executory: { label: 'CGCT, art. L. 2131-1 par analogie (caractère exécutoire après transmission et publication)' },
  scdl: { label: 'Schéma SCDL Délibérations 2.1.5', url: 'https://schema.data.gouv.fr/scdl/deliberations/2.1.5/' },
} satisfies Record<string, Source>;
