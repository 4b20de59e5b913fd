/**
 * The browser-mode launch token arrives in the address as #token=… . It is kept in sessionStorage so a
 * reload keeps working, and removed from the address bar so it does not linger in history or screenshots.
 */
export const tokenStorageKey = 'cytocurator.token';

export interface TokenEnvironment {
  location: Pick<Location, 'hash' | 'pathname' | 'search'>;
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  history: Pick<History, 'replaceState' | 'state'>;
}

const tokenPattern = /^[A-Za-z0-9_-]{8,512}$/;

export function takeLaunchToken(env: TokenEnvironment): string | null {
  const params = new URLSearchParams(env.location.hash.replace(/^#/, ''));
  const fromHash = params.get('token');
  if (fromHash !== null) {
    params.delete('token');
    const rest = params.toString();
    // Keep the rest of the hash (later screens may route with it), drop only the token.
    env.history.replaceState(env.history.state, '', `${env.location.pathname}${env.location.search}${rest ? `#${rest}` : ''}`);
    if (tokenPattern.test(fromHash)) {
      try {
        env.storage.setItem(tokenStorageKey, fromHash);
      } catch {
        // Storage may be disabled; the token still works until the next reload.
      }
      return fromHash;
    }
  }
  try {
    const stored = env.storage.getItem(tokenStorageKey);
    return stored !== null && tokenPattern.test(stored) ? stored : null;
  } catch {
    return null;
  }
}
