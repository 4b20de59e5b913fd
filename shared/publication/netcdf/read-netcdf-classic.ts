/**
 * Opens a NetCDF classic file (CDF-1 or CDF-2): the header is parsed by netcdfjs, the values are decoded here.
 * netcdfjs's own data reader returns each record with its padding bytes, steps wrongly over a lone byte/char/short
 * record variable (the format does not pad it) and reads char data as Latin-1; decoding from the header's offsets
 * avoids all three. Text (names, char attributes, char data) is decoded as UTF-8, falling back to Windows-1252.
 */
import { NetCDFReader } from 'netcdfjs';
import { CurationError } from '../../api/errors';
import type { FormatIssue } from '../../formats/format-issue';
import { decodeText } from '../../formats/text/decode-text';
import type { NetcdfType } from './netcdf-types';
import { isNetcdfType, netcdfTypeSize } from './netcdf-types';

export interface NetcdfAttributeRead {
  name: string;
  type: NetcdfType;
  /** char attributes as text (trailing NULs dropped); numeric ones always as an array (byte signed). */
  value: string | number[];
}

export interface NetcdfDimensionRead {
  name: string;
  /** For the unlimited dimension, the number of records. */
  size: number;
  unlimited: boolean;
}

export interface NetcdfVariableRead {
  name: string;
  type: NetcdfType;
  dimensions: string[];
  /** Lengths of the dimensions (the record dimension's length is the number of records). */
  shape: number[];
  attributes: NetcdfAttributeRead[];
  isRecord: boolean;
  /** Byte offset of the data (first record for a record variable). */
  begin: number;
}

/** Why a file could not be opened: the validator turns each into its own rule. */
export type NetcdfReadFailure = 'not-netcdf' | 'unsupported-version' | 'truncated' | 'malformed';

export class NetcdfReadError extends CurationError {
  readonly reason: NetcdfReadFailure;

  constructor(reason: NetcdfReadFailure, message: string, field?: string) {
    super({ code: 'invalid-input', message, ...(field !== undefined ? { field } : {}) });
    this.reason = reason;
  }
}

export interface NetcdfClassic {
  version: 1 | 2;
  numRecords: number;
  /** Bytes per record (the sum of the record variables' sizes). */
  recordSize: number;
  dimensions: NetcdfDimensionRead[];
  attributes: NetcdfAttributeRead[];
  variables: NetcdfVariableRead[];
  /** Variables whose data runs past the end of the file (a truncated file), one issue each. */
  issues: FormatIssue[];
  variable(name: string): NetcdfVariableRead | undefined;
  /** A global attribute (no variable given) or a variable's attribute. */
  attribute(name: string, variable?: string): NetcdfAttributeRead | undefined;
  /** A char attribute's text, or undefined when absent or not char. */
  text(name: string, variable?: string): string | undefined;
  /** Values row-major without padding: numbers, char as byte codes, byte signed. Throws when the data is truncated. */
  numbers(name: string): number[];
  /** A char variable as strings, one per row of its last dimension, trailing NULs dropped. */
  strings(name: string): string[];
}

/** CDF-1 or CDF-2 magic. CDF-5 (`CDF\x05`) and NetCDF-4/HDF5 are other formats. */
export function netcdfClassicVersion(bytes: Uint8Array): 1 | 2 | null {
  if (bytes.length < 4 || bytes[0] !== 0x43 || bytes[1] !== 0x44 || bytes[2] !== 0x46) return null;
  return bytes[3] === 1 ? 1 : bytes[3] === 2 ? 2 : null;
}

export function readNetcdfClassic(bytes: Uint8Array): NetcdfClassic {
  const version = netcdfClassicVersion(bytes);
  if (version === null) {
    if (bytes.length >= 4 && bytes[0] === 0x43 && bytes[1] === 0x44 && bytes[2] === 0x46) {
      throw new NetcdfReadError('unsupported-version', `NetCDF format version ${bytes[3] ?? '?'} (only classic CDF-1 and 64-bit offset CDF-2 are read)`);
    }
    if (bytes.length >= 4 && bytes[0] === 0x89 && bytes[1] === 0x48 && bytes[2] === 0x44 && bytes[3] === 0x46) {
      throw new NetcdfReadError('unsupported-version', 'NetCDF-4/HDF5 file: only NetCDF classic (CDF-1, CDF-2) is read');
    }
    throw new NetcdfReadError('not-netcdf', 'not a NetCDF classic file (no CDF\\x01 or CDF\\x02 magic)');
  }
  let reader: NetCDFReader;
  try {
    reader = new NetCDFReader(bytes);
  } catch (err) {
    // netcdfjs runs off the end of its buffer (RangeError) when the header is cut short.
    if (err instanceof RangeError) throw new NetcdfReadError('truncated', `header ends past the end of the file (${bytes.length} bytes): truncated`);
    throw new NetcdfReadError('malformed', `unreadable NetCDF header: ${err instanceof Error ? err.message : String(err)}`);
  }

  const header = reader.header;
  const numRecords = header.recordDimension.length;
  const rawDims = header.dimensions ?? [];
  const dimensions: NetcdfDimensionRead[] = rawDims.map((d, i) => ({
    name: latin1ToText(d.name),
    size: i === header.recordDimension.id ? numRecords : d.size,
    unlimited: i === header.recordDimension.id,
  }));
  const attributes = (header.globalAttributes ?? []).map((a) => normaliseAttribute(a, 'global'));
  const variables: NetcdfVariableRead[] = (header.variables ?? []).map((v) => {
    const name = latin1ToText(v.name);
    if (!isNetcdfType(v.type)) throw new NetcdfReadError('malformed', `variable ${name}: unknown type`, name);
    const dims = v.dimensions.map((id) => {
      const d = dimensions[id];
      if (d === undefined) throw new NetcdfReadError('malformed', `variable ${name}: dimension id ${id} does not exist`, name);
      return d;
    });
    return {
      name,
      type: v.type,
      dimensions: dims.map((d) => d.name),
      shape: dims.map((d) => d.size),
      attributes: (v.attributes as unknown as RawAttribute[]).map((a) => normaliseAttribute(a, name)),
      isRecord: v.record,
      begin: v.offset,
    };
  });

  const countOf = (v: NetcdfVariableRead): number => v.shape.reduce((a, b, i) => (v.isRecord && i === 0 ? a : a * b), 1);
  const recordVariables = variables.filter((v) => v.isRecord);
  const lone = recordVariables.length === 1 ? recordVariables[0] : undefined;
  const recordSize =
    lone !== undefined ? countOf(lone) * netcdfTypeSize[lone.type] : recordVariables.reduce((a, v) => a + Math.ceil((countOf(v) * netcdfTypeSize[v.type]) / 4) * 4, 0);

  const endOf = (v: NetcdfVariableRead): number => {
    const size = countOf(v) * netcdfTypeSize[v.type];
    if (!v.isRecord) return v.begin + size;
    return numRecords === 0 ? 0 : v.begin + (numRecords - 1) * recordSize + size;
  };
  const issues: FormatIssue[] = [];
  for (const v of variables) {
    const end = endOf(v);
    if (end > bytes.length) issues.push({ offset: bytes.length, field: v.name, message: `data of ${v.name} ends at byte ${end}, past the end of the file (${bytes.length} bytes): truncated` });
  }

  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const byName = new Map(variables.map((v) => [v.name, v]));
  const need = (name: string): NetcdfVariableRead => {
    const v = byName.get(name);
    if (v === undefined) throw new NetcdfReadError('malformed', `no variable ${name}`, name);
    return v;
  };
  const findAttribute = (name: string, variable?: string): NetcdfAttributeRead | undefined =>
    (variable === undefined ? attributes : (byName.get(variable)?.attributes ?? [])).find((a) => a.name === name);

  const numbers = (name: string): number[] => {
    const v = need(name);
    if (endOf(v) > bytes.length) throw new NetcdfReadError('truncated', `data of ${name} runs past the end of the file`, name);
    const count = countOf(v);
    const size = netcdfTypeSize[v.type];
    const out: number[] = [];
    const slices = v.isRecord ? numRecords : 1;
    for (let r = 0; r < slices; r++) {
      const start = v.begin + r * recordSize;
      for (let i = 0; i < count; i++) out.push(getValue(view, start + i * size, v.type));
    }
    return out;
  };

  return {
    version,
    numRecords,
    recordSize,
    dimensions,
    attributes,
    variables,
    issues,
    variable: (name) => byName.get(name),
    attribute: findAttribute,
    text: (name, variable) => {
      const a = findAttribute(name, variable);
      return a !== undefined && typeof a.value === 'string' ? a.value : undefined;
    },
    numbers,
    strings: (name) => {
      const v = need(name);
      if (v.type !== 'char') throw new NetcdfReadError('malformed', `variable ${name} is ${v.type}, not char`, name);
      const codes = numbers(name);
      const last = v.dimensions.length === 0 || (v.isRecord && v.dimensions.length === 1) ? 1 : (v.shape[v.shape.length - 1] ?? 1);
      const out: string[] = [];
      for (let i = 0; i + last <= codes.length && last > 0; i += last) out.push(bytesToText(codes.slice(i, i + last)));
      return out;
    },
  };
}

interface RawAttribute {
  name: string;
  type: string;
  value: number | string | number[];
}

function normaliseAttribute(a: RawAttribute, owner: string): NetcdfAttributeRead {
  const name = latin1ToText(a.name);
  if (!isNetcdfType(a.type)) throw new NetcdfReadError('malformed', `${owner} attribute ${name}: unknown type`, name);
  if (a.type === 'char') return { name, type: 'char', value: latin1ToText(String(a.value)) };
  const values = typeof a.value === 'number' ? [a.value] : Array.isArray(a.value) ? a.value : [];
  return { name, type: a.type, value: a.type === 'byte' ? values.map(toSignedByte) : values };
}

function getValue(view: DataView, at: number, type: NetcdfType): number {
  switch (type) {
    case 'byte':
      return view.getInt8(at);
    case 'char':
      return view.getUint8(at);
    case 'short':
      return view.getInt16(at);
    case 'int':
      return view.getInt32(at);
    case 'float':
      return view.getFloat32(at);
    case 'double':
      return view.getFloat64(at);
  }
}

function toSignedByte(value: number): number {
  return value > 127 ? value - 256 : value;
}

/** netcdfjs builds strings with String.fromCharCode(int8): the low 8 bits of each code are the file's bytes. */
function latin1ToText(value: string): string {
  const codes: number[] = [];
  for (let i = 0; i < value.length; i++) codes.push(value.charCodeAt(i) & 0xff);
  return bytesToText(codes);
}

function bytesToText(codes: number[]): string {
  let end = codes.length;
  while (end > 0 && codes[end - 1] === 0) end--;
  if (end === 0) return '';
  return decodeText(Uint8Array.from(codes.slice(0, end))).text;
}
