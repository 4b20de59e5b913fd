/** Writes tiny CytoClus list-mode exports ("STATION A 2026-01-01 00h00_Listmode.csv"), one sample each. */
import fs from 'node:fs/promises';
import path from 'node:path';

export async function writeCytoClusSamples(folder: string, stations: readonly string[], perStation: number): Promise<string[]> {
  await fs.mkdir(folder, { recursive: true });
  const names: string[] = [];
  for (const station of stations) {
    for (let i = 0; i < perStation; i++) {
      const hh = String(Math.floor(i / 60)).padStart(2, '0');
      const mm = String(i % 60).padStart(2, '0');
      const name = `STATION ${station} 2026-01-01 ${hh}h${mm}`;
      const rows = Array.from({ length: 3 }, (_, r) => `${r},${(i + 1) * 10 + r}.5,${(i + 2) * 7 + r}.25`);
      await fs.writeFile(path.join(folder, `${name}_Listmode.csv`), ['Particle ID,FWS Total,Fl Red Total', ...rows, ''].join('\n'));
      names.push(name);
    }
  }
  return names;
}
