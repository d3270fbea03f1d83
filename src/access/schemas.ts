import { z } from '@hono/zod-openapi';
import { MAX_PASSWORD_LENGTH } from './domain/password-policy.js';
import { PERMISSIONS, ROLES } from './domain/roles.js';

export const LoginSchema = z
  .object({
    email: z.string().trim().toLowerCase().max(254).pipe(z.email()),
    password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
    organisation: z.string().regex(/^[0-9]{9}$/).optional().openapi({ description: 'SIREN, needed only when the email has accounts in several organisations' }),
  })
  .openapi('Login');

export const PasswordChangeSchema = z
  .object({ currentPassword: z.string().min(1).max(MAX_PASSWORD_LENGTH), newPassword: z.string().min(1).max(MAX_PASSWORD_LENGTH) })
  .openapi('PasswordChange');

const GrantSchema = z.object({
  role: z.enum(ROLES),
  perimeter: z.object({
    wholeOrganisation: z.boolean(),
    agencyIds: z.array(z.number().int()),
    directorateIds: z.array(z.number().int()),
    communes: z.array(z.string()),
  }),
});

export const SessionSchema = z
  .object({
    user: z.object({ id: z.number().int(), organisationId: z.number().int(), email: z.string(), displayName: z.string() }),
    grants: z.array(GrantSchema),
    permissions: z.array(z.enum(PERMISSIONS)).openapi({ description: 'What the roles allow somewhere in their perimeters (for the web app’s menus; the server checks every request)' }),
    mustChangePassword: z.boolean(),
    csrfToken: z.string().openapi({ description: 'To send back in the X-CSRF-Token header of every POST, PUT, PATCH and DELETE' }),
  })
  .openapi('Session');
