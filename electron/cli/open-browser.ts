import { spawn, spawnSync } from 'node:child_process';

function onPath(command: string): boolean {
  return spawnSync(process.platform === 'win32' ? 'where' : 'which', [command], { stdio: 'ignore' }).status === 0;
}

/** Opens the URL in the user's browser when one can be found; returns whether it tried. */
export function openBrowser(url: string, env: NodeJS.ProcessEnv = process.env): boolean {
  let command: string | undefined;
  let args: string[] = [];
  if (process.platform === 'darwin') {
    command = 'open';
    args = [url];
  } else if (process.platform === 'win32') {
    command = 'cmd';
    args = ['/c', 'start', '""', url];
  } else if ((env.DISPLAY || env.WAYLAND_DISPLAY) && onPath('xdg-open')) {
    command = 'xdg-open';
    args = [url];
  }
  if (!command) return false;
  const child = spawn(command, args, { detached: true, stdio: 'ignore' });
  child.on('error', () => undefined);
  child.unref();
  return true;
}
