/**
 * Joins a sample's imaged particles (from its listmode) with the image files found for it. Not every imaged
 * particle has a file (crop failures), and the same image is exported into every set folder: missing images are
 * reported, never fatal, and duplicates are set aside (formats-cytosense.md §8.2).
 */
import type { FormatIssue } from '../format-issue.js';

export interface LinkableImage {
  particleId: number;
  /** True cropped, false uncropped (full frame), null unknown (renamed files). */
  cropped: boolean | null;
}

export interface ParticleImageLinks<T extends LinkableImage> {
  /** One entry per imaged particle that has at least one image, in the order of the particle list. */
  linked: { particleId: number; images: T[] }[];
  /** Imaged particles without any image file. */
  missing: number[];
  /** Images whose particle is not in the list (other set, other sample, or not an imaged particle). */
  unlisted: T[];
  /** Further copies of an image already linked: same particle and same cropped/uncropped kind. */
  duplicates: T[];
  issues: FormatIssue[];
}

const LIST_IDS = 20; // IDs named in an issue message before "…"

export function linkParticleImages<T extends LinkableImage>(
  imagedParticleIds: Iterable<number>,
  images: readonly T[],
): ParticleImageLinks<T> {
  const byParticle = new Map<number, T[]>();
  const duplicates: T[] = [];
  for (const image of images) {
    const list = byParticle.get(image.particleId);
    if (!list) byParticle.set(image.particleId, [image]);
    else if (list.some((other) => other.cropped === image.cropped)) duplicates.push(image);
    else list.push(image);
  }
  const linked: { particleId: number; images: T[] }[] = [];
  const missing: number[] = [];
  const listed = new Set<number>();
  for (const id of imagedParticleIds) {
    if (listed.has(id)) continue;
    listed.add(id);
    const found = byParticle.get(id);
    if (found) linked.push({ particleId: id, images: found });
    else missing.push(id);
  }
  const unlisted: T[] = [];
  for (const [id, list] of byParticle) if (!listed.has(id)) unlisted.push(...list);

  const issues: FormatIssue[] = [];
  if (missing.length > 0) {
    issues.push({
      field: 'Particle ID',
      message: `${missing.length} of ${listed.size} imaged particles have no image file (${idList(missing)})`,
    });
  }
  if (unlisted.length > 0) {
    const ids = [...new Set(unlisted.map((i) => i.particleId))];
    issues.push({
      field: 'Particle ID',
      message: `${unlisted.length} image files belong to particles not in the imaged-particle list (${idList(ids)})`,
    });
  }
  return { linked, missing, unlisted, duplicates, issues };
}

function idList(ids: readonly number[]): string {
  const shown = ids.slice(0, LIST_IDS).join(', ');
  return ids.length > LIST_IDS ? `IDs ${shown}, …` : `IDs ${shown}`;
}
