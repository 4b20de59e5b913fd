import { XMLParser, XMLValidator } from 'fast-xml-parser';

/**
 * A namespace-aware XML tree with the XPath 1.0 data model details the CDI schematron depends on: elements are
 * matched by namespace URI + local name (never by prefix), text nodes are kept in order (whitespace included, CDATA
 * merged into the neighbouring text, comments kept as separators), so `text()` means what it means in XPath.
 */
export interface XmlText {
  kind: 'text';
  value: string;
}

export interface XmlComment {
  kind: 'comment';
}

export interface XmlAttribute {
  /** Name as written (`gco:isoType`). */
  qname: string;
  ns: string;
  local: string;
  value: string;
}

export interface XmlElement {
  kind: 'element';
  /** Name as written, prefix included. */
  qname: string;
  /** Namespace URI ('' when none). */
  ns: string;
  local: string;
  attributes: XmlAttribute[];
  children: XmlNode[];
  parent: XmlElement | null;
}

export type XmlNode = XmlElement | XmlText | XmlComment;

export type XmlParseResult = { ok: true; root: XmlElement } | { ok: false; line?: number; message: string };

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  commentPropName: '#comment',
  // Decodes numeric character references (&#65; &#x41;), which the default entity handling leaves as written.
  htmlEntities: true,
});

/** Parses XML text (a leading BOM is ignored). Malformed or empty input is a value, not an exception. */
export function parseXmlTree(xml: string): XmlParseResult {
  const text = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  if (text.trim() === '') return { ok: false, message: 'empty document' };
  const valid = XMLValidator.validate(text);
  if (valid !== true) return { ok: false, line: valid.err.line, message: `malformed XML: ${valid.err.msg}` };
  const nodes = parser.parse(text) as unknown;
  if (!Array.isArray(nodes)) return { ok: false, message: 'no root element' };
  for (const node of nodes) {
    const root = toElement(node, null, new Map([['xml', XML_NS]]));
    if (root) return { ok: true, root };
  }
  return { ok: false, message: 'no root element' };
}

type Ordered = Record<string, unknown>;

function splitName(qname: string): { prefix: string; local: string } {
  const colon = qname.indexOf(':');
  return colon < 0 ? { prefix: '', local: qname } : { prefix: qname.slice(0, colon), local: qname.slice(colon + 1) };
}

function toElement(node: unknown, parent: XmlElement | null, inScope: Map<string, string>): XmlElement | null {
  if (typeof node !== 'object' || node === null) return null;
  const entry = node as Ordered;
  const qname = Object.keys(entry).find((k) => k !== ':@' && k !== '#text' && k !== '#comment');
  if (qname === undefined) return null;
  const raw = entry[':@'];
  const rawAttributes: [string, string][] =
    typeof raw === 'object' && raw !== null ? Object.entries(raw).map(([k, v]) => [k, String(v)]) : [];
  let scope = inScope;
  for (const [name, value] of rawAttributes) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) {
      if (scope === inScope) scope = new Map(inScope);
      scope.set(name === 'xmlns' ? '' : name.slice(6), value);
    }
  }
  const { prefix, local } = splitName(qname);
  const element: XmlElement = { kind: 'element', qname, ns: scope.get(prefix) ?? '', local, attributes: [], children: [], parent };
  for (const [name, value] of rawAttributes) {
    if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
    const a = splitName(name);
    // Unprefixed attributes are in no namespace (the default namespace does not apply to them).
    element.attributes.push({ qname: name, ns: a.prefix === '' ? '' : (scope.get(a.prefix) ?? ''), local: a.local, value });
  }
  const content = entry[qname];
  if (Array.isArray(content)) {
    for (const child of content) {
      if (typeof child !== 'object' || child === null) continue;
      const c = child as Ordered;
      if ('#text' in c) {
        const value = String(c['#text']);
        const last = element.children[element.children.length - 1];
        // Adjacent text (e.g. text then CDATA) is one XPath text node.
        if (last?.kind === 'text') last.value += value;
        else element.children.push({ kind: 'text', value });
      } else if ('#comment' in c) {
        element.children.push({ kind: 'comment' });
      } else {
        const el = toElement(c, element, scope);
        if (el) element.children.push(el);
      }
    }
  }
  return element;
}
