/**
 * Thumbnails fetched so far (particle id → data: URL, or null when the service had no bytes for it), least recently
 * used dropped past a limit, and which ids are on their way, so a scroll never asks for the same image twice.
 */
import { chunk } from './gallery-layout.js';

export const IMAGE_BATCH = 100;

export class ImageCache {
  private readonly entries = new Map<number, string | null>();
  private readonly pending = new Set<number>();

  constructor(private readonly limit = 4000) {}

  get size(): number {
    return this.entries.size;
  }

  /** The URL (null: no image), or undefined when not fetched yet. Marks the entry as recently used. */
  get(id: number): string | null | undefined {
    if (!this.entries.has(id)) return undefined;
    const value = this.entries.get(id) as string | null;
    this.entries.delete(id);
    this.entries.set(id, value);
    return value;
  }

  /** Read without touching the order (for rendering). */
  peek(id: number): string | null | undefined {
    return this.entries.get(id);
  }

  set(id: number, url: string | null): void {
    this.pending.delete(id);
    this.entries.delete(id);
    this.entries.set(id, url);
    while (this.entries.size > this.limit) {
      const oldest = this.entries.keys().next().value as number;
      this.entries.delete(oldest);
    }
  }

  isPending(id: number): boolean {
    return this.pending.has(id);
  }

  /** Of these ids, those neither cached nor on their way (in order, without repeats). */
  wanted(ids: readonly number[]): number[] {
    const seen = new Set<number>();
    return ids.filter((id) => {
      if (seen.has(id) || this.entries.has(id) || this.pending.has(id)) return false;
      seen.add(id);
      return true;
    });
  }

  markPending(ids: readonly number[]): void {
    for (const id of ids) this.pending.add(id);
  }

  /** Forget pending ids (after a failed fetch, so they can be asked for again). */
  release(ids: readonly number[]): void {
    for (const id of ids) this.pending.delete(id);
  }

  clear(): void {
    this.entries.clear();
    this.pending.clear();
  }
}

export type FetchImages = (particleIds: number[]) => Promise<{ particleId: number; dataUrl: string }[]>;

/**
 * Fetches the ids not cached yet in batches of ≤ batchSize, one after another, storing each batch as it arrives
 * (ids the answer leaves out are stored as null) and calling onBatch. A failed batch is released and its error
 * rethrown after the others; `isStale()` true stops further batches (a new sample or filter).
 */
export async function loadImages(
  cache: ImageCache,
  ids: readonly number[],
  fetchImages: FetchImages,
  onBatch: () => void,
  options: { batchSize?: number; isStale?: () => boolean } = {},
): Promise<void> {
  const todo = cache.wanted(ids);
  if (todo.length === 0) return;
  cache.markPending(todo);
  const batches = chunk(todo, Math.min(IMAGE_BATCH, options.batchSize ?? IMAGE_BATCH));
  let failure: unknown = null;
  for (let i = 0; i < batches.length; i++) {
    const batch = batches[i]!;
    if (options.isStale?.()) {
      for (const rest of batches.slice(i)) cache.release(rest);
      break;
    }
    try {
      const images = await fetchImages(batch);
      if (options.isStale?.()) {
        for (const rest of batches.slice(i)) cache.release(rest);
        break;
      }
      const got = new Map(images.map((im) => [im.particleId, im.dataUrl]));
      for (const id of batch) cache.set(id, got.get(id) ?? null);
      onBatch();
    } catch (err) {
      cache.release(batch);
      failure ??= err;
    }
  }
  if (failure !== null) throw failure;
}
