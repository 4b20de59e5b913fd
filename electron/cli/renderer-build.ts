/**
 * Builds the renderer (Vite) when dist/renderer is older than its sources, so `npm start` needs no separate
 * build step and a fresh clone works with `npm install && npm start`.
 */
import fs from 'node:fs';
import path from 'node:path';

function newestMtime(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) {
    if (entry === 'node_modules' || entry.endsWith('.test.ts') || entry.endsWith('.test.tsx')) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry)));
  }
  return newest;
}

export function rendererDir(root: string): string {
  return path.join(root, 'dist', 'renderer');
}

export function rendererIsStale(root: string): boolean {
  const built = path.join(rendererDir(root), 'index.html');
  if (!fs.existsSync(built)) return true;
  const sources = Math.max(
    newestMtime(path.join(root, 'renderer')),
    newestMtime(path.join(root, 'shared')),
    newestMtime(path.join(root, 'vite.config.ts')),
  );
  return sources > fs.statSync(built).mtimeMs;
}

export async function ensureRendererBuilt(root: string, log: (line: string) => void): Promise<string> {
  if (rendererIsStale(root)) {
    log('Building the renderer…');
    const vite = await import('vite');
    await vite.build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
  }
  return rendererDir(root);
}
