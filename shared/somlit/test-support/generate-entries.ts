/**
 * Generated SOMLIT entries for tests: every kind of cell a station enters (a measurement with codes 2, 6, 7 or 8,
 * below detection with the limit, lost / pending / no sample without a value, never entered), tiny numbers that
 * would print with an exponent, sites, depths and tides, from a seed so a failure can be replayed.
 */
import type { ExtractionEntry } from '../extraction-writer.js';
import type { SomlitEntryFields } from '../somlit-entry.js';
import type { SomlitTable, SomlitType } from '../somlit-table.js';
import { parametersOfType } from '../somlit-table.js';
import { seededRandom } from '../../random/seeded-random.js';

export { seededRandom } from '../../random/seeded-random.js';

/** `count` entries of distinct samplings (site, date, depth level) between 2020 and mid-2025. */
export function generateEntries(table: SomlitTable, type: SomlitType, seed: number, count: number): ExtractionEntry[] {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const entries: ExtractionEntry[] = [];
  const used = new Set<string>();
  while (entries.length < count) {
    const site = pick(table.sites).id;
    const day = new Date(Date.UTC(2020, 0, 1) + Math.floor(rnd() * 2000) * 86_400_000).toISOString().slice(0, 10);
    const depthLevel = pick(table.depthLevels).code;
    if (used.has(`${site} ${day} ${depthLevel}`)) continue;
    used.add(`${site} ${day} ${depthLevel}`);
    const fields: SomlitEntryFields = {
      site,
      date: day,
      time: rnd() < 0.1 ? null : `${String(Math.floor(rnd() * 24)).padStart(2, '0')}:${String(Math.floor(rnd() * 60)).padStart(2, '0')}:00`,
      tideCoefficient: rnd() < 0.5 ? null : 20 + Math.floor(rnd() * 101),
      tide: rnd() < 0.5 ? null : pick(['PM', 'BM', 'PM+2']),
      depthLevel,
      depth: rnd() < 0.1 ? null : depthLevel === 'S' ? 1 : Math.round(rnd() * 600) / 10,
    };
    const values: Record<string, { value: number | null; code: string }> = {};
    for (const p of parametersOfType(table, type)) {
      const r = rnd();
      if (r < 0.1) continue;
      if (r < 0.2) values[p.code] = { value: null, code: pick(['1', '5', '9']) };
      else if (r < 0.25) values[p.code] = { value: p.detectionLimit ?? 0.001, code: '0' };
      else {
        const [min, max] = p.plausible ?? [0, 100];
        const decimals = Math.floor(rnd() * 5);
        const rounded = Math.round((min + rnd() * (max - min)) * 10 ** decimals) / 10 ** decimals || 0; // never -0
        const v = rounded < min || rounded > max ? min : rounded;
        values[p.code] = { value: r < 0.27 && min <= 1.5e-7 && max >= 1.5e-7 ? 1.5e-7 : v, code: pick(['2', '6', '7', '8']) };
      }
    }
    entries.push({ fields, values });
  }
  return entries;
}
