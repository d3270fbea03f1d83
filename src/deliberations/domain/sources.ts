import type { Source } from './findings.js';

/**
 * The sources the rules apply, with the wording checked (details and what could not be checked:
 * docs/deliberations.md, « Sources »). R. 421-13 CCH: wording of decree 2008-566 (18 June 2008),
 * completed by decree 2019-462 (16 May 2019, remote participation); its later amendments, if
 * any, were not read. L. 421-8 CCH: wording in force on 25 August 2019 (Légifrance).
 */
export const SOURCES = {
  cchR421_13Quorum: { label: 'CCH, art. R. 421-13 (quorum des deux tiers, seconde convocation ; rédaction du décret n° 2008-566)' },
  cchR421_13Proxy: { label: 'CCH, art. R. 421-13 (un seul mandat par administrateur)' },
  cchR421_13Majority: { label: 'CCH, art. R. 421-13 (majorité des présents ou représentés, voix prépondérante du président)' },
  cchR421_13DirectorGeneral: { label: 'CCH, art. R. 421-13 (nomination et fin de fonctions du directeur général à la majorité des deux tiers ; rédaction du décret n° 2008-566)' },
  cchR421_13Convocation: { label: 'CCH, art. R. 421-13 (ordre du jour communiqué dix jours à l’avance)' },
  cchL421_8Bureau: { label: 'CCH, art. L. 421-8 (le conseil élit un bureau auquel il peut donner délégation dans certaines matières ; rédaction en vigueur au 25 août 2019)' },
  cchR421_13Remote: { label: 'CCH, art. R. 421-13, dernier alinéa (décret n° 2019-462 du 16 mai 2019 : participation à distance selon le règlement intérieur, jamais comptée pour l’approbation des comptes)' },
  instanceRules: { label: 'Règlement intérieur de l’instance' },
  standAsideQuorum: { label: 'CE, 19 janvier 1983, Chauré (membres intéressés exclus du quorum ; jurisprudence municipale appliquée par analogie)' },
  minutes: { label: 'Cohérence du procès-verbal' },
  actes: { label: 'Cahier des charges @ctes (numéro d’acte : 15 caractères, A–Z 0–9 _)' },
  executory: { label: 'CGCT, art. L. 2131-1 par analogie (caractère exécutoire après transmission et publication)' },
  scdl: { label: 'Schéma SCDL Délibérations 2.1.5', url: 'https://schema.data.gouv.fr/scdl/deliberations/2.1.5/' },
} satisfies Record<string, Source>;
