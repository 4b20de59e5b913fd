import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { CurationError } from '../../api/errors.js';

/**
 * A namespace-agnostic element tree over fast-xml-parser's order-preserving output. Gating-ML writers use
 * different prefixes for the same namespaces (gating:, gml:, ns2:, none), so elements and attributes are matched
 * by local name only; the Gating-ML vocabulary has no clashing local names that matter here.
 */
export interface XmlElement {
  /** Name as written, prefix included. */
  name: string;
  /** Local name (prefix removed). */
  local: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  commentPropName: false,
});

export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** Parses XML text into its root element. Malformed or empty input throws `invalid-input` with the line. */
export function parseXmlElement(xml: string, what: string): XmlElement {
  const text = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  if (text.trim() === '') throw new CurationError({ code: 'invalid-input', message: `empty document: not ${what}` });
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new CurationError({ code: 'invalid-input', message: `not ${what}: malformed XML (${valid.err.msg})`, line: valid.err.line });
  }
  const nodes = parser.parse(text) as unknown;
  const root = Array.isArray(nodes) ? nodes.map(toElement).find((e): e is XmlElement => e !== null) : undefined;
  if (root === undefined) throw new CurationError({ code: 'invalid-input', message: `not ${what}: no root element` });
  return root;
}

function toElement(node: unknown): XmlElement | null {
  if (typeof node !== 'object' || node === null) return null;
  const entry = node as Record<string, unknown>;
  const name = Object.keys(entry).find((k) => k !== ':@' && k !== '#text');
  if (name === undefined) return null;
  const attributes: Record<string, string> = {};
  const raw = entry[':@'];
  if (typeof raw === 'object' && raw !== null) for (const [k, v] of Object.entries(raw)) attributes[k] = String(v);
  const children: XmlElement[] = [];
  let text = '';
  const content = entry[name];
  if (Array.isArray(content)) {
    for (const c of content) {
      if (typeof c === 'object' && c !== null && '#text' in c) text += String((c as Record<string, unknown>)['#text']);
      else {
        const el = toElement(c);
        if (el) children.push(el);
      }
    }
  }
  return { name, local: localName(name), attributes, children, text };
}

/** Attribute by local name (`gating:id`, `id` and `gml:id` all match 'id'); namespace declarations never match. */
export function attr(el: XmlElement, local: string): string | undefined {
  for (const [k, v] of Object.entries(el.attributes)) {
    if (k.startsWith('xmlns')) continue;
    if (localName(k) === local) return v;
  }
  return undefined;
}

export function childrenNamed(el: XmlElement, local: string): XmlElement[] {
  return el.children.filter((c) => c.local === local);
}

export function childNamed(el: XmlElement, local: string): XmlElement | undefined {
  return el.children.find((c) => c.local === local);
}

export function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
