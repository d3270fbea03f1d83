import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../core/errors.js';
import type { Actor } from '../http/context.js';
import { describeEachEngine } from '../../test/support/engines.js';
import { createSmallPatrimony, type SmallPatrimony } from '../../test/support/fixtures.js';
import { authorize, perimeterFor, requireAccess } from './authorize.js';
import type { Perimeter, ResolvedTarget } from './domain/perimeter.js';
import { PERMISSIONS, ROLES, type Permission, type Role } from './domain/roles.js';

/**
 * The specification, written out by hand: the permissions each role has inside its own
 * perimeter. Changing the role table in roles.ts without changing this one fails the test.
 */
const EXPECTED: Record<Role, string> = {
  agent: 'read_patrimony record_incident read_incident read_aggregates',
  agency_manager: 'read_patrimony record_incident read_incident manage_incident read_aggregates read_pre_litigation manage_pre_litigation read_renovation',
  territorial_director: 'read_patrimony record_incident read_incident manage_incident read_aggregates read_renovation manage_renovation read_deliberations',
  observatory_officer: 'read_patrimony manage_patrimony record_incident read_incident manage_incident read_aggregates read_landlord_reports read_pre_litigation manage_pre_litigation read_renovation read_deliberations',
  executive: 'read_patrimony read_aggregates read_landlord_reports read_renovation read_deliberations manage_deliberations',
  partner: 'read_aggregates',
  administrator: 'read_patrimony manage_patrimony administer_users read_audit',
  group_analyst: 'read_group_aggregates',
};

const ORG = 1;
const none: Perimeter = { wholeOrganisation: false, agencyIds: [], directorateIds: [], communes: [] };
const OWN: Record<Role, Perimeter> = {
  agent: { ...none, agencyIds: [10] },
  agency_manager: { ...none, agencyIds: [10] },
  territorial_director: { ...none, directorateIds: [100] },
  observatory_officer: { ...none, wholeOrganisation: true },
  executive: { ...none, wholeOrganisation: true },
  partner: { ...none, communes: ['62498'] },
  administrator: { ...none, wholeOrganisation: true },
  group_analyst: { ...none, wholeOrganisation: true },
};

/** A residence of agency 10 (directorate 100) in Lens, one of agency 20 (directorate 200) in Arras. */
const place = (organisationId: number, agencyId: number, directorateId: number, commune: string): ResolvedTarget => ({
  organisationId, wholeOrganisation: false, agencyIds: [agencyId], directorateIds: [directorateId], communes: [commune],
});
const TARGETS = {
  own: place(ORG, 10, 100, '62498'),
  otherPerimeter: place(ORG, 20, 200, '62041'),
  otherTenant: place(2, 10, 100, '62498'),
};
/** Roles spanning the whole organisation have no "other perimeter" inside it. */
const WHOLE: readonly Role[] = ['observatory_officer', 'executive', 'administrator', 'group_analyst'];

const actorWith = (role: Role): Actor => ({ organisationId: ORG, userId: 7, grants: [{ role, perimeter: OWN[role] }] });

describe('authorize: role × permission × own perimeter / other perimeter / other tenant', () => {
  const cases = ROLES.flatMap((role) => PERMISSIONS.map((permission) => ({ role, permission, allowed: EXPECTED[role].split(' ').includes(permission) })));

  it.each(cases)('$role / $permission', ({ role, permission, allowed }) => {
    const actor = actorWith(role);
    expect(authorize(actor, permission)).toBe(allowed);
    expect(authorize(actor, permission, TARGETS.own)).toBe(allowed);
    expect(authorize(actor, permission, TARGETS.otherPerimeter)).toBe(allowed && WHOLE.includes(role));
    expect(authorize(actor, permission, TARGETS.otherTenant)).toBe(false);
  });

  it('denies by default: the legacy actor without grants, and an empty grant list', () => {
    for (const permission of PERMISSIONS) {
      expect(authorize({ organisationId: ORG }, permission)).toBe(false);
      expect(authorize({ organisationId: ORG, userId: 1, grants: [] }, permission, TARGETS.own)).toBe(false);
    }
  });

  it('needs the whole target inside one perimeter, and the whole organisation for organisation-wide targets', () => {
    const agent = actorWith('agent');
    const spanning: ResolvedTarget = { ...TARGETS.own, agencyIds: [10, 20] };
    expect(authorize(agent, 'read_aggregates', spanning)).toBe(false);
    const organisation: ResolvedTarget = { organisationId: ORG, wholeOrganisation: true, agencyIds: [], directorateIds: [], communes: [] };
    expect(authorize(agent, 'read_aggregates', organisation)).toBe(false);
    expect(authorize(actorWith('executive'), 'read_aggregates', organisation)).toBe(true);
  });

  it('combines grants: a permission counts only within the perimeters of the roles that carry it', () => {
    const actor: Actor = {
      organisationId: ORG, userId: 7,
      grants: [{ role: 'agency_manager', perimeter: OWN.agency_manager }, { role: 'partner', perimeter: { ...none, communes: ['62041'] } }],
    };
    expect(authorize(actor, 'read_aggregates', TARGETS.otherPerimeter)).toBe(true);
    expect(authorize(actor, 'read_incident', TARGETS.otherPerimeter)).toBe(false);
    expect(perimeterFor(actor, 'read_aggregates')).toEqual({ wholeOrganisation: false, agencyIds: [10], directorateIds: [], communes: ['62041'] });
    expect(perimeterFor(actor, 'read_incident')).toEqual({ wholeOrganisation: false, agencyIds: [10], directorateIds: [], communes: [] });
    expect(perimeterFor(actor, 'administer_users')).toBeNull();
  });
});

describeEachEngine('requireAccess resolves objects to their agency, directorate and commune', (database) => {
  let mine: SmallPatrimony;
  let theirs: SmallPatrimony;
  beforeAll(async () => {
    mine = await createSmallPatrimony(database());
    theirs = await createSmallPatrimony(database(), '272000029', 'Autre Habitat');
  });

  const status = async (promise: Promise<void>) => {
    try {
      await promise;
      return 'allowed';
    } catch (error) {
      if (error instanceof AppError) return error.kind;
      throw error;
    }
  };
  const actor = (role: Role, perimeter: Partial<Perimeter>): Actor => ({ organisationId: mine.organisationId, userId: 1, grants: [{ role, perimeter: { ...none, ...perimeter } }] });

  it('lets an agent reach its agency’s buildings, entrances and dwellings and nothing else', async () => {
    const agent = actor('agent', { agencyIds: [mine.agencyIds.lens] });
    const db = database();
    expect(await status(requireAccess(db, agent, 'read_incident', { kind: 'residence', id: mine.residenceIds.lens }))).toBe('allowed');
    expect(await status(requireAccess(db, agent, 'read_incident', { kind: 'entrance', id: mine.entranceIds.lensB }))).toBe('allowed');
    expect(await status(requireAccess(db, agent, 'read_incident', { kind: 'building', id: mine.buildingIds.arrasHouse }))).toBe('forbidden');
    expect(await status(requireAccess(db, agent, 'read_incident', { kind: 'residence', id: theirs.residenceIds.lens }))).toBe('not_found');
    expect(await status(requireAccess(db, agent, 'read_incident', { kind: 'directorate', id: mine.directorateId }))).toBe('forbidden');
    expect(await status(requireAccess(db, agent, 'manage_incident', { kind: 'residence', id: mine.residenceIds.lens }))).toBe('forbidden');
  });

  it('lets a territorial director reach its directorate, and a partner its commune only', async () => {
    const db = database();
    const director = actor('territorial_director', { directorateIds: [mine.directorateId] });
    expect(await status(requireAccess(db, director, 'manage_incident', { kind: 'building', id: mine.buildingIds.arrasHouse }))).toBe('allowed');
    expect(await status(requireAccess(db, director, 'read_aggregates', { kind: 'directorate', id: mine.directorateId }))).toBe('allowed');
    expect(await status(requireAccess(db, director, 'read_aggregates', { kind: 'directorate', id: theirs.directorateId }))).toBe('not_found');
    const partner = actor('partner', { communes: ['62498'] });
    expect(await status(requireAccess(db, partner, 'read_aggregates', { kind: 'commune', insee: '62498' }))).toBe('allowed');
    expect(await status(requireAccess(db, partner, 'read_aggregates', { kind: 'commune', insee: '62041' }))).toBe('forbidden');
    expect(await status(requireAccess(db, partner, 'read_aggregates', { kind: 'organisation' }))).toBe('forbidden');
    expect(await status(requireAccess(db, partner, 'read_incident', { kind: 'commune', insee: '62498' }))).toBe('forbidden');
    expect(await status(requireAccess(db, partner, 'read_aggregates', { kind: 'commune', insee: '99999' }))).toBe('not_found');
  });

  it('lets the agent of every agency holding residences in a commune read that commune', async () => {
    const db = database();
    const lensAgent = actor('agent', { agencyIds: [mine.agencyIds.lens] });
    expect(await status(requireAccess(db, lensAgent, 'read_aggregates', { kind: 'commune', insee: '62498' }))).toBe('allowed');
    expect(await status(requireAccess(db, lensAgent, 'read_aggregates', { kind: 'commune', insee: '62041' }))).toBe('forbidden');
  });
});
