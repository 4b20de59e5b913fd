/**
 * Particle identity from an image file name (formats-cytosense.md §8.1):
 *   CytoClus export        `<sample>_Cropped_<ParticleID>.jpg`, `<sample>_Uncropped_<ParticleID>.jpg`
 *   RclusTool renamings    `<ParticleID>.jpg`, `<ParticleID>_<sample>.jpg`
 * `<sample>_Pulse_<ID>.jpg` is a rendered pulse plot, not a camera image: not a particle image.
 */

export const IMAGE_EXTENSIONS = ['jpg', 'jpeg', 'png', 'bmp', 'tif', 'tiff'] as const;

export interface ParticleImageName {
  particleId: number;
  /** True for `_Cropped_`, false for `_Uncropped_`, null when the name does not say. */
  cropped: boolean | null;
  /** Sample name the file name carries, if any. */
  sample: string | null;
  naming: 'cytoclus' | 'id-only' | 'id-sample';
}

const EXT = `(?:${IMAGE_EXTENSIONS.join('|')})`;
const CYTOCLUS = new RegExp(`^(.*)_(Cropped|Uncropped)_(\\d+)\\.${EXT}$`, 'i');
const ID_ONLY = new RegExp(`^(\\d+)\\.${EXT}$`, 'i');
const ID_SAMPLE = new RegExp(`^(\\d+)_(.+)\\.${EXT}$`, 'i');
const PULSE_PLOT = new RegExp(`_Pulse_\\d+\\.${EXT}$`, 'i');

/** Last segment of a `/` or `\` path. */
export function baseName(path: string): string {
  const trimmed = path.replace(/[\\/]+$/, '');
  const i = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
  return trimmed.slice(i + 1);
}

export function isImageFileName(name: string): boolean {
  const ext = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase();
  return ext !== undefined && (IMAGE_EXTENSIONS as readonly string[]).includes(ext);
}

export function isPulsePlotFileName(name: string): boolean {
  return PULSE_PLOT.test(baseName(name));
}

/** Null when the name carries no particle ID (overview mosaics, pulse plots, other files). */
export function parseParticleImageName(fileName: string): ParticleImageName | null {
  const name = baseName(fileName).normalize('NFC');
  let m = CYTOCLUS.exec(name);
  if (m) {
    const particleId = safeId(m[3]!);
    if (particleId === null) return null;
    return { particleId, cropped: m[2]!.toLowerCase() === 'cropped', sample: m[1]!, naming: 'cytoclus' };
  }
  if (PULSE_PLOT.test(name)) return null;
  m = ID_ONLY.exec(name);
  if (m) {
    const particleId = safeId(m[1]!);
    return particleId === null ? null : { particleId, cropped: null, sample: null, naming: 'id-only' };
  }
  m = ID_SAMPLE.exec(name);
  if (m) {
    const particleId = safeId(m[1]!);
    return particleId === null ? null : { particleId, cropped: null, sample: m[2]!, naming: 'id-sample' };
  }
  return null;
}

function safeId(digits: string): number | null {
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : null;
}
