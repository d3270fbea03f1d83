/**
 * Money is held in integer euro cents everywhere (storage, API, sums): never floating euros.
 * Only display turns cents into a formatted amount.
 */
const EUROS_FR = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });

const EUROS_EN = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' });

/** "1 234 567,89 €" (French grouping and decimal comma). */
export function formatEurosFr(cents: number): string {
  return EUROS_FR.format(cents / 100);
}

/** "€1,234,567.89", for the English half of messages. */
export function formatEurosEn(cents: number): string {
  return EUROS_EN.format(cents / 100);
}

export const euros = (amount: number) => Math.round(amount * 100);

export const sumCents = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
