/**
 * Roles and permissions: a small explicit table, deny by default. A permission absent from a
 * role's list is refused whatever the perimeter.
 */
export const ROLES = [
  'agent',
  'agency_manager',
  'territorial_director',
  'observatory_officer',
  'executive',
  'partner',
  'administrator',
  'group_analyst',
] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'read_patrimony',
  'manage_patrimony',
  'record_incident',
  'read_incident',
  'manage_incident',
  'read_aggregates',
  'read_group_aggregates',
  'read_landlord_reports',
  'read_pre_litigation',
  'manage_pre_litigation',
  'read_renovation',
  'manage_renovation',
  'read_deliberations',
  'manage_deliberations',
  'administer_users',
  'read_audit',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  agent: ['read_patrimony', 'record_incident', 'read_incident', 'read_aggregates'],
  agency_manager: [
    'read_patrimony', 'record_incident', 'read_incident', 'manage_incident', 'read_aggregates',
    'read_pre_litigation', 'manage_pre_litigation', 'read_renovation',
  ],
  territorial_director: [
    'read_patrimony', 'record_incident', 'read_incident', 'manage_incident', 'read_aggregates',
    'read_renovation', 'manage_renovation', 'read_deliberations',
  ],
  observatory_officer: [
    'read_patrimony', 'manage_patrimony', 'record_incident', 'read_incident', 'manage_incident', 'read_aggregates',
    'read_landlord_reports', 'read_pre_litigation', 'manage_pre_litigation', 'read_renovation', 'read_deliberations',
  ],
  // Aggregates only: no incident record, hence no personal data.
  // The board report and the USH survey (every figure of the whole landlord) go to whole-landlord roles only.
  executive: ['read_patrimony', 'read_aggregates', 'read_landlord_reports', 'read_renovation', 'read_deliberations', 'manage_deliberations'],
  // Aggregates for their communes, small counts suppressed by the aggregate services.
  partner: ['read_aggregates'],
  administrator: ['read_patrimony', 'manage_patrimony', 'administer_users', 'read_audit'],
  group_analyst: ['read_group_aggregates'],
};

/** Which kind of perimeter each role is given: the one its job spans. */
export type PerimeterKind = 'agencies' | 'directorates' | 'communes' | 'organisation';

export const ROLE_PERIMETER: Readonly<Record<Role, PerimeterKind>> = {
  agent: 'agencies',
  agency_manager: 'agencies',
  territorial_director: 'directorates',
  observatory_officer: 'organisation',
  executive: 'organisation',
  partner: 'communes',
  administrator: 'organisation',
  group_analyst: 'organisation',
};

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

export function roleAllows(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
