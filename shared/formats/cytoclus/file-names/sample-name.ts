/**
 * CytoUSB sample (measurement file) names: `<protocol> <YYYY-MM-DD> <HH>h<MM>[_<SetName>]` (formats-cytosense.md
 * §2.1). Until about 2012 the hour separator is the Dutch `u` (uur); a set saved from CytoClus as its own file
 * gets `_<SetName>` appended; very old files use `<name>.cyz-YYYY-MM-DD HH-MM`. The protocol part is free text
 * (spaces, `#`, `.`, `_`, `-`), so the timestamp is matched at the end. Names that do not match are kept as they
 * are: the timestamp is a convenience, never a requirement.
 */

export interface SampleName {
  raw: string;
  /** The name carries a CytoUSB timestamp. */
  matched: boolean;
  /** Protocol (CytoUSB tab name, cyz2json `CytoSettings.TabName`); the raw name when not matched. */
  protocol: string;
  /** File creation date `YYYY-MM-DD` (local time of the instrument PC, not the measurement start). */
  date: string | null;
  /** File creation time `HH:MM`. */
  time: string | null;
  /** `_<SetName>` after the timestamp: a set saved from CytoClus as its own file. */
  set: string | null;
  /** 'h' (current), 'u' (Dutch, older files), '-' (very old `name.cyz-YYYY-MM-DD HH-MM`). */
  timeSeparator: 'h' | 'u' | '-' | null;
}

// Greedy name part: the last timestamp that is followed by the end or by `_<set>` wins ("anchored at the end").
// `_` as separator covers names rewritten by other tools (RclusTool: `protos_2016-09-01_17u57`).
const CURRENT = /^(.*)[ _](\d{4})-(\d{2})-(\d{2})[ _](\d{2})([hHuU])(\d{2})(?:_(.+))?$/s;
const VERY_OLD = /^(.*?)(?:\.cyz)?-(\d{4})-(\d{2})-(\d{2}) (\d{2})-(\d{2})$/is;

export function parseSampleName(name: string): SampleName {
  const raw = name;
  const text = name.normalize('NFC');
  let m = CURRENT.exec(text);
  if (m && validDateTime(m[2]!, m[3]!, m[4]!, m[5]!, m[7]!)) {
    return {
      raw,
      matched: true,
      protocol: m[1]!,
      date: `${m[2]}-${m[3]}-${m[4]}`,
      time: `${m[5]}:${m[7]}`,
      set: m[8] ?? null,
      timeSeparator: m[6]!.toLowerCase() as 'h' | 'u',
    };
  }
  m = VERY_OLD.exec(text);
  if (m && validDateTime(m[2]!, m[3]!, m[4]!, m[5]!, m[6]!)) {
    return {
      raw,
      matched: true,
      protocol: m[1]!,
      date: `${m[2]}-${m[3]}-${m[4]}`,
      time: `${m[5]}:${m[6]}`,
      set: null,
      timeSeparator: '-',
    };
  }
  return { raw, matched: false, protocol: raw, date: null, time: null, set: null, timeSeparator: null };
}

/** `.cyz` file name (any extension case) → sample name. */
export function parseCyzFileName(fileName: string): SampleName {
  return parseSampleName(fileName.replace(/\.cyz$/i, ''));
}

export function validDateTime(y: string, mo: string, d: string, h: string, mi: string): boolean {
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || Number(h) > 23 || Number(mi) > 59) return false;
  return new Date(Date.UTC(Number(y), month - 1, day)).getUTCDate() === day;
}
