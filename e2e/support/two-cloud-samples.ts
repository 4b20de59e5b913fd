/**
 * CytoClus exports with two clouds of events on FWS Total × Fl Red Total, for the gating and publishing tests:
 * sample i is "<prefix> 2026-05-14 (6 + i)h00", 500 µL; cloud A (cloudA(i) events) within ±0.1 decade of
 * (100, 1000), cloud B (cloudB events) of (10 000, 100). Fixed spreads, no randomness: every run draws the same.
 */
import fs from 'node:fs/promises';
import path from 'node:path';

/** A fixed spread in [−1, 1) from an index. */
function spread(k: number): number {
  const h = Math.imul(k + 1, 2654435761) >>> 0;
  return ((h % 10007) / 10007) * 2 - 1;
}

export async function writeTwoCloudSamples(folder: string, o: { prefix: string; count: number; cloudA: (i: number) => number; cloudB: number }): Promise<string[]> {
  await fs.mkdir(folder, { recursive: true });
  const written: string[] = [];
  for (let i = 0; i < o.count; i++) {
    const hh = String(6 + i).padStart(2, '0');
    const name = `${o.prefix} 2026-05-14 ${hh}h00`;
    const rows: string[] = [];
    let id = 0;
    const cloud = (n: number, fws: number, red: number) => {
      for (let k = 0; k < n; k++, id++) {
        const f = fws * 10 ** (0.1 * spread(2 * id + 1000 * i));
        const r = red * 10 ** (0.1 * spread(2 * id + 1 + 1000 * i));
        rows.push(`${id},${f.toFixed(3)},${r.toFixed(3)}`);
      }
    };
    cloud(o.cloudA(i), 100, 1000);
    cloud(o.cloudB, 10_000, 100);
    await fs.writeFile(
      path.join(folder, `${name}_Info.txt`),
      [`Measurement date: 14/05/2026 ${hh}:00:00`, 'Measurement duration: 60', 'Volume (μL): 500', ''].join('\r\n'),
    );
    await fs.writeFile(path.join(folder, `${name}_Listmode.csv`), ['Particle ID,FWS Total,Fl Red Total', ...rows, ''].join('\r\n'));
    written.push(name);
  }
  return written;
}
