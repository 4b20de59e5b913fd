/**
 * The six external types of NetCDF classic (CDF-1 / CDF-2), with their on-disk codes, sizes and the default fill
 * values of the NetCDF-C library (used where a variable has no `_FillValue`, so readers see the same fill as
 * `ncdump`).
 */
export type NetcdfType = 'byte' | 'char' | 'short' | 'int' | 'float' | 'double';

export const netcdfTypeCode: Record<NetcdfType, number> = { byte: 1, char: 2, short: 3, int: 4, float: 5, double: 6 };

export const netcdfTypeSize: Record<NetcdfType, number> = { byte: 1, char: 1, short: 2, int: 4, float: 4, double: 8 };

/** NC_FILL_BYTE … NC_FILL_DOUBLE from netcdf.h. */
export const netcdfDefaultFill: Record<NetcdfType, number> = {
  byte: -127,
  char: 0,
  short: -32767,
  int: -2147483647,
  float: 9.969209968386869e36,
  double: 9.969209968386869e36,
};

export function isNetcdfType(value: string): value is NetcdfType {
  return Object.prototype.hasOwnProperty.call(netcdfTypeCode, value);
}

/** Every size and offset in the format is a multiple of 4 bytes. */
export function padTo4(length: number): number {
  return Math.ceil(length / 4) * 4;
}
