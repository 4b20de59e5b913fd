import type { XmlElement, XmlText } from './cdi-xml-tree.js';

/**
 * The handful of XPath 1.0 operations the CDI schematron uses, over cdi-xml-tree: child steps with QNames resolved
 * through the schematron's own prefix table, `..`, `*`, attributes, text nodes, string values, and the XPath
 * string/number functions with their exact whitespace and NaN rules. Node-set comparisons (`=`, `!=`) are
 * existential, as in XPath; `string(node-set)` takes the first node in document order.
 */

/** Prefixes declared by the schematron (`sch:ns`). */
export const schNamespaces: Readonly<Record<string, string>> = {
  gmd: 'http://www.isotc211.org/2005/gmd',
  gco: 'http://www.isotc211.org/2005/gco',
  gmx: 'http://www.isotc211.org/2005/gmx',
  gml: 'http://www.opengis.net/gml',
  gml32: 'http://www.opengis.net/gml/3.2',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  xlink: 'http://www.w3.org/1999/xlink',
  sdn: 'http://www.seadatanet.org',
  dc: 'http://purl.org/dc/elements/1.1/',
};

interface Name {
  ns: string;
  local: string;
}

const nameCache = new Map<string, Name>();

function resolve(qname: string): Name {
  const cached = nameCache.get(qname);
  if (cached) return cached;
  const colon = qname.indexOf(':');
  const prefix = colon < 0 ? '' : qname.slice(0, colon);
  const ns = prefix === '' ? '' : schNamespaces[prefix];
  if (ns === undefined) throw new Error(`unknown schematron prefix in ${qname}`);
  const name = { ns, local: colon < 0 ? qname : qname.slice(colon + 1) };
  nameCache.set(qname, name);
  return name;
}

/** Does the element have this QName (schematron prefixes)? `*` matches any element. */
export function isNamed(el: XmlElement, qname: string): boolean {
  if (qname === '*') return true;
  const n = resolve(qname);
  return el.ns === n.ns && el.local === n.local;
}

export function childElements(el: XmlElement): XmlElement[] {
  return el.children.filter((c): c is XmlElement => c.kind === 'element');
}

/** Location path of child steps (`a/b/*`) and `..` from one or several context elements. */
export function select(from: XmlElement | readonly XmlElement[], path: string): XmlElement[] {
  let current: XmlElement[] = Array.isArray(from) ? [...(from as readonly XmlElement[])] : [from as XmlElement];
  for (const step of path.split('/')) {
    const next: XmlElement[] = [];
    const seen = new Set<XmlElement>();
    for (const el of current) {
      if (step === '..') {
        if (el.parent && !seen.has(el.parent)) {
          seen.add(el.parent);
          next.push(el.parent);
        }
        continue;
      }
      for (const c of childElements(el)) {
        if (!isNamed(c, step) || seen.has(c)) continue;
        seen.add(c);
        next.push(c);
      }
    }
    current = next;
  }
  return current;
}

/** `count(path) > 0`, i.e. the path as a boolean. */
export function exists(from: XmlElement | readonly XmlElement[], path: string): boolean {
  return select(from, path).length > 0;
}

export function count(from: XmlElement | readonly XmlElement[], path: string): number {
  return select(from, path).length;
}

/** Values of an attribute (`codeListValue`, `gml:uom`) on the given elements, in document order. */
export function attributeValues(els: readonly XmlElement[], qname: string): string[] {
  const n = resolve(qname);
  const out: string[] = [];
  for (const el of els) {
    const a = el.attributes.find((x) => x.ns === n.ns && x.local === n.local);
    if (a) out.push(a.value);
  }
  return out;
}

export function hasAttribute(el: XmlElement, qname: string): boolean {
  return attributeValues([el], qname).length > 0;
}

/** `path/text()`: the text node children of the selected elements, in document order. */
export function textNodes(els: readonly XmlElement[]): string[] {
  return els.flatMap((el) => el.children.filter((c): c is XmlText => c.kind === 'text').map((t) => t.value));
}

/** XPath string-value of an element: all descendant text, in order. */
export function stringValue(el: XmlElement): string {
  let out = '';
  for (const c of el.children) {
    if (c.kind === 'text') out += c.value;
    else if (c.kind === 'element') out += stringValue(c);
  }
  return out;
}

/** `string(node-set)`: the string value of the first node, '' for an empty set. */
export function firstString(values: readonly string[]): string {
  return values[0] ?? '';
}

export function stringValues(els: readonly XmlElement[]): string[] {
  return els.map(stringValue);
}

/** `node-set = 'literal'` (true when any node's value equals it). */
export function anyEquals(values: readonly string[], literal: string): boolean {
  return values.some((v) => v === literal);
}

/** `node-set != 'literal'` (true when any node's value differs; false for an empty set). */
export function anyDiffers(values: readonly string[], literal: string): boolean {
  return values.some((v) => v !== literal);
}

const xmlSpace = /[ \t\r\n]+/g;

/** XPath normalize-space: only XML whitespace (space, tab, CR, LF) is stripped and collapsed. */
export function normalizeSpace(s: string): string {
  return s.replace(xmlSpace, ' ').replace(/^ | $/g, '');
}

/** XPath string-length counts characters (code points), not UTF-16 units. */
export function stringLength(s: string): number {
  return [...s].length;
}

export function substringAfter(s: string, sep: string): string {
  const at = s.indexOf(sep);
  return at < 0 ? '' : s.slice(at + sep.length);
}

export function substringBefore(s: string, sep: string): string {
  const at = s.indexOf(sep);
  return at < 0 ? '' : s.slice(0, at);
}

/** XPath number(): optional minus, digits with an optional fraction, surrounding whitespace; anything else is NaN. */
export function xpathNumber(s: string): number {
  const t = s.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
  return /^-?(\d+(\.\d*)?|\.\d+)$/.test(t) ? Number(t) : NaN;
}

/** All elements of the tree in document order (root first). */
export function descendantsOrSelf(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement): void => {
    out.push(e);
    for (const c of e.children) if (c.kind === 'element') walk(c);
  };
  walk(el);
  return out;
}

/** The root of the tree holding this element (for `//` paths). */
export function rootOf(el: XmlElement): XmlElement {
  let e = el;
  while (e.parent) e = e.parent;
  return e;
}

/**
 * XSLT pattern `a/b/c`: the element is named c, its parent b, its grandparent a. (The schematron contexts only use
 * child steps, names and `*`.)
 */
export function matchesPattern(el: XmlElement, pattern: string): boolean {
  const steps = pattern.split('/');
  let e: XmlElement | null = el;
  for (let i = steps.length - 1; i >= 0; i--) {
    const step = steps[i];
    if (e === null || step === undefined || !isNamed(e, step)) return false;
    e = e.parent;
  }
  return true;
}

/** A readable location of an element: `/gmd:MD_Metadata/gmd:contact/…`, `[n]` only among same-name siblings. */
export function elementPath(el: XmlElement): string {
  const parts: string[] = [];
  for (let e: XmlElement | null = el; e; e = e.parent) {
    const current: XmlElement = e;
    let step = current.qname;
    if (current.parent) {
      const same = childElements(current.parent).filter((c) => c.qname === current.qname);
      if (same.length > 1) step += `[${same.indexOf(current) + 1}]`;
    }
    parts.push(step);
  }
  return '/' + parts.reverse().join('/');
}
