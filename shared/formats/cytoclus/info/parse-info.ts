import { CurationError } from '../../../api/errors.js';
import type { FormatIssue } from '../../format-issue.js';
import { decodeText, splitLines } from '../../text/decode-text.js';
import type { TextEncoding } from '../../text/decode-text.js';
import { parseInfoDate, parseIsoDate } from './info-date.js';
import type { InfoDateOrder } from './info-date.js';
import { parseSmartTriggerRule } from './smart-trigger-rule.js';
import type { SmartTriggerRule } from './smart-trigger-rule.js';

/**
 * CytoClus Info ("Summary") export `<sample>_Info.txt` (formats-cytosense.md §4): `Key: value` lines, units in
 * the keys, numbers in the export locale, one value per line, a channel block with indented sub-lines.
 *
 * Decided here (the doc leaves it open):
 * - Keys are matched case-insensitively with μ (U+03BC), µ (U+00B5) and their mojibake (`Î¼`, `Âµ`) all read
 *   as `u`; a key with another unit (say `Volume (mL)`) is not matched, so it is never read in the wrong unit.
 * - Decimal separator per value: `,` or `.`; a value with both is refused (could be a thousands separator).
 * - `fields` keeps every line verbatim (value after `: ` with its one space removed). Channel sub-lines are
 *   stored as `Channel N - <sub-key>`, the smart-trigger flag as `Smart Triggered!` with the rule as value.
 *   A repeated key keeps its first value (and is reported).
 * - Text values (instrument, serial, comments) are trimmed; a present-but-empty value is `''`, an absent one null.
 * - `smartTriggered` is false when the flag line is absent (the older layout never writes it).
 * - Trigger level: `Trigger level (mV)` (CC4), else `Trigger level 1 (mV)` (older layout).
 * - Unrecognised keys are kept in `fields` without an issue (newer versions add keys); lines that are not
 *   `key: value`, flags or sub-lines are reported.
 */
export interface InfoChannel {
  /** N of `Channel N`. */
  index: number;
  /** Name without the `  - TRIGGER` marker. */
  name: string;
  /** PMT level from `  - sensitivity level: <n>`; null for channels without a PMT. */
  sensitivityLevel: number | null;
  isTrigger: boolean;
}

export type InfoLayout = 'cytoclus4' | 'older' | 'unknown';

export interface CytoclusInfo {
  /** `cytoclus4` (2022–2024, §4.1), `older` (2016 / CytoClus 3, §4.2). */
  layout: InfoLayout;
  /** Local measurement start as written, ISO `YYYY-MM-DDTHH:mm:ss`, no offset (the file has none). */
  measurementStart: string | null;
  measurementDateOrder: InfoDateOrder | null;
  durationSeconds: number | null;
  flowRate_uL_per_s: number | null;
  volumeAnalysed_uL: number | null;
  /** Particles counted by the instrument (CC4 only). */
  totalParticles: number | null;
  smartTriggered: boolean;
  smartTriggeredParticles: number | null;
  /** Counted particles per µL (smart-triggered: counts detected, not stored, particles — §5). */
  concentration_per_uL: number | null;
  instrument: string | null;
  /** `Serial #` (older layout only; CC4 takes it from export settings or image EXIF). */
  serial: string | null;
  /** µm */
  beamWidth: number | null;
  /** m/s */
  coreSpeed: number | null;
  userComments: string | null;
  channels: InfoChannel[];
  triggerChannel: string | null;
  triggerLevel_mV: number | null;
  smartTriggerRule: SmartTriggerRule | null;
  /** Every `key: value` line verbatim, for a metadata panel. */
  fields: Record<string, string>;
  encoding: TextEncoding;
  issues: FormatIssue[];
}

export interface ParseInfoOptions {
  /** `YYYY-MM-DD` from the sample file name, to tell `dd/MM` from `MM/dd`. */
  fileNameDate?: string;
}

type Target =
  | 'triggerLevel'
  | 'triggerLevel1'
  | 'instrument'
  | 'serial'
  | 'beamWidth'
  | 'coreSpeed'
  | 'userComments'
  | 'date'
  | 'duration'
  | 'flowRate'
  | 'total'
  | 'smartTotal'
  | 'concentration'
  | 'volume';

/** Normalised key → what it fills. */
const knownKeys: Record<string, Target> = {
  'trigger level (mv)': 'triggerLevel',
  'trigger level 1 (mv)': 'triggerLevel1',
  instrument: 'instrument',
  'serial #': 'serial',
  'serial number': 'serial',
  'beam width': 'beamWidth',
  'core speed': 'coreSpeed',
  'user comments': 'userComments',
  'measurement date': 'date',
  'measurement duration': 'duration',
  'flow rate (ul/sec)': 'flowRate',
  'flow rate (ul/s)': 'flowRate',
  'total number of particles': 'total',
  'smart triggered number of particles': 'smartTotal',
  'concentration (part/ul)': 'concentration',
  'volume (ul)': 'volume',
};
const cc4Keys = new Set(['trigger level (mv)', 'user comments', 'total number of particles', 'smart triggered number of particles']);
const olderKeys = new Set(['trigger level constant', 'trigger level 1', 'trigger level 1 (mv)', 'file version', 'serial #', 'has curvature', 'has pressure sensor']);

export function normaliseInfoKey(key: string): string {
  return key
    .replace(/Âµ|Î¼|[µμ]/g, 'u')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

export function parseInfo(bytes: Uint8Array, options: ParseInfoOptions = {}): CytoclusInfo {
  const { text, encoding } = decodeText(bytes);
  if (text.trim() === '') throw new CurationError({ code: 'invalid-input', message: 'empty file: not a CytoClus Info export' });
  const lines = splitLines(text);
  const issues: FormatIssue[] = [];
  const fields: Record<string, string> = {};
  const values = new Map<Target, { value: string; line: number; key: string }>();
  const channels: InfoChannel[] = [];
  let recognised = 0;
  let cc4Signals = 0;
  let olderSignals = 0;
  let smartTriggered = false;
  const ruleLines: string[] = [];
  /** What an indented line may belong to: the smart-trigger flag or the last channel. */
  let context: { kind: 'smart' } | { kind: 'channel'; channel: InfoChannel } | null = null;

  if (options.fileNameDate !== undefined && parseIsoDate(options.fileNameDate) === null) {
    issues.push({ field: 'fileNameDate', message: `file-name date "${options.fileNameDate}" is not YYYY-MM-DD; not used` });
  }

  const setField = (key: string, value: string, line: number): boolean => {
    if (Object.prototype.hasOwnProperty.call(fields, key)) {
      issues.push({ line, field: key, message: `"${key}" appears again; the first value is kept` });
      return false;
    }
    fields[key] = value;
    return true;
  };

  lines.forEach((raw, i) => {
    const line = i + 1;
    if (raw.trim() === '') return;
    if (/^\s/.test(raw)) {
      const sub = /^\s+-\s*(.*)$/.exec(raw);
      if (context?.kind === 'smart' && !sub) {
        ruleLines.push(raw.trim());
        return;
      }
      if (context?.kind === 'channel' && sub) {
        readChannelSubLine(context.channel, sub[1] as string, line);
        return;
      }
      issues.push({ line, message: `indented line "${raw.trim().slice(0, 60)}" follows no channel or smart-trigger line; ignored` });
      return;
    }
    context = null;
    const colon = raw.indexOf(':');
    if (colon < 0) {
      const flag = raw.trim();
      if (/^smart[ -]?trigger(?:ed)?!?$/i.test(flag)) {
        smartTriggered = true;
        context = { kind: 'smart' };
        cc4Signals++;
        recognised++;
        setField(flag, '', line);
        return;
      }
      issues.push({ line, message: `"${flag.slice(0, 60)}" is not a "key: value" line` });
      return;
    }
    const key = raw.slice(0, colon).trimEnd();
    let value = raw.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (!setField(key, value, line)) return;
    const norm = normaliseInfoKey(key);
    if (cc4Keys.has(norm)) cc4Signals++;
    if (olderKeys.has(norm)) olderSignals++;
    const channelMatch = /^channel\s+(\d+)$/.exec(norm);
    if (channelMatch) {
      recognised++;
      const channel = readChannel(Number(channelMatch[1]), value, line);
      if (channel) context = { kind: 'channel', channel };
      return;
    }
    const target = knownKeys[norm];
    if (target !== undefined) {
      recognised++;
      values.set(target, { value, line, key });
    } else if (olderKeys.has(norm)) {
      recognised++;
    }
  });

  function readChannel(index: number, value: string, line: number): InfoChannel | null {
    const marker = /\s+-\s*TRIGGER\s*$/i.exec(value);
    const name = (marker ? value.slice(0, marker.index) : value).trim();
    if (name === '') {
      issues.push({ line, field: `Channel ${index}`, message: 'channel has no name' });
    }
    if (channels.some((c) => c.index === index)) {
      issues.push({ line, field: `Channel ${index}`, message: `channel ${index} is listed twice` });
      return null;
    }
    const channel: InfoChannel = { index, name, sensitivityLevel: null, isTrigger: marker !== null };
    channels.push(channel);
    return channel;
  }

  function readChannelSubLine(channel: InfoChannel, text: string, line: number): void {
    const colon = text.indexOf(':');
    const subKey = (colon < 0 ? text : text.slice(0, colon)).trim();
    let value = colon < 0 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    const fieldKey = `Channel ${channel.index} - ${subKey}`;
    setField(fieldKey, value, line);
    if (normaliseInfoKey(subKey) === 'sensitivity level') {
      const n = readNumber(value);
      if (n === null || !Number.isInteger(n)) issues.push({ line, field: fieldKey, message: `"${value}" is not a whole-number sensitivity level` });
      else channel.sensitivityLevel = n;
    }
  }

  if (recognised === 0) {
    throw new CurationError({ code: 'invalid-input', message: 'not a CytoClus Info export: no known "key: value" line (Measurement date, Channel N, Volume, …)' });
  }

  const text_ = (t: Target): string | null => {
    const v = values.get(t);
    return v === undefined ? null : v.value.trim();
  };
  const number_ = (t: Target, opts: { integer?: boolean; unit?: RegExp } = {}): number | null => {
    const v = values.get(t);
    if (v === undefined) return null;
    const n = readNumber(v.value, opts.unit);
    if (n === null) {
      issues.push({ line: v.line, field: v.key, message: `"${v.value.trim().slice(0, 40)}" is not a number` });
      return null;
    }
    if (opts.integer && !Number.isInteger(n)) {
      issues.push({ line: v.line, field: v.key, message: `"${v.value.trim()}" is not a whole number` });
      return null;
    }
    return n;
  };

  let measurementStart: string | null = null;
  let measurementDateOrder: InfoDateOrder | null = null;
  const date = values.get('date');
  if (date) {
    const fileNameDate = options.fileNameDate !== undefined && parseIsoDate(options.fileNameDate) ? options.fileNameDate : undefined;
    const d = parseInfoDate(date.value, fileNameDate);
    measurementStart = d.value;
    measurementDateOrder = d.order;
    for (const message of d.problems) issues.push({ line: date.line, field: date.key, message });
  } else {
    issues.push({ field: 'Measurement date', message: 'no "Measurement date" line (file may be truncated)' });
  }
  if (!values.has('volume')) issues.push({ field: 'Volume (μL)', message: 'no "Volume (μL)" line (file may be truncated)' });

  const triggers = channels.filter((c) => c.isTrigger);
  if (triggers.length > 1) {
    issues.push({ field: 'Channel', message: `${triggers.length} channels are marked TRIGGER (${triggers.map((c) => c.name).join(', ')}); the first is used` });
  }

  let smartTriggerRule: SmartTriggerRule | null = null;
  if (smartTriggered) {
    smartTriggerRule = parseSmartTriggerRule(ruleLines);
    const flagKey = Object.keys(fields).find((k) => /^smart[ -]?trigger/i.test(k) && !k.includes(':'));
    if (flagKey !== undefined) fields[flagKey] = smartTriggerRule.text;
    if (smartTriggerRule.text === '') issues.push({ field: 'Smart Triggered!', message: 'smart-trigger flag without a rule line' });
  }

  const layout: InfoLayout = cc4Signals > 0 && cc4Signals >= olderSignals ? 'cytoclus4' : olderSignals > 0 ? 'older' : 'unknown';

  return {
    layout,
    measurementStart,
    measurementDateOrder,
    durationSeconds: number_('duration'),
    flowRate_uL_per_s: number_('flowRate'),
    volumeAnalysed_uL: number_('volume'),
    totalParticles: number_('total', { integer: true }),
    smartTriggered,
    smartTriggeredParticles: number_('smartTotal', { integer: true }),
    concentration_per_uL: number_('concentration'),
    instrument: text_('instrument'),
    serial: text_('serial'),
    beamWidth: number_('beamWidth', { unit: /^(?:[uµμ]m)?$/ }),
    coreSpeed: number_('coreSpeed', { unit: /^(?:m\/s)?$/ }),
    userComments: text_('userComments'),
    channels,
    triggerChannel: triggers[0]?.name ?? null,
    triggerLevel_mV: values.has('triggerLevel') ? number_('triggerLevel') : number_('triggerLevel1'),
    smartTriggerRule,
    fields,
    encoding,
    issues,
  };
}

/**
 * One locale number: `5.06`, `5,04`, `1,695E+05`; optionally followed by a unit the caller allows. A value with
 * both `.` and `,` is refused (one of them would be a thousands separator).
 */
function readNumber(text: string, unit?: RegExp): number | null {
  const m = /^\s*([+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?)\s*(.*?)\s*$/.exec(text);
  if (!m) return null;
  const rest = m[2] as string;
  if (rest !== '' && !(unit && unit.test(rest))) return null;
  const n = Number((m[1] as string).replace(',', '.'));
  return Number.isFinite(n) ? n : null;
}
