/**
 * Turns a file opened by `readNetcdfClassic` back into a writer definition, so tests can damage one thing (drop a
 * variable, change a type or an attribute, set one flag) and write the file again.
 */
import type { NetcdfClassic } from '../read-netcdf-classic';
import type { NetcdfAttribute, NetcdfClassicFile, NetcdfVariable } from '../write-netcdf-classic';

export interface MutableNetcdfDefinition extends NetcdfClassicFile {
  dimensions: { name: string; size: number; unlimited?: boolean }[];
  attributes: NetcdfAttribute[];
  variables: (NetcdfVariable & { attributes: NetcdfAttribute[]; data: number[] })[];
}

export function definitionOf(nc: NetcdfClassic): MutableNetcdfDefinition {
  const toAttribute = (a: { name: string; type: NetcdfAttribute['type']; value: string | number[] }): NetcdfAttribute =>
    a.type === 'char' ? { name: a.name, type: 'char', value: String(a.value) } : { name: a.name, type: a.type, value: a.value as number[] };
  return {
    version: nc.version,
    dimensions: nc.dimensions.map((d) => ({ name: d.name, size: d.size, ...(d.unlimited ? { unlimited: true } : {}) })),
    attributes: nc.attributes.map(toAttribute),
    variables: nc.variables.map((v) => ({
      name: v.name,
      type: v.type,
      dimensions: v.dimensions,
      attributes: v.attributes.map(toAttribute),
      data: nc.numbers(v.name),
    })),
  };
}

export function variableOf(def: MutableNetcdfDefinition, name: string): MutableNetcdfDefinition['variables'][number] {
  const v = def.variables.find((x) => x.name === name);
  if (v === undefined) throw new Error(`test definition has no variable ${name}`);
  return v;
}

/** Sets or adds an attribute (variable null = global); `{ name, remove: true }` removes it. */
export function setAttribute(def: MutableNetcdfDefinition, variable: string | null, attribute: NetcdfAttribute | { name: string; remove: true }): void {
  const list = variable === null ? def.attributes : variableOf(def, variable).attributes;
  const i = list.findIndex((a) => a.name === attribute.name);
  if ('remove' in attribute) {
    if (i >= 0) list.splice(i, 1);
    return;
  }
  if (i >= 0) list[i] = attribute;
  else list.push(attribute);
}
