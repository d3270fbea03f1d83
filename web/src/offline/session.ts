/**
 * The signed-in user's id, from the API (or, offline, the session the service worker kept);
 * null when nobody is signed in or it cannot be known.
 */
export async function signedInUserId(): Promise<number | null> {
  try {
    const response = await fetch('/api/auth/me', { headers: { accept: 'application/json' } });
    if (response.status !== 200) return null;
    return ((await response.json()) as { user: { id: number } }).user.id;
  } catch {
    return null;
  }
}
