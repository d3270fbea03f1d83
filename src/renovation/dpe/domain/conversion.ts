/**
 * Primary-energy conversion factor of electricity used by a DPE, by issue date: 2.58 for the
 * pre-2021 methods, 2.3 for the 2021 method (arrêté du 31 mars 2021 relatif aux méthodes et
 * procédures applicables au DPE), 1.9 for DPEs issued from 1 January 2026 (arrêté published in
 * 2025 amending that factor, JORFTEXT000052134589). Stored with each DPE so that labels computed
 * under different factors can be told apart.
 */
export function electricityPrimaryFactor(issuedOn: string): number {
  if (issuedOn >= '2026-01-01') return 1.9;
  if (issuedOn >= '2021-07-01') return 2.3;
  return 2.58;
}
