/**
 * The local curator profile, created at first run: who makes the decisions on this machine and which device it is.
 * Every change event carries both; sync binds the profile to a server account later.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface CuratorProfile {
  id: string;
  name: string;
  device: string;
}

export function loadOrCreateProfile(userDataDir: string): CuratorProfile {
  const file = path.join(userDataDir, 'curator-profile.json');
  try {
    const p = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<CuratorProfile>;
    if (typeof p.id === 'string' && typeof p.name === 'string' && typeof p.device === 'string') return p as CuratorProfile;
  } catch {
    // first run, or an unreadable profile: make a new one
  }
  let name = 'curator';
  try {
    name = os.userInfo().username || name;
  } catch {
    // no user database (some containers)
  }
  const profile: CuratorProfile = { id: randomUUID(), name, device: `${os.hostname()}-${randomUUID().slice(0, 8)}` };
  fs.mkdirSync(userDataDir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(profile, null, 2)}\n`);
  fs.renameSync(tmp, file);
  return profile;
}
