/**
 * A small NetCDF classic writer (the NetCDF-3 format of the Unidata "NetCDF Classic Format Specification"):
 * CDF-1 by default, CDF-2 ("64-bit offset", 8-byte variable offsets) on request. Big-endian, every header item and
 * every variable padded to 4 bytes, at most one unlimited (record) dimension. Unwritten elements and padding are
 * filled with the variable's `_FillValue` (or the NetCDF-C default fill), as NetCDF-C does in fill mode, so the
 * bytes match what `ncgen`/NetCDF-C write for the same definitions. Pure and deterministic: the same definition
 * always gives the same bytes.
 */
import { CurationError } from '../../api/errors';
import type { NetcdfType } from './netcdf-types';
import { netcdfDefaultFill, netcdfTypeCode, netcdfTypeSize, padTo4 } from './netcdf-types';

export interface NetcdfDimension {
  name: string;
  /** Length; for the unlimited dimension, the number of records written. */
  size: number;
  unlimited?: boolean;
}

export type NetcdfAttribute =
  | { name: string; type: 'char'; value: string }
  | { name: string; type: Exclude<NetcdfType, 'char'>; value: number | readonly number[] };

export interface NetcdfVariable {
  name: string;
  type: NetcdfType;
  /** Dimension names, slowest varying first; the unlimited dimension may only come first. Empty = scalar. */
  dimensions: readonly string[];
  attributes?: readonly NetcdfAttribute[];
  /**
   * Row-major values; elements not given are written as the fill value. Numeric types take numbers (byte -128…255,
   * the low 8 bits are written). `char` takes one string per row of the last dimension (UTF-8, NUL-padded), one
   * string for the whole variable, or raw byte codes.
   */
  data?: ArrayLike<number> | readonly string[] | string;
}

export interface NetcdfClassicFile {
  /** 1 = classic (offsets < 2 GiB), 2 = 64-bit offset. Default 1. */
  version?: 1 | 2;
  dimensions: readonly NetcdfDimension[];
  attributes: readonly NetcdfAttribute[];
  variables: readonly NetcdfVariable[];
}

const NC_DIMENSION = 0x0a;
const NC_VARIABLE = 0x0b;
const NC_ATTRIBUTE = 0x0c;
/** CDF-1 offsets are signed 32-bit; a larger file needs CDF-2. */
const MAX_CDF1_OFFSET = 0x7fffffff;
/** vsize is a 32-bit field; bigger variables would need the format's 2^32-1 escape, which this writer does not use. */
const MAX_VSIZE = 0xfffffffc;

interface Layout {
  variable: NetcdfVariable;
  isRecord: boolean;
  /** Elements per record (record variable) or in all (fixed variable). */
  count: number;
  vsize: number;
  /** Length of the last dimension (1 for a scalar or when the last dimension is the record one): one string's room. */
  rowLength: number;
  begin: number;
  fill: number;
}

export function writeNetcdfClassic(file: NetcdfClassicFile): Uint8Array {
  const version = file.version ?? 1;
  const encoder = new TextEncoder();
  const dims = checkDimensions(file.dimensions);
  const recordDim = file.dimensions.find((d) => d.unlimited === true);
  const numRecords = recordDim?.size ?? 0;

  checkUniqueNames(file.attributes.map((a) => a.name), 'global attribute');
  checkUniqueNames(file.variables.map((v) => v.name), 'variable');
  const layouts: Layout[] = file.variables.map((variable) => layoutOf(variable, dims, recordDim?.name));

  // Header first, with the variables' begin offsets left at 0 and patched once the header size is known.
  const header = new ByteSink();
  header.bytes([0x43, 0x44, 0x46, version]);
  header.u32(numRecords);
  if (file.dimensions.length === 0) header.u32(0).u32(0);
  else {
    header.u32(NC_DIMENSION).u32(file.dimensions.length);
    for (const d of file.dimensions) header.name(d.name, encoder).u32(d.unlimited === true ? 0 : d.size);
  }
  writeAttributes(header, file.attributes, encoder, 'global');
  const beginAt: number[] = [];
  if (layouts.length === 0) header.u32(0).u32(0);
  else {
    header.u32(NC_VARIABLE).u32(layouts.length);
    for (const l of layouts) {
      header.name(l.variable.name, encoder).u32(l.variable.dimensions.length);
      for (const dimName of l.variable.dimensions) header.u32(dims.get(dimName)?.index ?? 0);
      writeAttributes(header, l.variable.attributes ?? [], encoder, l.variable.name);
      header.u32(netcdfTypeCode[l.variable.type]).u32(l.vsize);
      beginAt.push(header.length);
      if (version === 2) header.u32(0);
      header.u32(0);
    }
  }

  // Fixed variables follow the header in definition order, then the records (each record holds one slice of every
  // record variable, in definition order).
  let offset = header.length;
  for (const l of layouts) {
    if (l.isRecord) continue;
    l.begin = offset;
    offset += l.vsize;
  }
  const recordVariables = layouts.filter((l) => l.isRecord);
  // Spec special case: a lone record variable is not padded between records (NetCDF-C does the same).
  const single = recordVariables.length === 1 ? recordVariables[0] : undefined;
  const recordSize = single !== undefined ? single.count * netcdfTypeSize[single.variable.type] : sum(recordVariables.map((l) => l.vsize));
  let inRecord = 0;
  for (const l of recordVariables) {
    l.begin = offset + inRecord;
    inRecord += l.vsize;
  }
  const total = offset + numRecords * recordSize;
  const lastBegin = Math.max(0, ...layouts.map((l) => l.begin));
  if (version === 1 && lastBegin > MAX_CDF1_OFFSET) {
    throw invalid(`variable offsets reach ${lastBegin} bytes, past the CDF-1 limit: write version 2 (64-bit offset)`);
  }
  if (!Number.isSafeInteger(total)) throw invalid(`file of ${total} bytes is too large`);

  const out = new Uint8Array(total);
  out.set(header.toBytes(), 0);
  const view = new DataView(out.buffer);
  layouts.forEach((l, i) => {
    const at = beginAt[i] ?? 0;
    if (version === 2) {
      view.setUint32(at, Math.floor(l.begin / 0x100000000));
      view.setUint32(at + 4, l.begin % 0x100000000);
    } else view.setUint32(at, l.begin);
  });
  for (const l of layouts) writeData(view, l, numRecords, recordSize, l === single, encoder);
  return out;
}

function checkDimensions(dimensions: readonly NetcdfDimension[]): Map<string, { index: number; dim: NetcdfDimension }> {
  checkUniqueNames(dimensions.map((d) => d.name), 'dimension');
  const byName = new Map<string, { index: number; dim: NetcdfDimension }>();
  let unlimited = 0;
  dimensions.forEach((dim, index) => {
    if (!Number.isInteger(dim.size) || dim.size < 0 || dim.size > 0xffffffff) {
      throw invalid(`dimension ${dim.name}: length ${dim.size} is not a 32-bit count`, dim.name);
    }
    if (dim.unlimited === true) unlimited++;
    // A stored length of 0 means "unlimited" in the format, so a fixed dimension cannot be empty.
    else if (dim.size === 0) throw invalid(`dimension ${dim.name}: a fixed dimension cannot have length 0`, dim.name);
    byName.set(dim.name, { index, dim });
  });
  if (unlimited > 1) throw invalid('NetCDF classic allows one unlimited dimension only');
  return byName;
}

function layoutOf(variable: NetcdfVariable, dims: Map<string, { index: number; dim: NetcdfDimension }>, recordDim: string | undefined): Layout {
  let count = 1;
  variable.dimensions.forEach((name, i) => {
    const d = dims.get(name);
    if (d === undefined) throw invalid(`variable ${variable.name}: unknown dimension ${name}`, variable.name);
    if (name === recordDim) {
      if (i !== 0) throw invalid(`variable ${variable.name}: the unlimited dimension ${name} must come first`, variable.name);
    } else count *= d.dim.size;
  });
  const isRecord = recordDim !== undefined && variable.dimensions[0] === recordDim;
  const vsize = padTo4(count * netcdfTypeSize[variable.type]);
  if (vsize > MAX_VSIZE) throw invalid(`variable ${variable.name}: ${vsize} bytes per record is past the classic limit`, variable.name);
  checkUniqueNames((variable.attributes ?? []).map((a) => a.name), `attribute of ${variable.name}`);
  const last = variable.dimensions[variable.dimensions.length - 1];
  const rowLength = last === undefined || last === recordDim ? 1 : (dims.get(last)?.dim.size ?? 1);
  return { variable, isRecord, count, vsize, rowLength, begin: 0, fill: fillOf(variable) };
}

function fillOf(variable: NetcdfVariable): number {
  const attr = variable.attributes?.find((a) => a.name === '_FillValue');
  if (attr === undefined) return netcdfDefaultFill[variable.type];
  // NetCDF-C refuses a _FillValue whose type differs from the variable's.
  if (attr.type !== variable.type) throw invalid(`variable ${variable.name}: _FillValue is ${attr.type}, the variable ${variable.type}`, variable.name);
  if (attr.type === 'char') return attr.value.length > 0 ? (new TextEncoder().encode(attr.value)[0] ?? 0) : 0;
  const first = typeof attr.value === 'number' ? attr.value : attr.value[0];
  if (first === undefined) throw invalid(`variable ${variable.name}: empty _FillValue`, variable.name);
  return first;
}

function writeAttributes(sink: ByteSink, attributes: readonly NetcdfAttribute[], encoder: TextEncoder, owner: string): void {
  if (attributes.length === 0) {
    sink.u32(0).u32(0);
    return;
  }
  sink.u32(NC_ATTRIBUTE).u32(attributes.length);
  for (const a of attributes) {
    sink.name(a.name, encoder).u32(netcdfTypeCode[a.type]);
    if (a.type === 'char') {
      if (typeof a.value !== 'string') throw invalid(`${owner} attribute ${a.name}: char attribute needs a string`, a.name);
      const bytes = encoder.encode(a.value);
      sink.u32(bytes.length).bytes(bytes).pad();
      continue;
    }
    const values = typeof a.value === 'number' ? [a.value] : a.value;
    sink.u32(values.length);
    for (const v of values) sink.value(a.type, checkNumber(a.type, v, `${owner} attribute ${a.name}`));
    sink.pad();
  }
}

function writeData(view: DataView, l: Layout, numRecords: number, recordSize: number, unpadded: boolean, encoder: TextEncoder): void {
  const { variable } = l;
  const size = netcdfTypeSize[variable.type];
  const values = dataOf(l, l.isRecord ? l.count * numRecords : l.count, encoder);
  // Padding is written with the fill value too (NetCDF-C fills whole vsize slots).
  const slots = unpadded ? l.count : l.vsize / size;
  const slices = l.isRecord ? numRecords : 1;
  for (let r = 0; r < slices; r++) {
    let at = l.begin + r * (l.isRecord ? recordSize : 0);
    for (let i = 0; i < slots; i++, at += size) {
      const v = i < l.count ? values[r * l.count + i] : undefined;
      setValue(view, at, variable.type, v === undefined ? l.fill : v);
    }
  }
}

/** The variable's values as numbers (char as byte codes), checked against the type and the variable's size. */
function dataOf(l: Layout, total: number, encoder: TextEncoder): (number | undefined)[] {
  const { variable } = l;
  const { data } = variable;
  if (data === undefined) return [];
  const where = `variable ${variable.name}`;
  let out: (number | undefined)[];
  if (typeof data === 'string' || isStringArray(data)) {
    if (variable.type !== 'char') throw invalid(`${where}: strings given for a ${variable.type} variable`, variable.name);
    if (typeof data === 'string') out = Array.from(encoder.encode(data));
    else {
      out = [];
      data.forEach((s, row) => {
        const bytes = encoder.encode(s);
        if (bytes.length > l.rowLength) {
          throw invalid(`${where}: string ${row} is ${bytes.length} bytes, the last dimension ${l.rowLength}`, variable.name);
        }
        for (let i = 0; i < l.rowLength; i++) out.push(bytes[i]);
      });
    }
  } else {
    out = [];
    for (let i = 0; i < data.length; i++) out.push(checkNumber(variable.type, data[i] ?? NaN, `${where}[${i}]`));
  }
  if (out.length > total) throw invalid(`${where}: ${out.length} values for ${total} elements`, variable.name);
  return out;
}

function isStringArray(data: ArrayLike<number> | readonly string[]): data is readonly string[] {
  return Array.isArray(data) && data.length > 0 && typeof data[0] === 'string';
}

const integerRanges: Partial<Record<NetcdfType, [number, number]>> = {
  byte: [-128, 255],
  char: [0, 255],
  short: [-32768, 32767],
  int: [-2147483648, 2147483647],
};

function checkNumber(type: NetcdfType, value: number, where: string): number {
  const range = integerRanges[type];
  if (range !== undefined && (!Number.isInteger(value) || value < range[0] || value > range[1])) {
    throw invalid(`${where}: ${value} is not a ${type}`);
  }
  return value;
}

function setValue(view: DataView, at: number, type: NetcdfType, value: number): void {
  switch (type) {
    case 'byte':
    case 'char':
      view.setUint8(at, value & 0xff);
      break;
    case 'short':
      view.setInt16(at, value);
      break;
    case 'int':
      view.setInt32(at, value);
      break;
    case 'float':
      view.setFloat32(at, value);
      break;
    case 'double':
      view.setFloat64(at, value);
      break;
  }
}

function checkUniqueNames(names: readonly string[], what: string): void {
  const seen = new Set<string>();
  for (const name of names) {
    checkName(name, what);
    if (seen.has(name)) throw invalid(`duplicate ${what} name ${name}`, name);
    seen.add(name);
  }
}

/** NetCDF-C's name rule, kept to what every reader accepts: no `/`, no control characters, no trailing space. */
function checkName(name: string, what: string): void {
  // eslint-disable-next-line no-control-regex
  if (!/^[A-Za-z0-9_\u0080-\uffff][^/\u0000-\u001f\u007f]*$/.test(name) || /\s$/.test(name)) {
    throw invalid(`invalid ${what} name ${JSON.stringify(name)}`, name);
  }
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function invalid(message: string, field?: string): CurationError {
  return new CurationError({ code: 'invalid-input', message: `NetCDF: ${message}`, ...(field !== undefined ? { field } : {}) });
}

/** Growable big-endian byte buffer for the header. */
class ByteSink {
  private buf = new Uint8Array(1024);
  private view = new DataView(this.buf.buffer);
  length = 0;

  private ensure(extra: number): void {
    if (this.length + extra <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.length + extra) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  u32(value: number): this {
    this.ensure(4);
    this.view.setUint32(this.length, value);
    this.length += 4;
    return this;
  }

  bytes(values: ArrayLike<number>): this {
    this.ensure(values.length);
    this.buf.set(values, this.length);
    this.length += values.length;
    return this;
  }

  value(type: Exclude<NetcdfType, 'char'>, value: number): this {
    const size = netcdfTypeSize[type];
    this.ensure(size);
    setValue(this.view, this.length, type, value);
    this.length += size;
    return this;
  }

  /** Pads with zero bytes to the next multiple of 4 (the header's padding is always zeros). */
  pad(): this {
    const target = padTo4(this.length);
    this.ensure(target - this.length);
    this.length = target;
    return this;
  }

  name(name: string, encoder: TextEncoder): this {
    const bytes = encoder.encode(name.normalize('NFC'));
    return this.u32(bytes.length).bytes(bytes).pad();
  }

  toBytes(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}
