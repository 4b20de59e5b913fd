import { CurationError } from '../../../api/errors.js';
import type { FormatIssue } from '../../format-issue.js';
import type { TextEncoding } from '../../text/decode-text.js';
import { child, field, parseXmlTree } from './xml-tree.js';
import type { XmlElement } from './xml-tree.js';

/**
 * CytoClus set (gate) definitions — `Settings/Set definition.xml`, `Settings/Sets_<sample>.xml`, set libraries,
 * cyz2json `set_information.definition` (formats-cytosense.md §10). Two dialects: the old element style (every
 * field a child element) and the CytoClus 4 attribute style (set, axis, rectangle and point fields as
 * attributes; composite-set fields and range bounds still child elements). Each field is read from the
 * attribute if present, else from the child element, so both dialects and mixtures read the same.
 *
 * The model is faithful to the file and does no gating: coordinates stay in data units (also on log axes),
 * sets stay in file order — which is the ranking when `exclusiveSets` is true (a particle then belongs to the
 * first gate-based set, in this order, that contains it; §10.2, to be verified against CytoClus counts).
 *
 * Decided here (the doc leaves it open):
 * - A gate that cannot be read (missing axis channel/parameter, unreadable coordinate, unknown gate element) is
 *   left out and its set gets `complete: false`, with an issue: a gate-based set is the AND of its gates, so
 *   dropping one silently would widen the set. Gating must refuse or flag incomplete sets. The same holds for
 *   a composite set whose member cannot be resolved or that refers to itself through a cycle.
 * - A gate that is readable but contains nothing (range min ≥ max, rectangle without positive size, polygon with
 *   fewer than 3 points) is kept as written, with an issue.
 * - A set element without a readable ListID is skipped (others refer to sets by ListID).
 * - Duplicate ListIDs are reported; references resolve to the first set with that ListID.
 * - `Color` `0` or empty (CytoClus's empty colour, used for automatic OrSets) → null.
 * - Numbers: invariant `.`; a `,` decimal (old files) is accepted when there is no `.`; `Infinity`/`∞` accepted.
 * - Booleans compare case-insensitively (`true` element style, `True` attribute style).
 * - Unknown set elements (e.g. index-based sets, which XML import does not support) are kept as kind `unknown`
 *   with their common fields, `complete: false` and an issue.
 */
export type SetKind = 'default' | 'all-images' | 'gate-based' | 'or' | 'combined' | 'unassigned' | 'cropped-images' | 'failed-crop-images' | 'unknown';

export interface CytoclusSingleAxis {
  type: 'single';
  /** Display text `<Parameter> <unit> <Channel>` (note the double space when the unit is empty); not used to resolve. */
  name: string | null;
  isLog: boolean;
  /** `ChannelName` (falls back to `ChannelType` when absent, with an issue). */
  channel: string;
  /** `FWS`, `SWS`, `FLRed`, … (does not tell HS/LS PMTs apart). */
  channelType: string | null;
  /** XML enum name: `Total`, `Maximum`, `Length`, `FillFactor`, `CentreOfGravity`, `SWSCOV`, … (§6.3). */
  parameter: string;
}

export interface CytoclusRatioAxis {
  type: 'ratio';
  name: string | null;
  isLog: boolean;
  /** Axis value = numerator / denominator (division by zero gives ±Infinity). */
  numerator: CytoclusSingleAxis;
  denominator: CytoclusSingleAxis;
}

export type CytoclusAxis = CytoclusSingleAxis | CytoclusRatioAxis;

export interface GatePoint {
  x: number;
  y: number;
}

export interface RectangleGate {
  type: 'rectangle';
  xAxis: CytoclusAxis;
  yAxis: CytoclusAxis;
  /** Minimum corner and size, data units: contains X ≤ x < X+Width and Y ≤ y < Y+Height (§10.2). */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PolygonGate {
  /** `freeform` is a polygon drawn freehand (many points, repeated points possible). */
  type: 'polygon' | 'freeform';
  xAxis: CytoclusAxis;
  yAxis: CytoclusAxis;
  /** Vertices in data units, closed implicitly (last → first). */
  points: GatePoint[];
}

export interface RangeGate {
  type: 'range';
  axis: CytoclusAxis;
  /** Strict: min < v < max (§10.2). */
  min: number;
  max: number;
}

export type CytoclusGate = RectangleGate | PolygonGate | RangeGate;

export interface SetMember {
  listId: number;
  /** Name of the referenced set; null when no set has this ListID. */
  name: string | null;
}

export type CombinationType = 'set1AND2' | 'set1OR2' | 'set1NOT2';

export interface CytoclusSetDefinition {
  listId: number;
  name: string;
  color: string | null;
  visible: boolean | null;
  kind: SetKind;
  /** XML element name as written (`GateBasedSet`, `OrSet`, …). */
  element: string;
  /** Gate-based sets: the gates, all of which a particle must be inside. Empty otherwise (and for a gate-less set). */
  gates: CytoclusGate[];
  /** `or`: the listed sets (union) in file order; `combined`: [Set1, Set2]. Empty otherwise. */
  members: SetMember[];
  /** `or` only: generated automatically by CytoClus (shown as a child only). */
  autoSet: boolean | null;
  /** `combined` only: ∩, ∪ or set1 \ set2. */
  combinationType: CombinationType | null;
  /** False when part of the definition could not be read (see issues): do not gate with it as if it were whole. */
  complete: boolean;
}

export interface CytoclusSetDefinitions {
  /** `attribute` (CytoClus 4), `element` (older writers), `mixed`, or null when there are no sets. */
  dialect: 'attribute' | 'element' | 'mixed' | null;
  serialNumber: string | null;
  configurationDate: string | null;
  /** `ExclusiveSets`: a particle belongs to at most one gate-based set (first in file order wins). */
  exclusiveSets: boolean | null;
  sets: CytoclusSetDefinition[];
  encoding: TextEncoding;
  issues: FormatIssue[];
}

const setKinds: Record<string, SetKind> = {
  defaultset: 'default',
  allimagesset: 'all-images',
  gatebasedset: 'gate-based',
  orset: 'or',
  combinedset: 'combined',
  unassignedparticlesset: 'unassigned',
  successfullycroppedimagesset: 'cropped-images',
  failedcropimagesset: 'failed-crop-images',
};

const gateTypes: Record<string, 'rectangle' | 'polygon' | 'freeform' | 'range'> = {
  RectangleGate: 'rectangle',
  PolygonGate: 'polygon',
  FreeformGate: 'freeform',
  RangeGate: 'range',
};

const combinationTypes: readonly string[] = ['set1AND2', 'set1OR2', 'set1NOT2'];

/** Unreadable part of a gate: the gate is left out and the set marked incomplete. */
class GateError extends Error {}

export function parseSetDefinitions(bytes: Uint8Array): CytoclusSetDefinitions {
  const { root, encoding } = parseXmlTree(bytes, 'a CytoClus set-definition file');
  if (root.name !== 'SetList') {
    throw new CurationError({ code: 'invalid-input', message: `not a CytoClus set-definition file: root element is <${root.name}>, expected <SetList>`, field: root.name });
  }
  const issues: FormatIssue[] = [];
  const sets: CytoclusSetDefinition[] = [];
  /** Raw member ListIDs per set, resolved once all sets are known. */
  const pendingMembers = new Map<CytoclusSetDefinition, number[]>();
  let attributeStyle = 0;
  let elementStyle = 0;

  const exclusiveText = root.attributes['ExclusiveSets'];
  let exclusiveSets: boolean | null = null;
  if (exclusiveText !== undefined) {
    exclusiveSets = parseBool(exclusiveText);
    if (exclusiveSets === null) issues.push({ field: 'ExclusiveSets', message: `"${exclusiveText}" is not True or False` });
  }

  root.children.forEach((el, index) => {
    const where = `<${el.name}> #${index + 1}`;
    const kind = setKinds[el.name.toLowerCase()];
    if (kind === undefined && !/Set$/.test(el.name)) {
      issues.push({ field: el.name, message: `${where} is not a set element; ignored` });
      return;
    }
    if (Object.prototype.hasOwnProperty.call(el.attributes, 'ListID')) attributeStyle++;
    else elementStyle++;

    const listIdText = field(el, 'ListID');
    const listId = listIdText === undefined ? null : parseListId(listIdText);
    if (listId === null) {
      issues.push({ field: el.name, message: `${where}${nameHint(el)} has no readable ListID (${listIdText === undefined ? 'missing' : `"${listIdText}"`}); set skipped` });
      return;
    }
    const nameText = field(el, 'Name');
    const name = nameText ?? `Set ${listId}`;
    if (nameText === undefined) issues.push({ field: el.name, message: `set with ListID ${listId} has no Name; called "${name}"` });
    const colorText = field(el, 'Color');
    const visibleText = field(el, 'Visible');
    const visible = visibleText === undefined ? null : parseBool(visibleText);
    if (visibleText !== undefined && visible === null) issues.push({ field: 'Visible', message: `set "${name}": Visible "${visibleText}" is not true or false` });

    const set: CytoclusSetDefinition = {
      listId,
      name,
      color: colorText === undefined || colorText.trim() === '' || colorText.trim() === '0' ? null : colorText.trim(),
      visible,
      kind: kind ?? 'unknown',
      element: el.name,
      gates: [],
      members: [],
      autoSet: null,
      combinationType: null,
      complete: true,
    };
    const problem = (message: string, fieldName?: string): void => {
      issues.push({ field: fieldName ?? el.name, message: `set "${name}" (ListID ${listId}): ${message}` });
    };
    if (sets.some((s) => s.listId === listId)) problem(`ListID ${listId} is used by an earlier set too; references go to the first`, 'ListID');
    sets.push(set);

    if (set.kind === 'unknown') {
      set.complete = false;
      problem(`unsupported set element <${el.name}>; only its name is kept`);
    } else if (set.kind === 'gate-based') {
      const collection = child(el, 'GateCollection');
      for (const gateEl of collection?.children ?? []) {
        try {
          set.gates.push(readGate(gateEl, (message) => problem(`${gateTypes[gateEl.name] ?? gateEl.name} gate: ${message}`, gateEl.name)));
        } catch (e) {
          if (!(e instanceof GateError)) throw e;
          set.complete = false;
          problem(`${gateTypes[gateEl.name] ?? gateEl.name} gate left out: ${e.message}`, gateEl.name);
        }
      }
    } else if (set.kind === 'or') {
      const autoText = field(el, 'AutoSet');
      set.autoSet = autoText === undefined ? null : parseBool(autoText);
      if (autoText !== undefined && set.autoSet === null) problem(`AutoSet "${autoText}" is not true or false`, 'AutoSet');
      const ids: number[] = [];
      for (const idEl of child(el, 'SetList')?.children ?? []) {
        if (idEl.name !== 'ListID') continue;
        const id = parseListId(idEl.text);
        if (id === null) {
          set.complete = false;
          problem(`member ListID "${idEl.text}" is not a whole number`, 'SetList');
        } else ids.push(id);
      }
      if (ids.length === 0) problem('OrSet lists no member sets (it is empty)', 'SetList');
      pendingMembers.set(set, ids);
    } else if (set.kind === 'combined') {
      const ids: number[] = [];
      for (const f of ['Set1ListID', 'Set2ListID']) {
        const t = field(el, f);
        const id = t === undefined ? null : parseListId(t);
        if (id === null) {
          set.complete = false;
          problem(`${f} ${t === undefined ? 'is missing' : `"${t}" is not a whole number`}`, f);
        } else ids.push(id);
      }
      const type = field(el, 'CombinationType')?.trim();
      const known = combinationTypes.find((c) => c.toLowerCase() === type?.toLowerCase());
      if (known === undefined) {
        set.complete = false;
        problem(`CombinationType ${type === undefined ? 'is missing' : `"${type}" is not set1AND2, set1OR2 or set1NOT2`}`, 'CombinationType');
      } else set.combinationType = known as CombinationType;
      pendingMembers.set(set, ids);
    }
  });

  // Resolve member ListIDs to names, then look for reference cycles (they would make gating loop).
  const byId = new Map<number, CytoclusSetDefinition>();
  for (const s of sets) if (!byId.has(s.listId)) byId.set(s.listId, s);
  for (const [set, ids] of pendingMembers) {
    for (const id of ids) {
      const target = byId.get(id);
      if (target === undefined) {
        set.complete = false;
        issues.push({ field: set.element, message: `set "${set.name}" (ListID ${set.listId}): member ListID ${id} matches no set` });
      }
      set.members.push({ listId: id, name: target?.name ?? null });
    }
  }
  const state = new Map<CytoclusSetDefinition, 'visiting' | 'done'>();
  const visit = (s: CytoclusSetDefinition, path: CytoclusSetDefinition[]): void => {
    const st = state.get(s);
    if (st === 'done') return;
    if (st === 'visiting') {
      const cycle = path.slice(path.indexOf(s));
      for (const c of cycle) c.complete = false;
      issues.push({ field: s.element, message: `sets refer to each other in a cycle: ${[...cycle, s].map((c) => `"${c.name}"`).join(' → ')}` });
      return;
    }
    state.set(s, 'visiting');
    for (const m of s.members) {
      const target = byId.get(m.listId);
      if (target) visit(target, [...path, s]);
    }
    state.set(s, 'done');
  };
  for (const s of sets) visit(s, []);

  return {
    dialect: attributeStyle > 0 && elementStyle > 0 ? 'mixed' : attributeStyle > 0 ? 'attribute' : elementStyle > 0 ? 'element' : null,
    serialNumber: root.attributes['SerialNumber'] ?? null,
    configurationDate: root.attributes['configuration_date'] ?? null,
    exclusiveSets,
    sets,
    encoding,
    issues,
  };
}

/** Reads one gate; `warn` reports gates that are readable but contain nothing (kept: that is what they mean). */
function readGate(el: XmlElement, warn: (message: string) => void): CytoclusGate {
  const type = gateTypes[el.name];
  if (type === undefined) throw new GateError(`unknown gate element <${el.name}>`);
  if (type === 'range') {
    const axis = readAxis(child(el, 'Axis'), 'Axis');
    const min = readNumber(el, 'RangeMin');
    const max = readNumber(el, 'RangeMax');
    if (!(min < max)) warn(`RangeMin ${min} is not below RangeMax ${max}, so the range contains nothing`);
    return { type, axis, min, max };
  }
  const xAxis = readAxis(child(el, 'XAxis'), 'XAxis');
  const yAxis = readAxis(child(el, 'YAxis'), 'YAxis');
  if (type === 'rectangle') {
    const gate: RectangleGate = { type, xAxis, yAxis, x: readNumber(el, 'X'), y: readNumber(el, 'Y'), width: readNumber(el, 'Width'), height: readNumber(el, 'Height') };
    if (!(gate.width > 0 && gate.height > 0)) warn(`Width ${gate.width} or Height ${gate.height} is not positive, so the rectangle contains nothing`);
    return gate;
  }
  const path = child(el, 'Path');
  if (path === undefined) throw new GateError('no <Path>');
  const points = path.children.filter((p) => p.name === 'Point').map((p) => ({ x: readNumber(p, 'X'), y: readNumber(p, 'Y') }));
  if (points.length < 3) warn(`${points.length} points; a polygon needs at least 3 to contain anything`);
  return { type, xAxis, yAxis, points };
}

function readAxis(el: XmlElement | undefined, role: string): CytoclusAxis {
  if (el === undefined) throw new GateError(`no <${role}>`);
  const typeText = field(el, 'Type');
  const isRatio = typeText === undefined ? child(el, 'AxisNumerator') !== undefined : typeText === 'RatioAxis';
  if (typeText !== undefined && typeText !== 'RatioAxis' && typeText !== 'SingleAxis') throw new GateError(`${role} Type "${typeText}" is not SingleAxis or RatioAxis`);
  const name = field(el, 'Name') ?? null;
  const isLog = readBool(el, 'IsLog', role);
  if (isRatio) {
    return {
      type: 'ratio',
      name,
      isLog,
      numerator: readSingleAxis(child(el, 'AxisNumerator'), `${role}/AxisNumerator`),
      denominator: readSingleAxis(child(el, 'AxisDenominator'), `${role}/AxisDenominator`),
    };
  }
  return readSingleAxis(el, role);
}

function readSingleAxis(el: XmlElement | undefined, role: string): CytoclusSingleAxis {
  if (el === undefined) throw new GateError(`no <${role.split('/').pop() ?? role}>`);
  const channelName = field(el, 'ChannelName')?.trim();
  const channelType = field(el, 'ChannelType')?.trim() ?? null;
  const channel = channelName || channelType;
  if (!channel) throw new GateError(`${role} has no ChannelName or ChannelType`);
  const parameter = field(el, 'Parameter')?.trim();
  if (!parameter) throw new GateError(`${role} has no Parameter`);
  return { type: 'single', name: field(el, 'Name') ?? null, isLog: readBool(el, 'IsLog', role), channel, channelType, parameter };
}

function readBool(el: XmlElement, name: string, role: string): boolean {
  const t = field(el, name);
  const b = t === undefined ? null : parseBool(t);
  if (b === null) throw new GateError(`${role} ${name} ${t === undefined ? 'is missing' : `"${t}" is not true or false`}`);
  return b;
}

function readNumber(el: XmlElement, name: string): number {
  const t = field(el, name);
  if (t === undefined) throw new GateError(`${el.name} has no ${name}`);
  const n = parseXmlNumber(t);
  if (n === null) throw new GateError(`${el.name} ${name} "${t}" is not a number`);
  return n;
}

export function parseXmlNumber(text: string): number | null {
  let t = text.trim();
  if (/^[+-]?(?:Infinity|∞)$/.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (!t.includes('.')) t = t.replace(',', '.');
  return /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(t) ? Number(t) : null;
}

function parseBool(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  return t === 'true' ? true : t === 'false' ? false : null;
}

function parseListId(text: string): number | null {
  const t = text.trim();
  return /^-?\d+$/.test(t) ? Number(t) : null;
}

function nameHint(el: XmlElement): string {
  const n = field(el, 'Name');
  return n === undefined ? '' : ` "${n}"`;
}
