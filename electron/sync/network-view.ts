/**
 * Where this workstation is, for file deferral rules: its host name, the DNS search domains its network gave it
 * (an institute's DHCP sets its own domain there) and its IPv4 addresses.
 */
import fs from 'node:fs';
import os from 'node:os';
import type { NetworkView } from '../../shared/sync/file-rules.js';

export function currentNetwork(): NetworkView {
  const hostnames = [os.hostname()];
  try {
    for (const line of fs.readFileSync('/etc/resolv.conf', 'utf8').split('\n')) {
      const m = /^\s*(search|domain)\s+(.+)$/.exec(line);
      if (m) hostnames.push(...(m[2] as string).split(/\s+/).filter(Boolean));
    }
  } catch {
    // Windows, or no resolver file: the host name alone
  }
  const addresses: string[] = [];
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) addresses.push(a.address);
  }
  return { hostnames, addresses };
}
