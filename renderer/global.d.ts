/// <reference types="vite/client" />
/** window.curation: the only way the renderer reaches the service (preload in Electron, HTTP in browser mode). */
import type { CurationApi } from '../shared/api/contract.js';

declare global {
  interface Window {
    curation: CurationApi;
  }
}

export {};
