import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../http/context.js';
import { errorResponses, IdParam, json, jsonBody, problem } from '../http/openapi.js';
import { createRouter } from '../http/router.js';
import { ROLES } from './domain/roles.js';
import { permission } from './route-permission.js';
import { accountsOf, createAccount, disableAccount, perimeterOptionsOf, resetAccountPassword } from './users-admin.js';

const tags = ['users'];

const codes = (description: string, item: z.ZodString) => z.array(item).max(500).default([]).openapi({ description });
const NewAccountSchema = z
  .object({
    email: z.string().trim().toLowerCase().max(254).pipe(z.email()),
    displayName: z.string().trim().min(1).max(200),
    role: z.enum(ROLES),
    agencies: codes('External ids of agencies (agent, agency manager)', z.string().min(1).max(100)),
    directorates: codes('External ids of directorates (territorial director)', z.string().min(1).max(100)),
    communes: codes('INSEE codes of communes (partner)', z.string().regex(/^[0-9][0-9AB][0-9]{3}$/)),
  })
  .openapi('NewAccount', { description: 'The perimeter must be of the role’s kind (docs/security.md); roles spanning the organisation take none' });

export const PlaceSchema = z.object({ kind: z.enum(['agency', 'directorate', 'commune']), code: z.string(), name: z.string() });
export const AccountSchema = z
  .object({
    id: z.number().int(),
    email: z.string(),
    displayName: z.string(),
    disabled: z.boolean(),
    mustChangePassword: z.boolean(),
    locked: z.boolean().openapi({ description: 'Locked after repeated sign-in failures (a password reset unlocks it)' }),
    createdAt: z.string(),
    grants: z.array(z.object({ role: z.enum(ROLES), wholeOrganisation: z.boolean(), places: z.array(PlaceSchema) })),
  })
  .openapi('Account');
export const OneTimePasswordSchema = z.object({
  oneTimePassword: z.string().openapi({ description: 'Shown once, never stored in clear: to give to the person, who must change it at first sign-in' }),
});
const conflict = { 409: problem('An account with this email exists, or the account is the caller’s own') };

const list = createRoute({
  method: 'get', path: '/users', tags, ...permission('administer_users'), summary: 'The organisation’s accounts with their roles and perimeters',
  responses: { 200: json(z.array(AccountSchema), 'Accounts by name'), ...errorResponses },
});
const options = createRoute({
  method: 'get', path: '/users/perimeter-options', tags, ...permission('administer_users'),
  summary: 'What a perimeter may be made of: the directorates, the agencies and the communes of the patrimony',
  responses: { 200: json(z.array(PlaceSchema.extend({ directorateCode: z.string().nullable() })), 'Places by kind and name'), ...errorResponses },
});
const create = createRoute({
  method: 'post', path: '/users', tags, ...permission('administer_users'), summary: 'Create an account with one role and its perimeter, and a one-time password',
  request: jsonBody(NewAccountSchema),
  responses: { 201: json(AccountSchema.extend(OneTimePasswordSchema.shape), 'Created'), ...errorResponses, ...conflict },
});
const disable = createRoute({
  method: 'post', path: '/users/{userId}/disable', tags, ...permission('administer_users'), summary: 'Disable an account and end its sessions',
  request: { params: IdParam('userId') },
  responses: { 200: json(AccountSchema, 'Disabled'), ...errorResponses, ...conflict },
});
const reset = createRoute({
  method: 'post', path: '/users/{userId}/reset-password', tags, ...permission('administer_users'),
  summary: 'Give an account a new one-time password (to change at first sign-in); ends its sessions and its lockout',
  request: { params: IdParam('userId') },
  responses: { 200: json(OneTimePasswordSchema, 'The new one-time password'), ...errorResponses, ...conflict },
});

const callerOf = (c: Context<AppEnv>) => ({ db: c.get('db'), actor: c.get('actor') });

export function userRoutes() {
  return createRouter()
    .openapi(list, async (c) => c.json(await accountsOf(callerOf(c)), 200))
    .openapi(options, async (c) => c.json(await perimeterOptionsOf(callerOf(c)), 200))
    .openapi(create, async (c) => c.json(await createAccount(callerOf(c), c.req.valid('json')), 201))
    .openapi(disable, async (c) => c.json(await disableAccount(callerOf(c), c.req.valid('param').userId), 200))
    .openapi(reset, async (c) => c.json(await resetAccountPassword(callerOf(c), c.req.valid('param').userId), 200));
}
