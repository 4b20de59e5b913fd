/**
 * Parses one FCS file (runs in an import worker): each data set ($NEXTDATA chains) becomes a sample, its DATA
 * streamed from disk into columns. Identity is the file's hash plus the data-set index, so the same file gives the
 * same samples wherever it lies. $VOL, $SPILLOVER and the instrument times are kept in the sample's metadata.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createFcsDataDecoder } from '../../shared/formats/fcs/fcs-data-decoder.js';
import { readFcsDataSetHead } from '../../shared/formats/fcs/fcs-data-set-head.js';
import { FCS_HEADER_BYTES, readFcsHeader } from '../../shared/formats/fcs/fcs-header.js';
import type { FcsDataSetHead } from '../../shared/formats/fcs/fcs-types.js';
import type { FormatIssue } from '../../shared/formats/format-issue.js';
import { writeFloat32File, writeUint32File } from './column-store.js';
import type { ParseContext } from './parse-cytoclus-sample.js';
import type { ParsedSample } from './parsed-sample.js';
import { ImportCancelled, readStreamed } from './read-streamed.js';

function readRange(fd: number, start: number, end: number): Uint8Array {
  const buf = Buffer.alloc(Math.max(0, end - start));
  let read = 0;
  while (read < buf.length) {
    const n = fs.readSync(fd, buf, read, buf.length - read, start + read);
    if (n === 0) break;
    read += n;
  }
  return new Uint8Array(buf.buffer, buf.byteOffset, read);
}

function issues(file: string, list: readonly FormatIssue[]): ParsedSample['issues'] {
  return list.map((i) => ({
    code: 'invalid-input' as const,
    severity: 'warning' as const,
    file,
    message: i.offset !== undefined ? `${i.message} (byte ${i.offset})` : i.message,
    ...(i.field !== undefined ? { field: i.field } : {}),
  }));
}

export async function parseFcsFile(file: string, ctx: ParseContext): Promise<ParsedSample[]> {
  const stop = ctx.shouldStop ?? (() => false);
  // One streamed pass for the file's identity (and provenance); DATA is then read per data set by range.
  const { sha256, sizeBytes } = await readStreamed(file, (c) => ctx.onBytes?.(c.length), stop);
  const fd = fs.openSync(file, 'r');
  const samples: ParsedSample[] = [];
  try {
    let offset: number | null = 0;
    let index = 0;
    while (offset !== null) {
      if (stop()) throw new ImportCancelled();
      let head: FcsDataSetHead;
      try {
        const header = readFcsHeader(readRange(fd, offset, offset + FCS_HEADER_BYTES), offset);
        const text = readRange(fd, header.text.start, header.text.end);
        head = readFcsDataSetHead(header, text, sizeBytes);
        const supplement = head.segments.supplementaryText;
        if (supplement) head = readFcsDataSetHead(header, text, sizeBytes, readRange(fd, supplement.start, supplement.end));
      } catch (err) {
        if (index === 0) throw err;
        // A later data set that cannot be read: the earlier ones stand, with the reason on the last.
        samples.at(-1)?.issues.push({ code: 'invalid-input', severity: 'error', file, message: `data set at byte ${offset} not read: ${(err as Error).message}` });
        break;
      }
      const decoder = createFcsDataDecoder(head); // throws the reason when DATA cannot be decoded
      const data = head.segments.data;
      if (data && data.end > data.start) {
        for await (const chunk of fs.createReadStream(file, { start: data.start, end: data.end - 1, highWaterMark: 1 << 18 })) {
          if (stop()) throw new ImportCancelled();
          const b = chunk as Buffer;
          decoder.push(new Uint8Array(b.buffer, b.byteOffset, b.length));
        }
      }
      const set = decoder.finish();
      const stagingDir = path.join(ctx.stagingDir, String(index));
      fs.mkdirSync(path.join(stagingDir, 'events'), { recursive: true });
      // FCS events have no particle ids: their position is their id.
      const particleIdsSha256 = writeUint32File(path.join(stagingDir, 'events', 'particle-ids.u32'), Uint32Array.from({ length: set.events }, (_, i) => i));
      const columns = set.parameters.map((p, i) => {
        const rel = path.posix.join('events', `${String(i).padStart(3, '0')}.f32`);
        const values = set.columns[i]!;
        const columnSha256 = writeFloat32File(path.join(stagingDir, rel), values instanceof Float32Array ? values : Float32Array.from(values));
        const header = p.label ? `${p.name} (${p.label})` : p.name;
        return { header, channel: p.name, parameter: null, key: `${p.name.toLowerCase().replace(/\s+/g, ' ').trim()}|`, path: rel, sha256: columnSha256 };
      });
      const m = set.metadata;
      const metadata: Record<string, string> = { ...set.keywords };
      set.means.forEach((mean, i) => (metadata[`mean ${set.parameters[i]!.name}`] = String(mean)));
      const base = path.basename(file).replace(/\.fcs$/i, '');
      const name = index === 0 && set.nextDataSet === null ? base : `${base} #${index + 1}`;
      samples.push({
        kind: 'fcs',
        name,
        identity: { instrument: sha256, startedAt: String(index), name: 'fcs' },
        instrument: m.cytometer,
        instrumentSerial: m.cytometerSerial,
        startedAtSource: m.start,
        startedAtUtc: null,
        durationSeconds: null,
        volumeMicrolitres: m.volumeNanolitres === null ? null : m.volumeNanolitres / 1000,
        eventCount: set.events,
        partial: false,
        particleIdsPath: 'events/particle-ids.u32',
        particleIdsSha256,
        columns,
        sets: [],
        images: [],
        imagesMissing: [],
        files: [{ sourcePath: file, storedPath: null, role: 'fcs', sizeBytes, sha256 }],
        metadata,
        issues: issues(file, set.issues),
      });
      offset = set.nextDataSet;
      index++;
    }
  } finally {
    fs.closeSync(fd);
  }
  return samples;
}
