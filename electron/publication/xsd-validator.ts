/**
 * Offline validation of SeaDataNet CDI XML records: the XSD (CDI 7.0.0 + ISO 19139 2005 schemas + the local
 * sdn:SDN_CSRCode declaration, bundled in resources/seadatanet/, see NOTICE.md there) with libxml2 compiled to
 * WebAssembly (xmllint-wasm, which runs it in a worker thread), plus the CDI schematron 12.1.2 rules
 * (shared/publication/cdi/schematron-12-1-2.ts). Nothing is fetched from the network.
 *
 * Each xmllint run compiles the schemas again (≈ 0.2 s): to validate many records, pass them together to
 * validateCdiRecords, which runs xmllint once for all of them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { validateXML } from 'xmllint-wasm';
import type { XMLFileInfo, XMLValidationError } from 'xmllint-wasm';
import { parseXmlTree } from '../../shared/publication/cdi/cdi-xml-tree.js';
import { validateCdiSchematron } from '../../shared/publication/cdi/schematron-12-1-2.js';
import type { ValidationError, ValidationReport } from '../../shared/publication/publication-dataset.js';
import { resourcesDir } from '../common/app-paths.js';

/** Rule name of the XSD errors. */
export const CDI_XSD_RULE = 'cdi-xsd-7.0.0';

/** The root schema, relative to resources/seadatanet (it includes the SDN schema and the local CSR declaration). */
export const CDI_ROOT_SCHEMA = 'cdi-7.0.0-offline.xsd';

export interface CdiValidatorOptions {
  /** The product's resources folder (default: <project root>/resources; packaged: <resourcesPath>/resources). */
  resourcesDir?: string;
}

interface SchemaSet {
  main: XMLFileInfo;
  preload: XMLFileInfo[];
}

const schemaSets = new Map<string, SchemaSet>();

/** Files are mounted in xmllint's in-memory file system under this folder, so relative imports keep working. */
const MOUNT = 'seadatanet';

function listSchemas(dir: string, relative = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const rel = relative === '' ? entry.name : `${relative}/${entry.name}`;
    if (entry.isDirectory()) out.push(...listSchemas(dir, rel));
    else if (entry.name.endsWith('.xsd')) out.push(rel);
  }
  return out;
}

/** Reads the bundled schema files once per resources folder. Missing resources are a broken install: it throws. */
function schemaSet(resources: string): SchemaSet {
  const cached = schemaSets.get(resources);
  if (cached) return cached;
  const dir = path.join(resources, 'seadatanet');
  if (!fs.existsSync(path.join(dir, CDI_ROOT_SCHEMA))) throw new Error(`CDI schemas not found: ${path.join(dir, CDI_ROOT_SCHEMA)} is missing`);
  const files = listSchemas(dir).map((rel) => ({ fileName: `${MOUNT}/${rel}`, contents: new Uint8Array(fs.readFileSync(path.join(dir, rel))) }));
  const main = files.find((f) => f.fileName === `${MOUNT}/${CDI_ROOT_SCHEMA}`);
  if (!main) throw new Error(`CDI schemas not found in ${dir}`);
  const set = { main, preload: files.filter((f) => f !== main) };
  schemaSets.set(resources, set);
  return set;
}

const namespacePrefixes: Record<string, string> = {
  'http://www.isotc211.org/2005/gmd': 'gmd',
  'http://www.isotc211.org/2005/gco': 'gco',
  'http://www.isotc211.org/2005/gmx': 'gmx',
  'http://www.isotc211.org/2005/gts': 'gts',
  'http://www.isotc211.org/2005/srv': 'srv',
  'http://www.opengis.net/gml': 'gml',
  'http://www.w3.org/1999/xlink': 'xlink',
  'http://www.seadatanet.org': 'sdn',
};

/** libxml2 writes `{http://www.seadatanet.org}SDN_X`; the usual prefixes read better. */
function readableMessage(message: string): string {
  return message
    .replace(/^.*?Schemas validity error : /, '')
    .replace(/\{([^}]+)\}([\w.-]+)/g, (whole, uri: string, local: string) => (namespacePrefixes[uri] ? `${namespacePrefixes[uri]}:${local}` : whole));
}

const recordName = (i: number): string => `record-${i + 1}.xml`;

function toErrors(errors: readonly XMLValidationError[], count: number): ValidationError[][] {
  const out: ValidationError[][] = Array.from({ length: count }, () => []);
  for (const e of errors) {
    if (!e.loc) continue; // "record-2.xml fails to validate" summary lines
    const index = /^record-(\d+)\.xml$/.exec(e.loc.fileName);
    const target = index ? out[Number(index[1]) - 1] : undefined;
    const parser = /^(?:\w+ )?parser error : (.*)$/.exec(e.message);
    target?.push(
      parser
        ? { rule: 'xml', line: e.loc.lineNumber, message: `not well-formed XML: ${parser[1] ?? ''}` }
        : { rule: CDI_XSD_RULE, line: e.loc.lineNumber, message: readableMessage(e.message) },
    );
  }
  return out;
}

/** xmllint's parser errors (`record-1.xml:5: parser error : …`) when it refuses a document outright. */
function parserErrors(stderr: string): ValidationError[] {
  const out: ValidationError[] = [];
  for (const line of stderr.split('\n')) {
    const m = /^record-\d+\.xml:(\d+): (?:\w+ )?(?:parser )?error : (.*)$/.exec(line);
    if (m) out.push({ rule: 'xml', line: Number(m[1]), message: `not well-formed XML: ${m[2]}` });
  }
  return out.length > 0 ? out : [{ rule: 'xml', message: `xmllint refused the document: ${stderr.trim().split('\n')[0] ?? ''}` }];
}

async function runXmllint(xmls: readonly string[], set: SchemaSet): Promise<ValidationError[][]> {
  const result = await validateXML({
    xml: xmls.map((contents, i) => ({ fileName: recordName(i), contents })),
    schema: [set.main],
    preload: set.preload,
  });
  return toErrors(result.errors, xmls.length);
}

/**
 * XSD errors of several records, one xmllint run (one schema compilation) for all well-formed ones. A record that
 * is not well-formed gets `xml` errors (with the line) instead.
 */
export async function validateCdiXsdMany(xmls: readonly string[], options: CdiValidatorOptions = {}): Promise<ValidationError[][]> {
  const set = schemaSet(options.resourcesDir ?? resourcesDir());
  const results: ValidationError[][] = xmls.map(() => []);
  const wellFormed: number[] = [];
  xmls.forEach((xml, i) => {
    const parsed = parseXmlTree(xml);
    if (parsed.ok) wellFormed.push(i);
    else results[i] = [{ rule: 'xml', ...(parsed.line !== undefined ? { line: parsed.line } : {}), message: `not well-formed XML: ${parsed.message}` }];
  });
  if (wellFormed.length === 0) return results;
  try {
    const batch = await runXmllint(
      wellFormed.map((i) => xmls[i] ?? ''),
      set,
    );
    wellFormed.forEach((i, k) => (results[i] = batch[k] ?? []));
  } catch (batchError) {
    // libxml2 refused one of the documents outright (stricter than the JS well-formedness check): run them one by
    // one so each record gets its own errors.
    if (wellFormed.length === 1) {
      const i = wellFormed[0] ?? 0;
      results[i] = parserErrors(batchError instanceof Error ? batchError.message : String(batchError));
      return results;
    }
    for (const i of wellFormed) {
      const one = await validateCdiXsdMany([xmls[i] ?? ''], options);
      results[i] = one[0] ?? [];
    }
  }
  return results;
}

/** XSD errors of one record (each with its line); [] when valid. */
export async function validateCdiXsd(xml: string, options: CdiValidatorOptions = {}): Promise<ValidationError[]> {
  const [errors] = await validateCdiXsdMany([xml], options);
  return errors ?? [];
}

/**
 * The CDI profile version a record declares in its xsi:schemaLocation (`SDN2_CDI_ISO19139_10.0.0.xsd` → 10), or
 * null when it names none (as our own records, written for the current rules).
 */
export function declaredCdiProfileMajor(xml: string): number | null {
  const m = /schemaLocation\s*=\s*["'][^"']*SDN2_CDI_ISO19139_(\d+)(?:\.\d+)*\.xsd/.exec(xml.slice(0, 20_000));
  return m ? Number(m[1]) : null;
}

function report(xml: string, xsdErrors: ValidationError[] | null): ValidationReport {
  const schematron = validateCdiSchematron(xml);
  // A record made for an older CDI profile (harvested, archived) is judged by the XSD; what the current schematron
  // 12.1.2 would add is reported as warnings, so the user sees what a resubmission would need without the record
  // being called invalid under rules that did not exist when it was written. Records naming no older profile
  // (ours among them) must pass 12.1.2.
  const major = declaredCdiProfileMajor(xml);
  const older = major !== null && major < 12;
  const errors = [...(xsdErrors ?? []), ...(older ? [] : schematron.errors)];
  const skipped = xsdErrors === null ? [{ rule: CDI_XSD_RULE, reason: 'the document is not well-formed XML' }, ...schematron.skipped] : schematron.skipped;
  return {
    valid: errors.length === 0,
    format: 'cdi-xml',
    errors,
    skipped,
    ...(older && schematron.errors.length
      ? { warnings: schematron.errors.map((e) => ({ ...e, message: `${e.message} (the record declares CDI profile ${major}; required from schematron 12.1.2 on)` })) }
      : {}),
  };
}

/**
 * The full CDI check of several records: XSD (one xmllint run for all) then the schematron 12.1.2 rules. A record
 * that is not well-formed reports that once (rule `xml`, with the line), not once per validator.
 */
export async function validateCdiRecords(xmls: readonly string[], options: CdiValidatorOptions = {}): Promise<ValidationReport[]> {
  const wellFormed = xmls.map((xml) => parseXmlTree(xml).ok);
  const xsd = await validateCdiXsdMany(
    xmls.filter((_, i) => wellFormed[i]),
    options,
  );
  let k = 0;
  return xmls.map((xml, i) => report(xml, wellFormed[i] ? (xsd[k++] ?? []) : null));
}

/** The full CDI check of one record: XSD errors (with `line`) then schematron errors (with `path`). */
export async function validateCdi(xml: string, options: CdiValidatorOptions = {}): Promise<ValidationReport> {
  const [result] = await validateCdiRecords([xml], options);
  if (!result) throw new Error('validateCdi: no result');
  return result;
}
