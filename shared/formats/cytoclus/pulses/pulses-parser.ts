import { CurationError } from '../../../api/errors.js';
import type { FormatIssue } from '../../format-issue.js';
import type { TextEncoding } from '../../text/decode-text.js';
import { IssueLog } from './issue-log.js';
import { createLineStream } from './line-stream.js';
import { parseNumberRange } from './locale-number.js';

/**
 * CytoClus pulse-shape export (`<sample>[_<SetName>]_Pulses.csv`, formats-cytosense.md §7): one row per sample
 * point, `Particle ID` then one column per channel; each particle is a block of rows followed by two all-zero
 * separator rows. CytoClus 4 writes the separators with ID 0 — and 0 is also a valid particle ID — while R
 * re-writes give them the particle's own ID.
 *
 * Splitting (decided here, the doc names the rule but not every corner):
 * - With `sampleLengths` (Sample Length per particle ID from the matching CC4 listmode) a block is exactly that
 *   many rows, then two separator rows (all-zero, ID 0 or the particle's ID). This is exact even for particle 0
 *   and for blocks whose own rows are all zero.
 * - Without it (or for an ID the map lacks, or a length that does not fit the rows) a block is the run of rows
 *   with one ID; all-zero rows are held back until the next non-zero row shows where the block ended. In a CC4
 *   file the separators are the first two ID-0 rows after a non-zero particle's rows (its own all-zero rows are
 *   data); after particle 0, and in R re-writes, they are the last two rows with the block's own ID. All-zero
 *   rows after the separators carrying the next block's ID are that block's first rows; others are reported.
 * - A trailing empty header cell (trailing delimiter) and R's trailing `X` column (all `NA`) are not channels.
 */

export interface PulsesParserOptions {
  /** Particle ID → `Sample Length` from the matching CytoClus 4 listmode (= number of pulse rows). */
  sampleLengths?: ReadonlyMap<number, number>;
  /** From `Export settings.xml` when available; otherwise sniffed from the header (`;` → `;` + decimal `,`). */
  delimiter?: string;
  decimalSeparator?: '.' | ',';
}

export interface PulsesHeader {
  /** First header cell as written, BOM and quotes removed (`Particle ID`, or `ID` in R re-writes). */
  idColumn: string;
  /** Channel names as written (R re-writes keep their make.names form, e.g. `SWS.HS`). */
  channels: readonly string[];
  delimiter: string;
  decimalSeparator: '.' | ',';
  dialect: 'cytoclus' | 'r-rewrite';
}

export interface PulseParticle {
  id: number;
  /** 1-based line of the block's first row. */
  line: number;
  /** Number of sample points (rows) in the block. */
  sampleCount: number;
  /** Same array as the header's `channels`. */
  channels: readonly string[];
  /** One array per channel, in `channels` order, each `sampleCount` long (views into one buffer). Values in mV. */
  values: Float32Array[];
}

export interface PulsesSummary {
  header: PulsesHeader | null;
  particleCount: number;
  /** Data lines read (sample rows + separator rows + skipped rows; header and blank lines excluded). */
  rowCount: number;
  /** Rows that became particle sample points. */
  sampleRowCount: number;
  separatorRowCount: number;
  /** Rows not used: wrong field count, unreadable particle ID, stray all-zero rows. */
  skippedRowCount: number;
  encoding: TextEncoding;
  issues: FormatIssue[];
}

export interface PulsesParser {
  /** Feeds the next chunk; returns the particles completed by it, in file order. */
  push(chunk: Uint8Array): PulseParticle[];
  /** Ends the stream: the last particles and the summary. */
  finish(): { particles: PulseParticle[]; summary: PulsesSummary };
}

export interface PulsesResult extends PulsesSummary {
  particles: PulseParticle[];
}

/** Whole-file convenience over createPulsesParser (fine for tests and small files; stream large ones). */
export function parsePulses(bytes: Uint8Array, options: PulsesParserOptions = {}): PulsesResult {
  const parser = createPulsesParser(options);
  const particles = parser.push(bytes);
  const end = parser.finish();
  return { ...end.summary, particles: particles.concat(end.particles) };
}

const idColumnNames = new Set(['particle id', 'id', 'i..id', 'x.u.feff.id', 'particle.id']);
/** Listmode parameter suffixes (§6.3): a header cell ending in one means a listmode file was given. */
const listmodeSuffix =
  /(?:^|[ .])(?:Sample Length|Arrival Time|Length|Total|Maximum|Average|Inertia|Center of gravity|Fill factor|Asymmetry|Number of cells|First|Last|Minimum|SWS covariance|Length\(\d+%\))$/i;

interface PendingZeroRow {
  id: number;
  line: number;
}

interface Block {
  id: number;
  line: number;
  /** Rows the listmode says this particle has; null when split by particle ID. */
  expected: number | null;
  count: number;
  /** Row-major sample values, grown as needed. */
  buf: Float32Array;
  separatorsSeen: number;
  /** All-zero rows not yet known to be data or separators (split by particle ID only). */
  pending: PendingZeroRow[];
}

export function createPulsesParser(options: PulsesParserOptions = {}): PulsesParser {
  const lines = createLineStream();
  const issues = new IssueLog();
  const sampleLengths = options.sampleLengths;

  let lineNo = 0;
  let header: PulsesHeader | null = null;
  let cellCount = 0;
  let channelColumns: number[] = [];
  let channelCount = 0;
  let rowValues = new Float32Array(0);
  let fieldStart = new Int32Array(0);
  let fieldEnd = new Int32Array(0);
  let decimalCode = 46;
  /** Trailing column that is not a channel (empty header cell, R's `X`); its values should be empty or `NA`. */
  let droppedColumn: number | null = null;

  let cur: Block | null = null;
  let out: PulseParticle[] = [];
  const seenIds = new Set<number>();
  const withoutLength: number[] = [];
  let particleCount = 0;
  let rowCount = 0;
  let sampleRowCount = 0;
  let separatorRowCount = 0;
  let skippedRowCount = 0;

  function readHeader(text: string): void {
    const sniffedDelimiter = text.includes(';') ? ';' : ',';
    const delimiter = options.delimiter ? options.delimiter : sniffedDelimiter; // '' would never advance
    const decimalSeparator = options.decimalSeparator ?? (delimiter === ';' ? ',' : '.');
    const cells = text.split(delimiter).map(cleanHeaderCell);
    const idColumn = cells[0] ?? '';
    if (!idColumnNames.has(idColumn.toLowerCase())) {
      throw new CurationError({
        code: 'invalid-input',
        message: `not a CytoClus pulse-shape export: first column is "${idColumn.slice(0, 40)}", expected "Particle ID"`,
        line: lineNo,
      });
    }
    const listmodeCell = cells.find((c) => listmodeSuffix.test(c));
    if (listmodeCell !== undefined) {
      throw new CurationError({
        code: 'invalid-input',
        message: `not a pulse-shape export: column "${listmodeCell}" is a listmode parameter (this looks like a listmode export)`,
        line: lineNo,
        field: listmodeCell,
      });
    }
    const dialect = idColumn.toLowerCase() === 'particle id' ? 'cytoclus' : 'r-rewrite';
    cellCount = cells.length;
    let lastChannel = cells.length - 1;
    const last = cells[lastChannel];
    if (lastChannel > 0 && (last === '' || (dialect === 'r-rewrite' && last === 'X'))) {
      droppedColumn = lastChannel;
      lastChannel--;
    }
    const channels: string[] = [];
    channelColumns = [];
    for (let j = 1; j <= lastChannel; j++) {
      let name = cells[j] ?? '';
      if (name === '') {
        name = `Column ${j + 1}`;
        issues.add({ line: lineNo, field: name, message: `header column ${j + 1} has no channel name` });
      }
      if (channels.includes(name)) issues.add({ line: lineNo, field: name, message: `channel "${name}" appears twice in the header` });
      channels.push(name);
      channelColumns.push(j);
    }
    if (channels.length === 0) {
      throw new CurationError({ code: 'invalid-input', message: 'not a pulse-shape export: the header has no channel columns', line: lineNo });
    }
    channelCount = channels.length;
    rowValues = new Float32Array(channelCount);
    fieldStart = new Int32Array(cellCount);
    fieldEnd = new Int32Array(cellCount);
    decimalCode = decimalSeparator === ',' ? 44 : 46;
    header = { idColumn, channels, delimiter, decimalSeparator, dialect };
  }

  function readRow(text: string, h: PulsesHeader): void {
    rowCount++;
    // Field boundaries without split(): pulse files have millions of rows.
    const delimiter = h.delimiter;
    let fields = 0;
    for (let pos = 0; ; fields++) {
      const at = text.indexOf(delimiter, pos);
      if (fields < cellCount) {
        fieldStart[fields] = pos;
        fieldEnd[fields] = at < 0 ? text.length : at;
      }
      if (at < 0) {
        fields++;
        break;
      }
      pos = at + delimiter.length;
    }
    if (fields !== cellCount) {
      issues.add({ line: lineNo, message: `${fields} fields, the header has ${cellCount}; row skipped` });
      skippedRowCount++;
      return;
    }
    let id = 0;
    const idEnd = fieldEnd[0] as number;
    let idOk = idEnd > 0;
    for (let i = 0; i < idEnd && idOk; i++) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) idOk = false;
      else id = id * 10 + (c - 48);
    }
    if (!idOk || !Number.isSafeInteger(id)) {
      issues.add({ line: lineNo, field: h.idColumn, message: `particle ID "${text.slice(0, idEnd).slice(0, 40)}" is not a whole number; row skipped` });
      skippedRowCount++;
      return;
    }
    if (droppedColumn !== null) {
      const extra = text.slice(fieldStart[droppedColumn], fieldEnd[droppedColumn]);
      if (extra !== '' && extra !== 'NA') {
        issues.add({ line: lineNo, message: `the unnamed last column holds "${extra.slice(0, 40)}" (expected empty or NA); that column is ignored` });
        droppedColumn = null; // reported once
      }
    }
    let allZero = true;
    for (let c = 0; c < channelCount; c++) {
      const col = channelColumns[c] as number;
      const v = parseNumberRange(text, fieldStart[col] as number, fieldEnd[col] as number, decimalCode);
      if (Number.isNaN(v)) {
        const cell = text.slice(fieldStart[col], fieldEnd[col]);
        issues.add({ line: lineNo, field: h.channels[c], message: `"${cell.slice(0, 40)}" is not a number` });
      }
      rowValues[c] = v;
      if (v !== 0) allZero = false;
    }
    onRow(id, lineNo, allZero);
  }

  function onRow(id: number, line: number, allZero: boolean): void {
    if (cur === null) {
      startBlock(id, line, allZero, []);
      return;
    }
    const b: Block = cur;
    if (b.expected !== null) {
      if (b.count < b.expected) {
        if (id === b.id) {
          append(b, rowValues);
          return;
        }
        issues.add({ line, message: `particle ${b.id} (line ${b.line}) has ${b.count} rows, its Sample Length is ${b.expected}` });
        b.expected = b.count;
      }
      if (allZero && (id === 0 || id === b.id) && b.separatorsSeen < 2) {
        b.separatorsSeen++;
        separatorRowCount++;
        if (b.separatorsSeen === 2) close(b);
        return;
      }
      if (id === b.id && b.separatorsSeen === 0) {
        issues.add({ line, message: `particle ${b.id} (line ${b.line}) has more rows than its Sample Length ${b.expected}; split by particle ID instead` });
        b.expected = null;
        append(b, rowValues);
        return;
      }
      issues.add({ line, message: `particle ${b.id} (line ${b.line}): expected two all-zero separator rows after its ${b.count} rows, found ${b.separatorsSeen}` });
      close(b);
      startBlock(id, line, allZero, []);
      return;
    }
    if (allZero) {
      b.pending.push({ id, line });
      return;
    }
    if (id === b.id && b.pending.every((p) => p.id === b.id)) {
      appendZeroRows(b, b.pending.length);
      b.pending = [];
      append(b, rowValues);
      return;
    }
    const leading = endBlock(b, id);
    close(b);
    startBlock(id, line, allZero, leading);
  }

  /** Decides what the held-back all-zero rows of a block split by ID are; returns those that start the next block. */
  function endBlock(b: Block, next: number | 'end'): PendingZeroRow[] {
    const p = b.pending;
    b.pending = [];
    let own = 0;
    while (own < p.length && (p[own] as PendingZeroRow).id === b.id) own++;
    // CC4 writes separators with ID 0, so rows with a non-zero particle's own ID are its data; R re-writes (and
    // CC4 particle 0) give separators the block's own ID, so the last two of those rows are the separators.
    const ownIdSeparators = (header as PulsesHeader).dialect === 'r-rewrite' || b.id === 0;
    let dataRows = own;
    let separators = 0;
    let restFrom = own;
    if (ownIdSeparators) {
      separators = Math.min(2, own);
      dataRows = own - separators;
    } else {
      while (separators < 2 && restFrom < p.length && (p[restFrom] as PendingZeroRow).id === 0) {
        separators++;
        restFrom++;
      }
    }
    if (separators < 2) {
      const where = next === 'end' ? 'at the end of the file' : 'before the next block';
      issues.add({
        line: p[restFrom - 1]?.line ?? b.line,
        message: `particle ${b.id} (line ${b.line}): expected two all-zero separator rows ${where}, found ${separators}`,
      });
    }
    appendZeroRows(b, dataRows);
    separatorRowCount += separators;
    // At the end of the file, all-zero rows after the separators can only start a last block (truncated file).
    const nextId = next === 'end' ? p[restFrom]?.id : next;
    const leading: PendingZeroRow[] = [];
    for (const row of p.slice(restFrom)) {
      if (row.id === nextId) leading.push(row);
      else {
        issues.add({ line: row.line, message: `unexpected all-zero row with particle ID ${row.id} between blocks; ignored` });
        skippedRowCount++;
      }
    }
    return leading;
  }

  function startBlock(id: number, line: number, allZero: boolean, leading: PendingZeroRow[]): void {
    const first = leading[0];
    const blockLine = first ? first.line : line;
    if (seenIds.has(id)) issues.add({ line: blockLine, message: `particle ${id} has a second pulse block` });
    seenIds.add(id);
    let expected: number | null = null;
    if (sampleLengths) {
      const length = sampleLengths.get(id);
      if (length === undefined) withoutLength.push(id);
      else if (Number.isInteger(length) && length > 0) expected = length;
      else issues.add({ line: blockLine, field: 'Sample Length', message: `particle ${id}: Sample Length ${length} is not a row count; split by particle ID` });
    }
    const b: Block = { id, line: blockLine, expected, count: 0, buf: new Float32Array(channelCount * (expected ?? 64)), separatorsSeen: 0, pending: [] };
    cur = b;
    appendZeroRows(b, leading.length);
    if (expected === null && allZero) b.pending.push({ id, line });
    else append(b, rowValues);
  }

  function ensureCapacity(b: Block, rows: number): void {
    const need = (b.count + rows) * channelCount;
    if (need <= b.buf.length) return;
    const grown = new Float32Array(Math.max(need, b.buf.length * 2));
    grown.set(b.buf.subarray(0, b.count * channelCount));
    b.buf = grown;
  }

  function append(b: Block, values: Float32Array): void {
    ensureCapacity(b, 1);
    b.buf.set(values, b.count * channelCount);
    b.count++;
  }

  function appendZeroRows(b: Block, rows: number): void {
    if (rows === 0) return;
    ensureCapacity(b, rows);
    b.buf.fill(0, b.count * channelCount, (b.count + rows) * channelCount);
    b.count += rows;
  }

  function close(b: Block): void {
    cur = null;
    const h = header as PulsesHeader;
    if (b.count === 0) return;
    // Transpose row-major to channel-major so each channel is one contiguous Float32Array view.
    const n = b.count;
    const all = new Float32Array(n * channelCount);
    for (let r = 0; r < n; r++) {
      const base = r * channelCount;
      for (let c = 0; c < channelCount; c++) all[c * n + r] = b.buf[base + c] as number;
    }
    const values: Float32Array[] = [];
    for (let c = 0; c < channelCount; c++) values.push(all.subarray(c * n, (c + 1) * n));
    out.push({ id: b.id, line: b.line, sampleCount: n, channels: h.channels, values });
    particleCount++;
    sampleRowCount += n;
  }

  function onLine(text: string): void {
    lineNo++;
    if (text.trim() === '') return;
    if (header === null) readHeader(text);
    else readRow(text, header);
  }

  function take(): PulseParticle[] {
    const done = out;
    out = [];
    return done;
  }

  return {
    push(chunk) {
      for (const text of lines.push(chunk)) onLine(text);
      return take();
    },
    finish() {
      for (const text of lines.finish()) onLine(text);
      if (header === null) {
        throw new CurationError({ code: 'invalid-input', message: 'empty file: no pulse-shape header' });
      }
      // Each pass ends the current block; all-zero rows left after it may open one more block (truncated file).
      for (let b = cur as Block | null; b !== null; b = cur as Block | null) {
        if (b.expected !== null) {
          if (b.count < b.expected) issues.add({ line: lineNo, message: `particle ${b.id} (line ${b.line}) has ${b.count} rows, its Sample Length is ${b.expected}; file may be truncated` });
          if (b.separatorsSeen < 2) {
            issues.add({ line: lineNo, message: `particle ${b.id} (line ${b.line}): expected two all-zero separator rows at the end of the file, found ${b.separatorsSeen}` });
          }
          close(b);
          break;
        }
        const rest = endBlock(b, 'end');
        close(b);
        const last = rest.pop();
        if (last) startBlock(last.id, last.line, true, rest);
      }
      if (sampleLengths) {
        if (withoutLength.length > 0) {
          issues.add({
            field: 'Sample Length',
            message: `${withoutLength.length} pulse blocks have no Sample Length in the listmode (IDs ${sampleIds(withoutLength)}); split by particle ID`,
          });
        }
        const missing: number[] = [];
        for (const id of sampleLengths.keys()) if (!seenIds.has(id)) missing.push(id);
        if (missing.length > 0) {
          issues.add({ message: `${missing.length} particles of the listmode have no pulse block (IDs ${sampleIds(missing)})` });
        }
      }
      return {
        particles: take(),
        summary: {
          header,
          particleCount,
          rowCount,
          sampleRowCount,
          separatorRowCount,
          skippedRowCount,
          encoding: lines.encoding,
          issues: issues.toArray(),
        },
      };
    },
  };
}

function cleanHeaderCell(cell: string): string {
  let c = cell.trim().replace(/^(?:\uFEFF|ï»¿)/, '');
  if (c.length >= 2 && c.startsWith('"') && c.endsWith('"')) c = c.slice(1, -1);
  return c.trim();
}

function sampleIds(ids: number[]): string {
  const shown = ids.slice(0, 5).join(', ');
  return ids.length > 5 ? `${shown}, …` : shown;
}
