import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { CurationError } from '../../../api/errors.js';
import { decodeText } from '../../text/decode-text.js';
import type { TextEncoding } from '../../text/decode-text.js';

/**
 * A small element tree over fast-xml-parser's order-preserving output, for the CytoClus XML files (set
 * definitions, export settings). Order matters: set elements of different names interleave, and their order is
 * the exclusive-set ranking. Values are kept as written (no trimming, no number guessing); whitespace-only text
 * between elements is dropped.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Concatenated direct text content, as written. */
  text: string;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  commentPropName: false,
});

type OrderedNode = Record<string, unknown>;

/**
 * Decodes (BOM, UTF-8 with Windows-1252 fallback), checks well-formedness and returns the root element.
 * Malformed XML, a non-XML file or an empty one throws `invalid-input` with the line of the error.
 */
export function parseXmlTree(bytes: Uint8Array, what: string): { root: XmlElement; encoding: TextEncoding } {
  const { text, encoding } = decodeText(bytes);
  if (text.trim() === '') throw new CurationError({ code: 'invalid-input', message: `empty file: not ${what}` });
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new CurationError({ code: 'invalid-input', message: `not ${what}: malformed XML (${valid.err.msg})`, line: valid.err.line });
  }
  const nodes = parser.parse(text) as unknown;
  const elements = Array.isArray(nodes) ? nodes.map(toElement).filter((e): e is XmlElement => e !== null) : [];
  const root = elements[0];
  if (root === undefined) throw new CurationError({ code: 'invalid-input', message: `not ${what}: no root element` });
  return { root, encoding };
}

function toElement(node: unknown): XmlElement | null {
  if (typeof node !== 'object' || node === null) return null;
  const entry = node as OrderedNode;
  const name = Object.keys(entry).find((k) => k !== ':@' && k !== '#text');
  if (name === undefined) return null;
  const attributes: Record<string, string> = {};
  const rawAttributes = entry[':@'];
  if (typeof rawAttributes === 'object' && rawAttributes !== null) {
    for (const [k, v] of Object.entries(rawAttributes)) attributes[k] = String(v);
  }
  const children: XmlElement[] = [];
  let text = '';
  const content = entry[name];
  if (Array.isArray(content)) {
    for (const child of content) {
      if (typeof child === 'object' && child !== null && '#text' in child) text += String((child as OrderedNode)['#text']);
      else {
        const el = toElement(child);
        if (el) children.push(el);
      }
    }
  }
  if (children.length > 0 && text.trim() === '') text = '';
  return { name, attributes, children, text };
}

/** First child element with this name (case-sensitive, as XML is). */
export function child(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name);
}

/**
 * A field written either as an attribute (CytoClus 4) or as a child element's text (older writers): the
 * attribute wins when both exist. Undefined when neither is present.
 */
export function field(el: XmlElement, name: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(el.attributes, name)) return el.attributes[name];
  const c = child(el, name);
  return c === undefined ? undefined : c.text;
}
