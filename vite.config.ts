import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

// One renderer build, served from app://cytocurator/ in Electron and from http://127.0.0.1:<port>/ in browser
// mode; hence relative asset URLs (base './') and nothing that the strict CSP would refuse (inline scripts,
// eval, data: scripts).
export default defineConfig({
  root: path.resolve(here, 'renderer'),
  base: './',
  // There is no @vitejs/plugin-react: Vite's built-in Oxc transform compiles TSX with React's automatic runtime.
  oxc: {
    jsx: { runtime: 'automatic', importSource: 'react' },
  },
  build: {
    outDir: path.resolve(here, 'dist/renderer'),
    emptyOutDir: true,
    sourcemap: true,
    // Never inline assets as data: URLs; every file is served from 'self'.
    assetsInlineLimit: 0,
    // Electron's Chromium supports modulepreload natively; the polyfill is dead code there.
    modulePreload: { polyfill: false },
    target: 'es2022',
    chunkSizeWarningLimit: 2000,
  },
  server: {
    host: '127.0.0.1',
    strictPort: false,
  },
});
