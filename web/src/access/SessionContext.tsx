import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { fetchSession, type Session } from './api.js';

export type SessionState = { state: 'loading' } | { state: 'signed-out' } | { state: 'signed-in'; session: Session } | { state: 'error'; message: string };

interface SessionValue {
  current: SessionState;
  /** After sign-in or a password change: the API answered with the new session. */
  signedIn: (session: Session) => void;
  signedOut: () => void;
}

const SessionContext = createContext<SessionValue | null>(null);

/** Who is signed in, asked once when the app opens and updated by the sign-in pages. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [current, setCurrent] = useState<SessionState>({ state: 'loading' });
  useEffect(() => {
    fetchSession().then(
      (session) => setCurrent(session ? { state: 'signed-in', session } : { state: 'signed-out' }),
      (error: unknown) => setCurrent({ state: 'error', message: String(error) }),
    );
  }, []);
  const signedIn = useCallback((session: Session) => setCurrent({ state: 'signed-in', session }), []);
  const signedOut = useCallback(() => setCurrent({ state: 'signed-out' }), []);
  return <SessionContext.Provider value={{ current, signedIn, signedOut }}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
