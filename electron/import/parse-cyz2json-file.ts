/**
 * Parses a cyz2json document (the open converter of .cyz files; runs in an import worker), streamed: images inside
 * are base64 and large, so they are decoded one by one to files and never held together. The measurement start
 * carries its UTC offset, so the sample's UTC time is exact. Its identity matches a CytoClus export of the same
 * measurement (serial, start to the second as the instrument clock wrote it, .cyz base name), so both become
 * versions of one sample.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createCyz2JsonReader } from '../../shared/formats/cyz2json/cyz2json-reader.js';
import { writeFloat32File, writeUint32File } from './column-store.js';
import type { ParseContext } from './parse-cytoclus-sample.js';
import type { ParsedSample } from './parsed-sample.js';
import { readStreamed } from './read-streamed.js';

export async function parseCyz2JsonFile(file: string, ctx: ParseContext): Promise<ParsedSample> {
  const staging = ctx.stagingDir;
  fs.mkdirSync(path.join(staging, 'events'), { recursive: true });
  fs.mkdirSync(path.join(staging, 'images'), { recursive: true });
  const images: ParsedSample['images'] = [];
  const reader = createCyz2JsonReader({
    onImage: (image, bytes) => {
      if (images.some((i) => i.particleId === image.particleId)) return;
      const rel = path.posix.join('images', `cropped-${image.particleId}.jpg`);
      fs.writeFileSync(path.join(staging, rel), bytes);
      images.push({ particleId: image.particleId, cropped: true, path: rel, sha256: createHash('sha256').update(bytes).digest('hex'), sizeBytes: bytes.length, width: null, height: null, takenAt: null });
    },
  });
  const { sha256, sizeBytes } = await readStreamed(file, (c) => { reader.push(c); ctx.onBytes?.(c.length); }, ctx.shouldStop);
  const doc = reader.finish();

  const table = doc.particles;
  const ids = Uint32Array.from(table.particleIds, (id) => Math.max(0, id));
  const particleIdsSha256 = writeUint32File(path.join(staging, 'events', 'particle-ids.u32'), ids);
  const columns = table.columns.map((c, i) => {
    const rel = path.posix.join('events', `${String(i).padStart(3, '0')}.f32`);
    const columnSha256 = writeFloat32File(path.join(staging, rel), table.values[i]!);
    const channelKey = (c.channel ?? '').toLowerCase().replace(/\s+/g, ' ').trim();
    return { header: c.key, channel: c.channel, parameter: c.parameter, key: `${channelKey}|${c.parameter.toLowerCase()}`, path: rel, sha256: columnSha256 };
  });
  fs.mkdirSync(path.join(staging, 'sets'), { recursive: true });
  const sets = Object.entries(doc.particleSets).map(([name, members], i) => {
    const rel = path.posix.join('sets', `${String(i).padStart(3, '0')}.u32`);
    const membersSha256 = writeUint32File(path.join(staging, rel), Uint32Array.from(members).sort());
    return { name, eventCount: members.length, membersPath: rel, membersSha256 };
  });
  const imaged = Array.from(table.particleIds).filter((_, i) => table.hasImage[i] === 1);
  const withImage = new Set(images.map((i) => i.particleId));

  const base = (doc.fileName ?? path.basename(file)).replace(/\.json$/i, '').replace(/\.cyz$/i, '');
  const start = doc.results.start;
  // Identity: the instrument clock's reading to the second, without offset, as an Info file would write it.
  const clock = start ? start.slice(0, 19) : null;
  const r = doc.results;
  const metadata: Record<string, string> = { ...doc.metadata };
  return {
    kind: 'cyz2json',
    name: base,
    identity: { instrument: doc.instrument.serialNumber, startedAt: clock, name: base },
    instrument: doc.instrument.name,
    instrumentSerial: doc.instrument.serialNumber,
    startedAtSource: start,
    startedAtUtc: r.startUtc,
    durationSeconds: r.duration,
    volumeMicrolitres: r.analysedVolume,
    eventCount: ids.length,
    partial: false,
    particleIdsPath: 'events/particle-ids.u32',
    particleIdsSha256,
    columns,
    sets,
    images,
    imagesMissing: imaged.filter((id) => !withImage.has(id)),
    files: [{ sourcePath: file, storedPath: null, role: 'other', sizeBytes, sha256 }],
    metadata,
    issues: doc.issues.map((i) => ({
      code: 'invalid-input' as const,
      severity: doc.complete ? ('warning' as const) : ('error' as const),
      file,
      message: i.message,
      ...(i.line !== undefined ? { line: i.line } : {}),
      ...(i.field !== undefined ? { field: i.field } : {}),
    })),
  };
}
