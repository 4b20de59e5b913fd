/**
 * Writes a minimal CytoClus export (Listmode CSV + Info) with given event values, so gating tests know every
 * event's membership and the analysed volume by construction.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface GeneratedExport {
  folder: string;
  /** Sample name as CytoClus writes it: `<station> <yyyy-mm-dd> <hh>h<mm>`. */
  name: string;
  columns: Record<string, readonly number[]>;
  volume_uL: number | null;
  /** Rule lines for a smart-triggered run (e.g. `Fl Red Maximum > 10`). */
  smartTrigger?: string[];
}

export function writeCytoclusExport(e: GeneratedExport): void {
  fs.mkdirSync(e.folder, { recursive: true });
  const names = Object.keys(e.columns);
  const n = e.columns[names[0] as string]?.length ?? 0;
  const rows = Array.from({ length: n }, (_, i) => [String(i), ...names.map((c) => String((e.columns[c] as readonly number[])[i]))].join(','));
  fs.writeFileSync(path.join(e.folder, `${e.name}_Listmode.csv`), ['Particle ID,' + names.join(','), ...rows, ''].join('\r\n'));
  const date = /(\d{4})-(\d{2})-(\d{2}) (\d{2})h(\d{2})/.exec(e.name);
  const info: string[] = [];
  if (e.smartTrigger) info.push('Smart Triggered!', ...e.smartTrigger.map((r) => `\t${r}`));
  info.push('Trigger level (mV): 20', 'Instrument: CytoSense test', '');
  if (date) info.push(`Measurement date: ${date[3]}/${date[2]}/${date[1]} ${date[4]}:${date[5]}:00`);
  info.push('Measurement duration: 300');
  if (e.volume_uL !== null) info.push(`Volume (μL): ${e.volume_uL}`);
  info.push('');
  fs.writeFileSync(path.join(e.folder, `${e.name}_Info.txt`), info.join('\r\n'));
}
