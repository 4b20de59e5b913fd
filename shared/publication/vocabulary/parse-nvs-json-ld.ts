/**
 * Reads an NVS collection as the server delivers it in JSON-LD:
 * `https://vocab.nerc.ac.uk/collection/<C>/current/?_profile=nvs&_mediatype=application/ld+json` — a `@graph` of
 * skos:Concept nodes (the members) and one skos:Collection node (title, owl:versionInfo, date, skos:member).
 *
 * NVS has served this graph compacted in two ways over the years: with prefixed keys (`"skos:prefLabel"`,
 * `"owl:deprecated"`, `"dc:date"`) and with bare terms from its @context (`"prefLabel"`, `"deprecated"`,
 * `"date"`); values are plain strings or `{ "@language": "en", "@value": … }`, single or in arrays. Rather than run a
 * full JSON-LD processor, each key is expanded with the document's own @context where it can be and then matched on
 * its local name (prefLabel, altLabel, notation, identifier, date, deprecated, title, versionInfo), which covers
 * both forms and the expanded form (full IRIs) too.
 *
 * Not JSON, or JSON without any SKOS concept or collection, throws; a concept that cannot be used (no code, no
 * label, another collection, repeated) is a FormatIssue (field = its code or @id) and is left out.
 */
import { CurationError } from '../../api/errors.js';
import type { FormatIssue } from '../../formats/format-issue.js';
import { cleanLabel, isCollectionId, normaliseNvsDate, parseCollectionUrl, parseTermUrl, parseTermUrn, termUrn } from './nvs-collection.js';
import type { NvsParseResult, NvsTerm } from './nvs-collection.js';

type JsonObject = Record<string, unknown>;

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Prefix and term definitions of an @context (remote contexts, given as URLs, cannot be read offline: skipped). */
function contextMap(context: unknown, into = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(context)) {
    for (const c of context) contextMap(c, into);
  } else if (isObject(context)) {
    for (const [k, v] of Object.entries(context)) {
      if (typeof v === 'string') into.set(k, v);
      else if (isObject(v) && typeof v['@id'] === 'string') into.set(k, v['@id']);
    }
  }
  return into;
}

function expand(key: string, context: Map<string, string>): string {
  const direct = context.get(key);
  return expand2(direct ?? key, context);
}

function expand2(key: string, context: Map<string, string>): string {
  const colon = key.indexOf(':');
  if (colon > 0 && !key.startsWith('http')) {
    const ns = context.get(key.slice(0, colon));
    if (ns !== undefined) return ns + key.slice(colon + 1);
  }
  return key;
}

/** The local name of a property or class: after the last '#' or '/', else after a prefix's ':'. */
function localName(iri: string): string {
  const cut = Math.max(iri.lastIndexOf('#'), iri.lastIndexOf('/'));
  if (cut >= 0 && cut < iri.length - 1) return iri.slice(cut + 1);
  const colon = iri.lastIndexOf(':');
  return colon >= 0 ? iri.slice(colon + 1) : iri;
}

interface Literal {
  value: string;
  language?: string;
}

function literals(value: unknown): Literal[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap(literals);
  if (typeof value === 'string') return [{ value }];
  if (typeof value === 'number' || typeof value === 'boolean') return [{ value: String(value) }];
  if (isObject(value)) {
    const v = value['@value'];
    if (v !== undefined && v !== null) {
      const language = value['@language'];
      return [{ value: String(v), ...(typeof language === 'string' ? { language } : {}) }];
    }
    if (typeof value['@id'] === 'string') return [{ value: value['@id'] }];
  }
  return [];
}

/** English or untagged first (NVS labels are English), else whatever comes first. */
function preferred(values: Literal[]): string | null {
  const pick = values.find((l) => l.language === undefined || l.language.toLowerCase().startsWith('en')) ?? values[0];
  return pick ? pick.value : null;
}

interface Node {
  id: string | null;
  types: Set<string>;
  /** Properties by local name. */
  props: Map<string, unknown[]>;
}

function readNode(raw: JsonObject, context: Map<string, string>): Node {
  const types = new Set<string>();
  const props = new Map<string, unknown[]>();
  let id: string | null = null;
  for (const [key, value] of Object.entries(raw)) {
    const full = key.startsWith('@') ? key : expand(key, context);
    if (full === '@id') {
      if (typeof value === 'string') id = expand2(value, context);
    } else if (full === '@type' || full === 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type') {
      for (const t of literals(value)) types.add(localName(expand(t.value, context)));
    } else if (!full.startsWith('@')) {
      const name = localName(full);
      const list = props.get(name) ?? [];
      list.push(value);
      props.set(name, list);
    }
  }
  return { id, types, props };
}

function prop(node: Node, name: string): Literal[] {
  return (node.props.get(name) ?? []).flatMap(literals);
}

function invalid(message: string): CurationError {
  return new CurationError({ code: 'invalid-input', message });
}

/**
 * Parses an NVS JSON-LD collection document. `expected` (e.g. `L22`) names the collection asked for: concepts of
 * other collections are then reported and left out even if the document names no collection itself.
 */
export function parseNvsJsonLd(input: string | Uint8Array, expected?: string): NvsParseResult {
  let text = typeof input === 'string' ? input : new TextDecoder('utf-8').decode(input);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') throw invalid('not an NVS JSON-LD document: the response is empty');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    const start = text.trimStart().slice(0, 40).replace(/\s+/g, ' ');
    throw invalid(`not an NVS JSON-LD document: not JSON (${(err as Error).message}); it starts with "${start}"`);
  }

  const issues: FormatIssue[] = [];
  let rawNodes: unknown[];
  let context = new Map<string, string>();
  if (Array.isArray(doc)) rawNodes = doc;
  else if (isObject(doc)) {
    context = contextMap(doc['@context']);
    rawNodes = Array.isArray(doc['@graph']) ? doc['@graph'] : [doc];
  } else throw invalid('not an NVS JSON-LD document: the JSON is not an object or an array');

  const nodes = rawNodes.filter(isObject).map((n) => {
    // A node may carry its own @context (rare, but allowed by JSON-LD).
    const own = n['@context'];
    return readNode(n, own === undefined ? context : contextMap(own, new Map(context)));
  });
  const collectionNode = nodes.find((n) => n.types.has('Collection')) ?? null;
  const concepts = nodes.filter((n) => n.types.has('Concept'));
  if (!collectionNode && concepts.length === 0) {
    throw invalid('not an NVS JSON-LD document: it holds neither a skos:Collection nor any skos:Concept');
  }

  // Which collection: the one asked for, else the collection node's address, else the concepts' notations.
  let collection = expected ?? (collectionNode?.id ? parseCollectionUrl(collectionNode.id) : null) ?? '';
  const declared = collectionNode?.id ? parseCollectionUrl(collectionNode.id) : null;
  if (expected && declared && declared !== expected) {
    issues.push({ field: 'collection', message: `the document describes collection ${declared}, not ${expected}` });
  }

  const candidates: { node: Node; collection: string; code: string }[] = [];
  for (const node of concepts) {
    const ids = [...prop(node, 'notation'), ...prop(node, 'identifier')].map((l) => parseTermUrn(l.value)).filter((x) => x !== null);
    const where = ids[0] ?? (node.id ? parseTermUrl(node.id) : null);
    if (!where) {
      issues.push({ field: node.id ?? 'concept', message: 'concept without an SDN notation or an NVS address, skipped' });
      continue;
    }
    candidates.push({ node, ...where });
  }
  if (!collection) {
    const counts = new Map<string, number>();
    for (const c of candidates) counts.set(c.collection, (counts.get(c.collection) ?? 0) + 1);
    collection = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
  }
  if (!collection || !isCollectionId(collection)) throw invalid('not an NVS JSON-LD document: it names no NVS collection');

  const terms: NvsTerm[] = [];
  const seen = new Set<string>();
  for (const { node, collection: of, code } of candidates) {
    const urn = termUrn(of, code);
    if (of !== collection) {
      issues.push({ field: urn, message: `concept of collection ${of} in a ${collection} document, skipped` });
      continue;
    }
    const label = cleanLabel(preferred(prop(node, 'prefLabel')) ?? '');
    if (!label) {
      issues.push({ field: urn, message: 'concept without a preferred label, skipped' });
      continue;
    }
    if (seen.has(code)) {
      issues.push({ field: urn, message: 'concept given twice; the first is kept' });
      continue;
    }
    seen.add(code);
    const term: NvsTerm = { code, urn, label };
    const shortLabel = cleanLabel(preferred(prop(node, 'altLabel')) ?? '');
    if (shortLabel) term.shortLabel = shortLabel;
    const rawDate = preferred(prop(node, 'date'));
    if (rawDate) {
      const d = normaliseNvsDate(rawDate);
      if (d) term.date = d;
      else issues.push({ field: urn, message: `date "${rawDate}" is not a date, left out` });
    }
    const deprecated = preferred(prop(node, 'deprecated'));
    // Older NVS output said so in a skos:note ("deprecated" / "accepted") instead of owl:deprecated.
    const note = prop(node, 'note').map((l) => l.value.trim().toLowerCase());
    if (deprecated?.trim().toLowerCase() === 'true' || (deprecated === null && note.includes('deprecated'))) term.deprecated = true;
    terms.push(term);
  }

  let version = '';
  let date = '';
  let title = '';
  if (collectionNode) {
    version = (preferred(prop(collectionNode, 'versionInfo')) ?? '').trim();
    const rawDate = preferred(prop(collectionNode, 'date')) ?? preferred(prop(collectionNode, 'modified'));
    date = rawDate ? (normaliseNvsDate(rawDate) ?? '') : '';
    if (rawDate && !date) issues.push({ field: 'date', message: `collection date "${rawDate}" is not a date` });
    title = cleanLabel(preferred(prop(collectionNode, 'title')) ?? preferred(prop(collectionNode, 'prefLabel')) ?? '');
  } else {
    issues.push({ field: 'collection', message: 'no skos:Collection node: version, date and title unknown' });
  }
  if (collectionNode && !version) issues.push({ field: 'versionInfo', message: 'the collection gives no version (owl:versionInfo)' });
  if (collectionNode && !date) issues.push({ field: 'date', message: 'the collection gives no date' });
  if (collectionNode && !title) issues.push({ field: 'title', message: 'the collection gives no title' });
  if (terms.length === 0) issues.push({ field: 'collection', message: `collection ${collection} has no usable concepts` });
  return { vocabulary: { collection, version, date, title, terms }, issues };
}
