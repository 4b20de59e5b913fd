/**
 * Makes sure window.curation exists before the UI starts. Electron's preload defines it; when it is absent
 * the page was served by the browser-mode service, so the HTTP client is installed. Nothing else in the
 * renderer needs to know which of the two it is running in.
 */
import type { CurationApi } from '../../shared/api/contract.js';
import { createBrowserClient } from './browser-client.js';
import { takeLaunchToken } from './session-token.js';

/** Reading window.sessionStorage throws when storage is disabled; fall back to memory for this page. */
function sessionStorageOrMemory(): Pick<Storage, 'getItem' | 'setItem'> {
  try {
    return window.sessionStorage;
  } catch {
    const memory = new Map<string, string>();
    return { getItem: (key) => memory.get(key) ?? null, setItem: (key, value) => void memory.set(key, value) };
  }
}

export function installApi(): CurationApi {
  const existing = (window as Partial<Pick<Window, 'curation'>>).curation;
  if (existing) return existing;
  const token = takeLaunchToken({ location: window.location, storage: sessionStorageOrMemory(), history: window.history });
  const api = createBrowserClient({ baseUrl: window.location.origin, token });
  Object.defineProperty(window, 'curation', { value: api, writable: false, configurable: false, enumerable: true });
  return api;
}
