import type { Queryable } from '../../db/database.js';
import type { Perimeter } from '../domain/perimeter.js';
import type { Role } from '../domain/roles.js';
import { hashPassword } from '../passwords.js';
import { DEMO_ORGANISATION } from '../../patrimony/demo/domain/organisation.js';
import { accountsByEmail, insertGrant, insertUser } from '../repository.js';

/** The demo accounts' shared password: a demonstration database holds nothing to protect. */
export const DEMO_PASSWORD = 'Vigie-demo-2026';

export interface DemoAccount {
  email: string;
  displayName: string;
  role: Role;
  /** Agencies and directorates by their external ids (codes of the demo referential). */
  perimeter: { agencies?: string[]; directorates?: string[]; communes?: string[] };
}

/**
 * One account per role over the fictional landlord, with perimeters that make the access rules
 * visible: the agent and the agency manager work in "Lens centre" (AG07), the territorial director
 * over Lens-Liévin / Hénin-Carvin, the partner is the town of Lens (62498).
 */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { email: 'agent@demo.vigie.fr', displayName: 'Karim Agent (gardien, Lens centre)', role: 'agent', perimeter: { agencies: ['AG07'] } },
  { email: 'responsable.agence@demo.vigie.fr', displayName: 'Claire Responsable (agence Lens centre)', role: 'agency_manager', perimeter: { agencies: ['AG07'] } },
  { email: 'directeur.territorial@demo.vigie.fr', displayName: 'Marc Directeur (DT Lens-Liévin)', role: 'territorial_director', perimeter: { directorates: ['DT-LLH'] } },
  { email: 'observatoire@demo.vigie.fr', displayName: 'Sophie Observatoire', role: 'observatory_officer', perimeter: {} },
  { email: 'direction@demo.vigie.fr', displayName: 'Anne Direction générale', role: 'executive', perimeter: {} },
  { email: 'partenaire.lens@demo.vigie.fr', displayName: 'Ville de Lens (partenaire)', role: 'partner', perimeter: { communes: ['62498'] } },
  { email: 'admin@demo.vigie.fr', displayName: 'Paul Administrateur', role: 'administrator', perimeter: {} },
];

/** Creates the demo accounts in `organisationId` (part of the demo's one transaction). */
export async function loadDemoUsers(tx: Queryable, organisationId: number): Promise<number> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const account of DEMO_ACCOUNTS) {
    const userId = await insertUser(tx, { organisationId, email: account.email, displayName: account.displayName, passwordHash, mustChangePassword: false });
    await insertGrant(tx, organisationId, userId, { role: account.role, perimeter: await perimeterOf(tx, organisationId, account.perimeter) });
  }
  return DEMO_ACCOUNTS.length;
}

async function perimeterOf(tx: Queryable, organisationId: number, codes: DemoAccount['perimeter']): Promise<Perimeter> {
  const idsOf = async (table: 'agencies' | 'directorates', externalIds: string[] = []) =>
    externalIds.length === 0
      ? []
      : (await tx.query<{ id: number }>(`SELECT id FROM ${table} WHERE organisation_id = $1 AND external_id = ANY($2::text[]) ORDER BY id`, [organisationId, externalIds])).map((row) => row.id);
  const agencyIds = await idsOf('agencies', codes.agencies);
  const directorateIds = await idsOf('directorates', codes.directorates);
  const communes = codes.communes ?? [];
  return { wholeOrganisation: agencyIds.length + directorateIds.length + communes.length === 0, agencyIds, directorateIds, communes };
}

export interface DemoSignIn {
  password: string;
  accounts: { email: string; displayName: string; role: Role }[];
}

/**
 * The demo accounts and their password, only when this database holds the demo landlord with its
 * accounts (so that whoever runs `npm start` can try each role); never on a real deployment.
 */
export async function demoSignIn(db: Queryable): Promise<DemoSignIn | null> {
  const owners = await accountsByEmail(db, DEMO_ACCOUNTS[0]!.email);
  if (!owners.some((owner) => owner.siren === DEMO_ORGANISATION.siren)) return null;
  return { password: DEMO_PASSWORD, accounts: DEMO_ACCOUNTS.map(({ email, displayName, role }) => ({ email, displayName, role })) };
}
