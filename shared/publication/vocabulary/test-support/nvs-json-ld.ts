/**
 * NVS JSON-LD documents built from a collection, for tests (the parser's and the stand-in NVS server's). The shape
 * follows what vocab.nerc.ac.uk serves for `/collection/<C>/current/?_profile=nvs&_mediatype=application/ld+json`
 * (a @graph of skos:Concept nodes, then the skos:Collection node with dc:title, owl:versionInfo, dc:date and
 * skos:member), in the three compactions seen in the wild:
 *
 *   - 'prefixed': keys like "skos:prefLabel", "owl:deprecated", "dc:date" (current NVS);
 *   - 'terms': bare keys ("prefLabel", "deprecated") defined in the @context (NVS around 2021);
 *   - 'expanded': a top-level array, full IRIs as keys, every value an array of { "@value" } / { "@id" }.
 *
 * Each concept also carries the fields NVS adds that the parser must not mistake for others (its own
 * owl:versionInfo and pav:version, a definition, a note, dce:identifier, narrower/broader links).
 */
import type { NvsCollection, NvsTerm } from '../nvs-collection.js';

export type JsonLdStyle = 'prefixed' | 'terms' | 'expanded';

const NS = {
  dc: 'http://purl.org/dc/terms/',
  dce: 'http://purl.org/dc/elements/1.1/',
  owl: 'http://www.w3.org/2002/07/owl#',
  pav: 'http://purl.org/pav/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const;

/** `2025-04-12T02:00:01` → `2025-04-12 02:00:01.0`, the way NVS writes dates. */
export function nvsDate(iso: string): string {
  return iso.includes('T') ? `${iso.replace('T', ' ')}.0` : iso;
}

export interface JsonLdOptions {
  style?: JsonLdStyle;
  base?: string;
  /** Overrides of the collection node (e.g. another version). */
  version?: string;
  date?: string;
}

type Props = [ns: keyof typeof NS, name: string, value: unknown][];

function conceptProps(c: NvsCollection, t: NvsTerm, base: string): Props {
  const id = `${base}/collection/${c.collection}/current/${t.code}/`;
  const props: Props = [
    ['skos', 'prefLabel', { '@language': 'en', '@value': t.label }],
    ['skos', 'notation', t.urn],
    ['dc', 'identifier', t.urn],
    ['dce', 'identifier', t.urn],
    ['skos', 'definition', { '@language': 'en', '@value': `Definition of ${t.label}.` }],
    ['owl', 'deprecated', t.deprecated ? 'true' : 'false'],
    ['skos', 'note', { '@language': 'en', '@value': t.deprecated ? 'deprecated' : 'accepted' }],
    ['owl', 'versionInfo', '3'],
    ['pav', 'version', '3'],
    ['pav', 'hasCurrentVersion', { '@id': `${id}3/` }],
    ['skos', 'broader', [{ '@id': `${base}/collection/L05/current/LAB37/` }]],
  ];
  if (t.shortLabel) props.push(['skos', 'altLabel', t.shortLabel]);
  if (t.date) props.push(['dc', 'date', nvsDate(t.date)]);
  return props;
}

/** An NVS-style JSON-LD text for the collection. */
export function toNvsJsonLd(c: NvsCollection, options: JsonLdOptions = {}): string {
  const style = options.style ?? 'prefixed';
  const base = options.base ?? 'http://vocab.nerc.ac.uk';
  const collectionId = `${base}/collection/${c.collection}/current/`;
  const nodes: { id: string; type: string; props: Props }[] = c.terms.map((t) => ({
    id: `${base}/collection/${c.collection}/current/${t.code}/`,
    type: 'Concept',
    props: conceptProps(c, t, base),
  }));
  nodes.push({
    id: collectionId,
    type: 'Collection',
    props: [
      ['dc', 'title', c.title],
      ['dc', 'alternative', c.title],
      ['dc', 'description', `Terms of ${c.title}.`],
      ['dc', 'creator', 'British Oceanographic Data Centre'],
      ['dc', 'publisher', 'Natural Environment Research Council - British Oceanographic Data Centre'],
      ['owl', 'versionInfo', options.version ?? c.version],
      ['dc', 'date', nvsDate(options.date ?? c.date)],
      ['skos', 'prefLabel', c.title],
      ['skos', 'member', c.terms.map((t) => ({ '@id': `${base}/collection/${c.collection}/current/${t.code}/` }))],
    ],
  });

  if (style === 'expanded') {
    const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]).map((x) => (typeof x === 'string' ? { '@value': x } : x));
    return JSON.stringify(
      nodes.map((n) => ({
        '@id': n.id,
        '@type': [`${NS.skos}${n.type}`],
        ...Object.fromEntries(n.props.map(([ns, name, v]) => [`${NS[ns]}${name}`, asArray(v)])),
      })),
    );
  }
  if (style === 'terms') {
    const context: Record<string, unknown> = { ...NS };
    for (const n of nodes) for (const [ns, name] of n.props) context[name === 'identifier' && ns === 'dce' ? 'dceIdentifier' : name] = { '@id': `${NS[ns]}${name}` };
    const graph = nodes.map((n) => ({
      '@id': n.id,
      '@type': `skos:${n.type}`,
      ...Object.fromEntries(n.props.map(([ns, name, v]) => [name === 'identifier' && ns === 'dce' ? 'dceIdentifier' : name, v])),
    }));
    return JSON.stringify({ '@context': context, '@graph': graph }, null, 1);
  }
  const graph = nodes.map((n) => ({
    '@id': n.id,
    '@type': `skos:${n.type}`,
    ...Object.fromEntries(n.props.map(([ns, name, v]) => [`${ns}:${name}`, v])),
  }));
  return JSON.stringify({ '@context': NS, '@graph': graph }, null, 2);
}
