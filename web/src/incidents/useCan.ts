import { useSession } from '../access/SessionContext.js';
import type { Session } from '../access/api.js';

/** Whether the signed-in user's roles carry `permission` somewhere in their perimeters. */
export function useCan(permission: Session['permissions'][number]): boolean {
  const { current } = useSession();
  return current.state === 'signed-in' && current.session.permissions.includes(permission);
}
