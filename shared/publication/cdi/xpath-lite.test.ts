import { describe, expect, it } from 'vitest';
import { parseXmlTree } from './cdi-xml-tree.js';
import type { XmlElement } from './cdi-xml-tree.js';
import { anyDiffers, anyEquals, attributeValues, elementPath, matchesPattern, normalizeSpace, select, stringLength, stringValue, textNodes, xpathNumber } from './xpath-lite.js';

function tree(xml: string): XmlElement {
  const parsed = parseXmlTree(xml);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.root;
}

const doc = tree(
  '<m:MD_Metadata xmlns:m="http://www.isotc211.org/2005/gmd" xmlns:c="http://www.isotc211.org/2005/gco" xmlns:g="http://www.opengis.net/gml">' +
    '<m:language><m:LanguageCode codeListValue="eng">English</m:LanguageCode></m:language>' +
    '<m:contact>a<!--x-->b<![CDATA[<c>]]>&#65;&#x42;&amp;</m:contact><m:contact/>' +
    '<g:axis g:uom="metres" uom="plain"/>' +
    '</m:MD_Metadata>',
);

describe('xpath-lite over cdi-xml-tree', () => {
  it('matches by namespace URI, not by the prefix written', () => {
    expect(select(doc, 'gmd:language/gmd:LanguageCode').map((e) => e.qname)).toEqual(['m:LanguageCode']);
    expect(select(doc, 'gmd:*').length).toBe(0); // only `*` or a full QName are steps
    expect(select(doc, '*').length).toBe(4);
    expect(matchesPattern(select(doc, 'gmd:language/gmd:LanguageCode')[0]!, 'gmd:MD_Metadata/gmd:language/gmd:LanguageCode')).toBe(true);
    expect(matchesPattern(select(doc, 'gmd:language/gmd:LanguageCode')[0]!, 'gmd:contact/gmd:LanguageCode')).toBe(false);
    expect(select(doc, 'gmd:language/gmd:LanguageCode/..').map((e) => e.local)).toEqual(['language']);
  });

  it('keeps text nodes as XPath does: comments split them, CDATA and character references join them', () => {
    const [contact] = select(doc, 'gmd:contact');
    expect(textNodes([contact!])).toEqual(['a', 'b<c>AB&']);
    expect(stringValue(contact!)).toBe('ab<c>AB&');
    expect(elementPath(contact!)).toBe('/m:MD_Metadata/m:contact[1]');
  });

  it('reads attributes by namespace: unprefixed attributes have none', () => {
    const axis = select(doc, 'gml:axis');
    expect(attributeValues(axis, 'gml:uom')).toEqual(['metres']);
    expect(attributeValues(axis, 'uom')).toEqual(['plain']);
  });

  it('compares node-sets existentially', () => {
    expect(anyEquals(['a', 'b'], 'b')).toBe(true);
    expect(anyEquals([], 'b')).toBe(false);
    expect(anyDiffers(['b', 'b'], 'b')).toBe(false);
    expect(anyDiffers(['b', 'c'], 'b')).toBe(true);
    expect(anyDiffers([], 'b')).toBe(false);
  });

  it('implements the XPath 1.0 string and number rules', () => {
    expect(normalizeSpace('  a \t\r\n b  ')).toBe('a b');
    expect(normalizeSpace('\u00a0')).toBe('\u00a0'); // no-break space is not XML whitespace
    expect(stringLength('\ud83d\ude00é')).toBe(2);
    expect(xpathNumber(' 5.25 ')).toBe(5.25);
    expect(xpathNumber('-.5')).toBe(-0.5);
    expect(xpathNumber('12.')).toBe(12);
    for (const nan of ['1e3', '+5', '', '5,3', 'abc', '--1']) expect(xpathNumber(nan)).toBeNaN();
  });
});
