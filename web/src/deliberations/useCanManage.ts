import { useSession } from '../access/SessionContext.js';

/** Whether the signed-in user may change the register: readers get the pages without their forms (the server refuses them anyway). */
export function useCanManage(): boolean {
  const { current } = useSession();
  return current.state === 'signed-in' && current.session.permissions.includes('manage_deliberations');
}
