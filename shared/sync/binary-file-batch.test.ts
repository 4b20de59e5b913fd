import { describe, expect, it } from 'vitest';
import { seededRandom } from '../random/seeded-random.js';
import { BINARY_BATCH_ENTRY_BYTES, batchAnswerProblem, binaryBatchHeaderLength, binaryBatchSizes, frameBinaryFileBatch, hashHexAt, shortBatchAnswer } from './binary-file-batch.js';
import { MAX_BATCH_BYTES, MAX_BATCH_FILE_BYTES, MAX_BATCH_FILES } from './sync-protocol.js';

const hexOf = (random: () => number) => Array.from({ length: 64 }, () => '0123456789abcdef'[Math.floor(random() * 16)]).join('');

describe('the binary batch form', () => {
  it('frames hashes and sizes that read back as sent, files back to back after the header (seeded)', () => {
    const seed = Number(process.env.TEST_SEED ?? Date.now() % 1_000_000);
    console.log(`binary batch framing: seed ${seed} (TEST_SEED=${seed} replays it)`);
    const random = seededRandom(seed);
    for (let round = 0; round < 50; round++) {
      const files = Array.from({ length: 1 + Math.floor(random() * 20) }, () => ({ sha256: hexOf(random), bytes: Uint8Array.from({ length: Math.floor(random() * 300) }, () => Math.floor(random() * 256)) }));
      const body = frameBinaryFileBatch(files);
      const count = new DataView(body.buffer).getUint32(0, false);
      expect(count, `seed ${seed}`).toBe(files.length);
      const length = binaryBatchHeaderLength(count);
      expect(length).toEqual({ length: 4 + files.length * BINARY_BATCH_ENTRY_BYTES });
      const header = body.subarray(0, 4 + files.length * BINARY_BATCH_ENTRY_BYTES);
      const sizes = binaryBatchSizes(header);
      expect(sizes, `seed ${seed}`).toEqual({ sizes: files.map((f) => f.bytes.length), total: files.reduce((n, f) => n + f.bytes.length, 0) });
      let at = header.length;
      files.forEach((f, i) => {
        expect(hashHexAt(header, 4 + i * BINARY_BATCH_ENTRY_BYTES), `seed ${seed}`).toBe(f.sha256);
        expect(body.subarray(at, at + f.bytes.length), `seed ${seed}`).toEqual(f.bytes);
        at += f.bytes.length;
      });
      expect(at).toBe(body.length);
    }
  });

  it('refuses to frame a hash that is not lower-case hex', () => {
    for (const bad of ['A'.repeat(64), 'a'.repeat(63), `${'a'.repeat(63)}g`, `../${'a'.repeat(61)}`]) {
      expect(() => frameBinaryFileBatch([{ sha256: bad, bytes: new Uint8Array(1) }]), bad).toThrow(/not a SHA-256 in lower-case hex/);
    }
  });

  it('refuses an empty batch, too many files, a file too large and too many bytes, naming the file', () => {
    expect(binaryBatchHeaderLength(0)).toMatchObject({ status: 400 });
    expect(binaryBatchHeaderLength(MAX_BATCH_FILES)).toEqual({ length: 4 + MAX_BATCH_FILES * BINARY_BATCH_ENTRY_BYTES });
    expect(binaryBatchHeaderLength(MAX_BATCH_FILES + 1)).toMatchObject({ status: 413 });
    const header = (sizes: number[]) => {
      const h = new Uint8Array(4 + sizes.length * BINARY_BATCH_ENTRY_BYTES);
      const view = new DataView(h.buffer);
      view.setUint32(0, sizes.length, false);
      sizes.forEach((s, i) => view.setUint32(4 + i * BINARY_BATCH_ENTRY_BYTES + 32, s, false));
      return h;
    };
    expect(binaryBatchSizes(header([1, MAX_BATCH_FILE_BYTES + 1]))).toMatchObject({ status: 400, field: 'files.1.size' });
    expect(binaryBatchSizes(header([0xffffffff]))).toMatchObject({ status: 400, field: 'files.0.size' });
    const many = Array.from({ length: Math.floor(MAX_BATCH_BYTES / MAX_BATCH_FILE_BYTES) + 1 }, () => MAX_BATCH_FILE_BYTES);
    expect(binaryBatchSizes(header(many))).toMatchObject({ status: 413, field: 'body' });
  });

  it('answers shortly: the positions of the files held already and refused; and the client checks them against what it sent', () => {
    const h = 'a'.repeat(64);
    const answer = shortBatchAnswer([
      { sha256: h, status: 'stored' },
      { sha256: h, status: 'exists' },
      { sha256: h, status: 'refused', reason: 'the bytes do not match' },
      { sha256: h, status: 'stored' },
    ]);
    expect(answer).toEqual({ files: 4, exists: [1], refused: [{ index: 2, reason: 'the bytes do not match' }] });
    expect(batchAnswerProblem(answer, 4)).toBe(null);
    expect(batchAnswerProblem(answer, 5)).toBe('it judged 4 files, not the 5 sent');
    expect(batchAnswerProblem({ files: 2, exists: [2], refused: [] }, 2)).toBe('it names file 2 of a batch of 2');
    expect(batchAnswerProblem({ files: 2, exists: [1], refused: [{ index: 1, reason: 'x' }] }, 2)).toBe('it names file 1 twice');
  });
});
