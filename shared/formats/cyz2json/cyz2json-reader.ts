/**
 * Streamed reader for cyz2json output (formats-cytosense.md §13): instrument, settings, results, per-particle
 * parameters as Float32 columns (the shape a listmode gives), set membership, and image references. Images are
 * inline base64 and every particle carries its pulse shapes, so files reach hundreds of MB: chunks go through an
 * incremental tokenizer, pulse shapes are skipped unless asked for, and image data is only counted — or decoded
 * one image at a time for onImage — never kept.
 */
import { CurationError } from '../../api/errors.js';
import type { FormatIssue } from '../format-issue.js';
import { Base64Stream } from './base64-stream.js';
import {
  CHANNEL_KEYS,
  CROP_RECTANGLE_KEYS,
  FIELD_PATHS,
  HAS_IMAGE_KEYS,
  IMAGE_DATA_KEYS,
  KEPT_LONG_STRINGS,
  LIST_PATTERNS,
  PARAMETERS_KEYS,
  PARTICLE_ID_KEYS,
  PULSE_SHAPES_KEYS,
  PULSE_VALUES_KEYS,
  REGION_KEYS,
  normaliseKey,
  particleParameterKey,
} from './cyz2json-keys.js';
import type { ParticleParameterKey } from './cyz2json-keys.js';
import { JsonTokenizer } from './json-tokenizer.js';
import type { JsonHandler, JsonScalar } from './json-tokenizer.js';
import { offsetDateTimeToUtc } from './offset-date-time.js';

export interface ParticleColumn {
  /** Channel as written (`FL Red`, `Fl Yellow`, …); null for per-particle columns (Sample Length, Arrival Time). */
  channel: string | null;
  /** Listmode parameter name: `Total`, `Center of gravity`, `Length(13%)`, … (unknown JSON keys kept as is). */
  parameter: string;
  /** Listmode column name: `<channel> <parameter>`, or the parameter alone. */
  key: string;
}

export interface ParticleTable {
  columns: ParticleColumn[];
  particleIds: Int32Array;
  /** One array per column, aligned with particleIds; NaN where a particle lacks the value. */
  values: Float32Array[];
  /** 1 when cyz2json says the particle has an image. */
  hasImage: Uint8Array;
}

export interface Cyz2JsonImage {
  particleId: number;
  /** Decoded JPEG size in bytes. */
  byteLength: number;
  cropRectangle: { x: number; y: number; width: number; height: number } | null;
}

export interface PmtLevel {
  channel: string;
  level: number;
  /** Gain factor, e.g. 25 for "(25x)"; null when not given. */
  gain: number | null;
}

export interface Cyz2JsonSettings {
  /** CytoUSB protocol (tab) name = the .cyz name without timestamp. */
  tabName: string | null;
  triggerChannel: string | null;
  /** mV */
  triggerLevel: number | null;
  smartTrigger: boolean | null;
  smartTriggerDescription: string | null;
  /** As written: "SWS: 55 (25x), Fl Yellow: 80 (192x), FL Red: 75 (366x)". */
  pmtLevels: string | null;
  pmtLevelsByChannel: PmtLevel[];
  /** µL/s */
  samplePumpSpeed: number | null;
  /** Configured stop-after time, s. */
  maximumDuration: number | null;
  takeImages: boolean | null;
  /** Set definition XML used to select particles for imaging (formats-cytosense.md §10). */
  setDefinitionXml: string | null;
  imageScaleMuPerPixel: number | null;
  /** Channel names of the instrument description (`ChannelList[].Description`), greedy metadata only. */
  channels: string[];
}

export interface Cyz2JsonResults {
  /** Measurement start as written, with its UTC offset: "2025-02-13T14:28:04.646157+01:00". */
  start: string | null;
  /** The same instant in UTC ("2025-02-13T13:28:04.646Z"); null when start has no offset. */
  startUtc: string | null;
  /** Measurement duration, s (`duration`). */
  duration: number | null;
  /**
   * `maximum_measurement_time_s` of some converter versions: in the real key dictionary it equals the configured
   * stop time (1200 s), so it is kept apart from duration.
   */
  maximumMeasurementTime: number | null;
  /** Particles counted (detected), incl. those not stored (smart trigger). */
  particleCount: number | null;
  /** Particles stored in the file. */
  particlesInFileCount: number | null;
  pictureCount: number | null;
  /** µL */
  pumpedVolume: number | null;
  /** µL */
  analysedVolume: number | null;
  /** particles / µL */
  particleConcentration: number | null;
  systemTemperature: number | null;
  sheathTemperature: number | null;
  pmtTemperature: number | null;
  buoyTemperature: number | null;
  laserTemperature: number | null;
  /** mbar */
  pressureAbsolute: number | null;
  pressureDifferential: number | null;
  referenceVoltageRatio: number | null;
  intVoltage: number | null;
  rechargeCurrent: number | null;
}

export interface SetStatistic {
  name: string;
  count: number | null;
  images: number | null;
  /** µL; null when cyz2json wrote "NaN" (cannot be computed). */
  imagedVolume: number | null;
}

export interface Cyz2JsonDocument {
  /** `filename`: the .cyz it was converted from. */
  fileName: string | null;
  instrument: {
    name: string | null;
    serialNumber: string | null;
    /** m/s */
    sampleCoreSpeed: number | null;
    /** µm */
    laserBeamWidth: number | null;
    channels: { id: number | null; description: string }[];
  };
  settings: Cyz2JsonSettings;
  results: Cyz2JsonResults;
  /** `set_information` (--imaging-set-information), null when absent. */
  setInformation: { definitionXml: string | null; statistics: SetStatistic[] } | null;
  particles: ParticleTable;
  /** Set name → particle IDs, from `particles[].region` (--imaging-set-information). */
  particleSets: Record<string, number[]>;
  images: Cyz2JsonImage[];
  /** Every scalar outside particles/images, flattened: "instrument.measurementSettings.CytoSettings.TabName". */
  metadata: Record<string, string>;
  issues: FormatIssue[];
  /** False when the file was cut: what was read is returned. */
  complete: boolean;
}

export interface Cyz2JsonReaderOptions {
  /** Strings longer than this (bytes) are streamed, never held whole. Default 64 KiB. */
  inlineStringLimit?: number;
  /** Receives each image's decoded JPEG bytes as soon as its entry is read. Without it images are only listed. */
  onImage?: (image: Cyz2JsonImage, bytes: Uint8Array) => void;
  /** Limit onImage to some particles. */
  wantImage?: (particleId: number) => boolean;
  /** Receives each particle's pulse shapes (mV). Without it they are skipped unread. */
  onPulseShapes?: (particleId: number, shapes: { channel: string; values: Float32Array }[]) => void;
}

export interface Cyz2JsonReader {
  push(chunk: Uint8Array): void;
  finish(): Cyz2JsonDocument;
  /** Most bytes the tokenizer buffered at once (bounded by inlineStringLimit). */
  readonly maxBufferedBytes: number;
}

type Kind =
  | 'root'
  | 'meta'
  | 'particles'
  | 'particle'
  | 'parameters'
  | 'parametersByChannel'
  | 'parameter'
  | 'pulseShapes'
  | 'pulseShape'
  | 'pulseValues'
  | 'region'
  | 'images'
  | 'image'
  | 'crop';

interface Frame {
  kind: Kind;
  isObject: boolean;
  key: string;
  index: number;
  /** Metadata path of this container (meta and root only). */
  path: string;
}

const MAX_METADATA = 20_000;
const MAX_META_ARRAY = 256; // scalar arrays (lookup tables) are cut here in the metadata
const MAX_KEPT_LONG_STRING = 16 << 20;
const MAX_ISSUES = 100;

export function createCyz2JsonReader(options: Cyz2JsonReaderOptions = {}): Cyz2JsonReader {
  const issues: FormatIssue[] = [];
  let droppedIssues = 0;
  const issue = (i: FormatIssue) => {
    if (issues.length < MAX_ISSUES) issues.push(i);
    else droppedIssues++;
  };

  // ---- metadata --------------------------------------------------------------------------------------------
  const meta = new Map<string, JsonScalar>();
  let metaTruncated = false;
  const topKeys = new Set<string>();
  let keptLong: { path: string; parts: Uint8Array[]; length: number } | null = null;

  // ---- particles -------------------------------------------------------------------------------------------
  let capacity = 1024;
  let rowCount = 0;
  let particleIds = new Int32Array(capacity);
  let hasImage = new Uint8Array(capacity);
  const columns: ParticleColumn[] = [];
  let columnValues: Float32Array[] = [];
  /** channel (null: per-particle) → parameter → column; two levels so no key string is built per value. */
  const columnIndex = new Map<string | null, Map<string, number>>();
  const seenIds = new Set<number>();
  let duplicateIds = 0;
  let particlesWithoutId = 0;
  const particleSets: Record<string, number[]> = {};

  let pId: number | null = null;
  let pHasImage = false;
  let pRegions: string[] = [];
  let pChannels: string[] = [];
  let pParams: ParticleParameterKey[] = [];
  let pValues: number[] = [];
  let pShapes: { channel: string; values: Float32Array }[] = [];
  // parameter entry in progress
  let eChannel: string | null = null;
  let eParams: ParticleParameterKey[] = [];
  let eValues: number[] = [];
  let entriesWithoutChannel = 0;
  // pulse shape in progress
  let sChannel: string | null = null;
  let sValues: number[] = [];

  // ---- images ----------------------------------------------------------------------------------------------
  const images: Cyz2JsonImage[] = [];
  let iId: number | null = null;
  let iData: Base64Stream | null = null;
  let iCrop: Record<string, number> | null = null;
  let imageIndex = -1;

  const frames: Frame[] = [];
  const top = (): Frame | undefined => frames[frames.length - 1];

  /** Advances the array index of the enclosing frame; returns it with the slot's key (object) or index. */
  const enter = (): Frame | undefined => {
    const f = top();
    if (f && !f.isObject) f.index++;
    return f;
  };
  const slotKey = (f: Frame): string => (f.isObject ? normaliseKey(f.key) : '');
  const childPath = (f: Frame): string =>
    f.isObject ? (f.path === '' ? f.key : `${f.path}.${f.key}`) : `${f.path}[${f.index}]`;

  const wantImageBytes = (): boolean =>
    options.onImage !== undefined && (options.wantImage === undefined || iId === null || options.wantImage(iId));

  function storeMeta(f: Frame, value: JsonScalar): void {
    if (!f.isObject && f.index >= MAX_META_ARRAY) return;
    if (meta.size >= MAX_METADATA) {
      metaTruncated = true;
      return;
    }
    meta.set(childPath(f), value);
  }

  function openContainer(isObject: boolean): boolean {
    const parent = enter();
    const push = (kind: Kind, path = ''): false => {
      frames.push({ kind, isObject, key: '', index: -1, path });
      return false;
    };
    if (!parent) {
      if (!isObject) throw notCyz2Json('the top level is an array, not an object');
      return push('root');
    }
    const k = slotKey(parent);
    switch (parent.kind) {
      case 'root':
        topKeys.add(k);
        if (!isObject && k === 'particles') return push('particles');
        if (!isObject && k === 'images') return push('images');
        return push('meta', childPath(parent));
      case 'meta':
        return push('meta', childPath(parent));
      case 'particles':
        if (!isObject) return true;
        pId = null;
        pHasImage = false;
        pRegions = [];
        pChannels = [];
        pParams = [];
        pValues = [];
        pShapes = [];
        return push('particle');
      case 'particle':
        if (PARAMETERS_KEYS.has(k)) return push(isObject ? 'parametersByChannel' : 'parameters');
        if (!isObject && PULSE_SHAPES_KEYS.has(k) && options.onPulseShapes) return push('pulseShapes');
        if (!isObject && REGION_KEYS.has(k)) return push('region');
        return true;
      case 'parameters':
      case 'parametersByChannel':
        if (!isObject) return true;
        eChannel = parent.kind === 'parametersByChannel' ? parent.key : null;
        eParams = [];
        eValues = [];
        return push('parameter');
      case 'pulseShapes':
        if (!isObject) return true;
        sChannel = null;
        sValues = [];
        return push('pulseShape');
      case 'pulseShape':
        if (!isObject && PULSE_VALUES_KEYS.has(k)) return push('pulseValues');
        return true;
      case 'images':
        if (!isObject) return true;
        imageIndex++;
        iId = null;
        iData = null;
        iCrop = null;
        return push('image');
      case 'image':
        if (isObject && CROP_RECTANGLE_KEYS.has(k)) {
          iCrop = {};
          return push('crop');
        }
        return true;
      default:
        return true;
    }
  }

  function closeContainer(): void {
    const f = frames.pop();
    if (!f) return;
    switch (f.kind) {
      case 'parameter':
        if (eChannel === null) entriesWithoutChannel++;
        else {
          for (let i = 0; i < eParams.length; i++) {
            pChannels.push(eChannel);
            pParams.push(eParams[i]!);
            pValues.push(eValues[i]!);
          }
        }
        break;
      case 'pulseShape':
        if (sChannel !== null) pShapes.push({ channel: sChannel, values: Float32Array.from(sValues) });
        break;
      case 'particle':
        commitParticle();
        break;
      case 'image':
        commitImage();
        break;
      default:
        break;
    }
  }

  function onScalar(value: JsonScalar): void {
    const f = enter();
    if (!f) throw notCyz2Json('the document is a single value, not an object');
    const k = slotKey(f);
    switch (f.kind) {
      case 'root':
        topKeys.add(k);
        storeMeta(f, value);
        return;
      case 'meta':
        storeMeta(f, value);
        return;
      case 'particle':
        if (PARTICLE_ID_KEYS.has(k)) pId = asId(value);
        else if (HAS_IMAGE_KEYS.has(k)) pHasImage = value === true || value === 'true' || value === 'True';
        return;
      case 'region':
        if (typeof value === 'string' && value !== '') pRegions.push(value);
        return;
      case 'parameter':
      case 'parametersByChannel':
        if (f.kind === 'parametersByChannel') return;
        if (CHANNEL_KEYS.has(k)) {
          if (typeof value === 'string') eChannel = value;
          return;
        }
        eParams.push(particleParameterKey(f.key));
        eValues.push(asNumber(value));
        return;
      case 'pulseShape':
        if (CHANNEL_KEYS.has(k) && typeof value === 'string') sChannel = value;
        return;
      case 'pulseValues':
        sValues.push(asNumber(value));
        return;
      case 'image':
        if (PARTICLE_ID_KEYS.has(k)) iId = asId(value);
        else if (IMAGE_DATA_KEYS.has(k) && typeof value === 'string') {
          iData = new Base64Stream(wantImageBytes());
          iData.push(new TextEncoder().encode(value));
        }
        return;
      case 'crop':
        if (iCrop !== null) iCrop[k] = asNumber(value);
        return;
      default:
        return;
    }
  }

  function commitParticle(): void {
    if (pId === null) {
      particlesWithoutId++;
      return;
    }
    if (seenIds.has(pId)) duplicateIds++;
    else seenIds.add(pId);
    if (rowCount === capacity) grow();
    const row = rowCount++;
    particleIds[row] = pId;
    hasImage[row] = pHasImage ? 1 : 0;
    // Per-particle values first (so their columns come first, as in a listmode), then the channel columns.
    let sawPerParticle = 0;
    for (let i = 0; i < pParams.length; i++) {
      const p = pParams[i]!;
      if (!p.perParticle) continue;
      // Repeated in every channel: the first channel's value stands for the particle.
      const bit = p.parameter === 'Sample Length' ? 1 : 2;
      if (sawPerParticle & bit) continue;
      sawPerParticle |= bit;
      columnValues[column(null, p.parameter)]![row] = pValues[i]!;
    }
    for (let i = 0; i < pParams.length; i++) {
      const p = pParams[i]!;
      if (!p.perParticle) columnValues[column(pChannels[i]!, p.parameter)]![row] = pValues[i]!;
    }
    for (const name of pRegions) (particleSets[name] ??= []).push(pId);
    if (options.onPulseShapes) options.onPulseShapes(pId, pShapes);
  }

  function column(channel: string | null, parameter: string): number {
    let byParameter = columnIndex.get(channel);
    if (byParameter === undefined) {
      byParameter = new Map();
      columnIndex.set(channel, byParameter);
    }
    let col = byParameter.get(parameter);
    if (col === undefined) {
      col = columns.length;
      columns.push({ channel, parameter, key: channel === null ? parameter : `${channel} ${parameter}` });
      columnValues.push(new Float32Array(capacity).fill(NaN));
      byParameter.set(parameter, col);
    }
    return col;
  }

  function grow(): void {
    capacity *= 2;
    const ids = new Int32Array(capacity);
    ids.set(particleIds);
    particleIds = ids;
    const img = new Uint8Array(capacity);
    img.set(hasImage);
    hasImage = img;
    columnValues = columnValues.map((old) => {
      const v = new Float32Array(capacity).fill(NaN, old.length);
      v.set(old);
      return v;
    });
  }

  function commitImage(): void {
    const data = iData;
    iData = null;
    if (iId === null) {
      issue({ field: `images[${imageIndex}]`, message: 'image without particleId; skipped' });
      return;
    }
    const bytes = data ? data.finish() : null;
    if (data && data.error !== null) {
      issue({ field: `images[${imageIndex}].base64`, message: `image of particle ${iId}: ${data.error}; skipped` });
      return;
    }
    const crop = iCrop;
    const image: Cyz2JsonImage = {
      particleId: iId,
      byteLength: data ? data.byteLength : 0,
      cropRectangle:
        crop && ['x', 'y', 'width', 'height'].every((c) => Number.isFinite(crop[c]))
          ? { x: crop.x!, y: crop.y!, width: crop.width!, height: crop.height! }
          : null,
    };
    if (!data) issue({ field: `images[${imageIndex}]`, message: `image of particle ${iId} has no data` });
    images.push(image);
    if (bytes && bytes.length > 0 && options.onImage && (options.wantImage === undefined || options.wantImage(iId))) {
      options.onImage(image, bytes);
    }
  }

  const handler: JsonHandler = {
    startObject: () => openContainer(true),
    startArray: () => openContainer(false),
    endObject: closeContainer,
    endArray: closeContainer,
    key(name) {
      const f = top();
      if (f) f.key = name;
    },
    value: onScalar,
    longStringStart() {
      const f = enter();
      if (!f) throw notCyz2Json('the document is a single value, not an object');
      const k = slotKey(f);
      if (f.kind === 'image' && IMAGE_DATA_KEYS.has(k)) {
        iData = new Base64Stream(wantImageBytes());
        return false;
      }
      if ((f.kind === 'meta' || f.kind === 'root') && KEPT_LONG_STRINGS.has(k)) {
        keptLong = { path: childPath(f), parts: [], length: 0 };
        return false;
      }
      return true; // other blobs (camera background, …): skipped unread
    },
    longStringChunk(bytes) {
      if (iData !== null && top()?.kind === 'image') iData.push(bytes);
      else if (keptLong !== null) {
        keptLong.length += bytes.length;
        if (keptLong.length <= MAX_KEPT_LONG_STRING) keptLong.parts.push(bytes.slice());
      }
    },
    longStringEnd() {
      if (keptLong !== null) {
        if (keptLong.length > MAX_KEPT_LONG_STRING) {
          issue({ field: keptLong.path, message: `text of ${keptLong.length} bytes is too long to keep; dropped` });
        } else if (meta.size < MAX_METADATA) {
          meta.set(keptLong.path, new TextDecoder('utf-8').decode(concat(keptLong.parts, keptLong.length)));
        }
        keptLong = null;
      }
    },
  };

  const tokenizer = new JsonTokenizer(handler, { inlineStringLimit: options.inlineStringLimit ?? 65_536 });

  return {
    push(chunk) {
      tokenizer.push(chunk);
    },
    get maxBufferedBytes() {
      return tokenizer.maxBufferedBytes;
    },
    finish(): Cyz2JsonDocument {
      const end = tokenizer.finish();
      if (!end.complete && frames.length === 0 && topKeys.size === 0) throw notCyz2Json(end.reason ?? 'no JSON value');
      if (!['instrument', 'particles', 'images', 'filename'].some((k) => topKeys.has(k))) {
        throw notCyz2Json('no "instrument" or "particles" at the top level');
      }
      if (!end.complete) {
        issue({ offset: end.offset, message: `${end.reason}: the file is cut; ${rowCount} particles and ${images.length} images read` });
      }
      if (particlesWithoutId > 0) issue({ field: 'particles', message: `${particlesWithoutId} particles without particleId; skipped` });
      if (duplicateIds > 0) issue({ field: 'particles', message: `${duplicateIds} particles repeat an earlier particleId` });
      if (entriesWithoutChannel > 0) {
        issue({
          field: 'particles[].parameters',
          message: `${entriesWithoutChannel} parameter entries without channel description; skipped`,
        });
      }
      if (metaTruncated) issue({ message: `more than ${MAX_METADATA} metadata values: the rest were not kept` });
      const doc = buildDocument(meta, issue);
      doc.particles = {
        columns,
        particleIds: particleIds.slice(0, rowCount),
        values: columnValues.map((v) => v.slice(0, rowCount)),
        hasImage: hasImage.slice(0, rowCount),
      };
      doc.particleSets = particleSets;
      doc.images = images;
      doc.complete = end.complete;
      const stored = doc.results.particlesInFileCount;
      if (end.complete && stored !== null && stored !== rowCount) {
        issue({ field: 'particlesInFileCount', message: `results say ${stored} particles in the file, the file holds ${rowCount}` });
      }
      if (end.complete) {
        const withImage = new Set(images.map((im) => im.particleId));
        let missing = 0;
        for (let row = 0; row < rowCount; row++) if (hasImage[row] === 1 && !withImage.has(particleIds[row]!)) missing++;
        if (missing > 0) issue({ field: 'images', message: `${missing} particles marked hasImage have no entry in images` });
      }
      if (droppedIssues > 0) issues.push({ message: `${droppedIssues} more problems not listed` });
      doc.issues = issues;
      return doc;
    },
  };
}

/** Convenience for a document already in memory (tests, small files). */
export function readCyz2Json(bytes: Uint8Array, options?: Cyz2JsonReaderOptions): Cyz2JsonDocument {
  const reader = createCyz2JsonReader(options);
  reader.push(bytes);
  return reader.finish();
}

function notCyz2Json(why: string): CurationError {
  return new CurationError({ code: 'invalid-input', message: `not a cyz2json document: ${why}` });
}

/** Numbers may arrive as strings ("NaN", "Infinity" from Newtonsoft, or numeric text from other writers). */
function asNumber(value: JsonScalar): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    const t = value.trim();
    if (t === 'NaN') return NaN;
    if (t === 'Infinity') return Infinity;
    if (t === '-Infinity') return -Infinity;
    const n = t === '' ? NaN : Number(t);
    return Number.isNaN(n) ? NaN : n;
  }
  if (typeof value === 'boolean') return value ? 1 : 0;
  return NaN;
}

function asId(value: JsonScalar): number | null {
  const n = asNumber(value);
  return Number.isInteger(n) && n >= -2147483648 && n <= 2147483647 ? n : null;
}

function concat(parts: Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function buildDocument(meta: Map<string, JsonScalar>, issue: (i: FormatIssue) => void): Cyz2JsonDocument {
  const norm = new Map<string, JsonScalar>();
  for (const [path, v] of meta) {
    const n = normaliseKey(path);
    if (!norm.has(n)) norm.set(n, v);
  }
  const raw = (paths: readonly string[]): JsonScalar | undefined => {
    for (const p of paths) {
      const v = norm.get(normaliseKey(p));
      if (v !== undefined) return v;
    }
    return undefined;
  };
  const str = (paths: readonly string[]): string | null => {
    const v = raw(paths);
    return v === undefined || v === null ? null : String(v);
  };
  const num = (paths: readonly string[]): number | null => {
    const v = raw(paths);
    if (v === undefined || v === null) return null;
    const n = asNumber(v);
    return Number.isNaN(n) ? null : n;
  };
  const bool = (paths: readonly string[]): boolean | null => {
    const v = raw(paths);
    if (typeof v === 'boolean') return v;
    if (typeof v === 'string' && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === 'true';
    if (typeof v === 'number') return v !== 0;
    return null;
  };

  const instrumentChannels: { id: number | null; description: string }[] = [];
  const settingsChannels: string[] = [];
  const statistics: Partial<Record<string, JsonScalar>>[] = [];
  const channelParts: { id?: JsonScalar; description?: JsonScalar }[] = [];
  for (const [n, v] of norm) {
    let m = LIST_PATTERNS.instrumentChannel.exec(n);
    if (m) {
      const entry = (channelParts[Number(m[1])] ??= {});
      entry[m[2] as 'id' | 'description'] = v;
      continue;
    }
    m = LIST_PATTERNS.settingsChannel.exec(n);
    if (m) {
      if (typeof v === 'string') settingsChannels[Number(m[1])] = v;
      continue;
    }
    m = LIST_PATTERNS.setStatistics.exec(n);
    if (m) (statistics[Number(m[1])] ??= {})[m[2]!] = v;
  }
  for (const c of channelParts) {
    if (c && typeof c.description === 'string') {
      const id = c.id === undefined ? null : asNumber(c.id);
      instrumentChannels.push({ id: id === null || Number.isNaN(id) ? null : id, description: c.description });
    }
  }

  const start = str(FIELD_PATHS.start);
  const startUtc = start === null ? null : offsetDateTimeToUtc(start);
  if (start !== null && startUtc === null) {
    issue({ field: 'measurementResults.start', message: `start "${start}" has no UTC offset: time zone unknown` });
  }
  const pmtLevels = str(FIELD_PATHS.pmtLevels);
  const hasSetInformation = [...norm.keys()].some((k) => k.startsWith('setinformation.'));
  const optionalNumber = (v: JsonScalar | undefined): number | null => {
    if (v === undefined || v === null) return null;
    const n = asNumber(v);
    return Number.isNaN(n) ? null : n;
  };

  return {
    fileName: str(['filename']),
    instrument: {
      name: str(FIELD_PATHS.instrumentName),
      serialNumber: str(FIELD_PATHS.serialNumber),
      sampleCoreSpeed: num(FIELD_PATHS.sampleCoreSpeed),
      laserBeamWidth: num(FIELD_PATHS.laserBeamWidth),
      channels: instrumentChannels,
    },
    settings: {
      tabName: str(FIELD_PATHS.tabName),
      triggerChannel: str(FIELD_PATHS.triggerChannel),
      triggerLevel: num(FIELD_PATHS.triggerLevel),
      smartTrigger: bool(FIELD_PATHS.smartTrigger),
      smartTriggerDescription: str(FIELD_PATHS.smartTriggerDescription),
      pmtLevels,
      pmtLevelsByChannel: pmtLevels === null ? [] : parsePmtLevels(pmtLevels),
      samplePumpSpeed: num(FIELD_PATHS.samplePumpSpeed),
      maximumDuration: num(FIELD_PATHS.maximumDuration),
      takeImages: bool(FIELD_PATHS.takeImages),
      setDefinitionXml: str(FIELD_PATHS.setDefinitionXml),
      imageScaleMuPerPixel: num(FIELD_PATHS.imageScaleMuPerPixel),
      channels: settingsChannels.filter((c) => c !== undefined),
    },
    results: {
      start,
      startUtc,
      duration: num(FIELD_PATHS.duration),
      maximumMeasurementTime: num(FIELD_PATHS.maximumMeasurementTime),
      particleCount: num(FIELD_PATHS.particleCount),
      particlesInFileCount: num(FIELD_PATHS.particlesInFileCount),
      pictureCount: num(FIELD_PATHS.pictureCount),
      pumpedVolume: num(FIELD_PATHS.pumpedVolume),
      analysedVolume: num(FIELD_PATHS.analysedVolume),
      particleConcentration: num(FIELD_PATHS.particleConcentration),
      systemTemperature: num(FIELD_PATHS.systemTemperature),
      sheathTemperature: num(FIELD_PATHS.sheathTemperature),
      pmtTemperature: num(FIELD_PATHS.pmtTemperature),
      buoyTemperature: num(FIELD_PATHS.buoyTemperature),
      laserTemperature: num(FIELD_PATHS.laserTemperature),
      pressureAbsolute: num(FIELD_PATHS.pressureAbsolute),
      pressureDifferential: num(FIELD_PATHS.pressureDifferential),
      referenceVoltageRatio: num(FIELD_PATHS.referenceVoltageRatio),
      intVoltage: num(FIELD_PATHS.intVoltage),
      rechargeCurrent: num(FIELD_PATHS.rechargeCurrent),
    },
    setInformation: hasSetInformation
      ? {
          definitionXml: str(FIELD_PATHS.setDefinitionFromSetInformation),
          statistics: statistics
            .filter((s) => s !== undefined && typeof s.name === 'string')
            .map((s) => ({
              name: String(s.name),
              count: optionalNumber(s.count),
              images: optionalNumber(s.images),
              imagedVolume: optionalNumber(s.imagedvolume),
            })),
        }
      : null,
    particles: { columns: [], particleIds: new Int32Array(0), values: [], hasImage: new Uint8Array(0) },
    particleSets: {},
    images: [],
    metadata: Object.fromEntries([...meta].map(([k, v]) => [k, v === null ? '' : String(v)])),
    issues: [],
    complete: true,
  };
}

/** "SWS: 55 (25x), Fl Yellow: 80 (192x), FL Red: 75 (366x)" → per-channel level and gain. */
export function parsePmtLevels(text: string): PmtLevel[] {
  const out: PmtLevel[] = [];
  for (const m of text.matchAll(/([^:,]+?)\s*:\s*(-?\d+(?:\.\d+)?)\s*(?:\(\s*(\d+(?:\.\d+)?)\s*x\s*\))?/g)) {
    out.push({ channel: m[1]!.trim(), level: Number(m[2]), gain: m[3] === undefined ? null : Number(m[3]) });
  }
  return out;
}
