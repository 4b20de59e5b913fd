import { describe, expect, it } from 'vitest';
import { readRealFixture } from '../../../electron/test-support/real-fixtures.js';
import { decodeText } from '../../formats/text/decode-text.js';
import { builtInLabels, nvsTermUrl, thesauri } from './cdi-vocabulary.js';
import type { CdiCollection } from './cdi-vocabulary.js';

/** NVS extract files (sismerTools flat XML) in fixtures/real/octopus/vocab. */
const files: Record<CdiCollection, string> = {
  P02: 'SDN.P02.127..xml',
  L05: 'SDN.L05.92..xml',
  L06: 'SDN.L06.18..xml',
  L08: 'SDN.L08.5..xml',
  L22: 'SDN.L22.749..xml',
  C17: 'SDN.C17.1155..xml',
};

const unescape = (s: string): string => s.replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** key → label of one extract, read with a regular expression over `<element key="SDN:L05::LAB37" label="…"`. */
function nvsLabels(file: string): Map<string, string> {
  const xml = decodeText(readRealFixture(`octopus/vocab/${file}`)).text;
  return new Map([...xml.matchAll(/<element\b[^>]*?\bkey="SDN:\w+::([^"]+)"\s+label="([^"]*)"/g)].map((m) => [m[1]!, unescape(m[2]!)]));
}

describe('built-in vocabulary labels', () => {
  it.each(Object.keys(files) as CdiCollection[])('%s labels are the NVS labels of the fixture extract', (collection) => {
    const nvs = nvsLabels(files[collection]);
    expect(nvs.size).toBeGreaterThan(5);
    for (const [code, label] of Object.entries(builtInLabels[collection])) expect({ code, label }).toEqual({ code, label: nvs.get(code) });
  });

  it('covers the codes a CytoSense CDI needs (formats-seadatanet.md §6)', () => {
    expect(builtInLabels.L22.TOOL1209).toBe('CytoBuoy CytoSense flow cytometer');
    expect(builtInLabels.L05.LAB37).toBe('flow cytometers');
    expect(Object.keys(builtInLabels.P02)).toEqual(expect.arrayContaining(['PNTX', 'BNTX']));
    expect(Object.keys(builtInLabels.L08).sort()).toEqual(['CA', 'CB', 'CC', 'FE', 'LI', 'LS', 'MO', 'NA', 'NC', 'OG', 'RS', 'SR', 'UK', 'UN']);
    expect(nvsTermUrl('L08', 'LS')).toBe('https://www.seadatanet.org/urnurl/SDN:L08::LS');
  });

  it('cites the collection versions listed in vocabularies.xml', () => {
    const list = decodeText(readRealFixture('octopus/vocab/vocabularies.xml')).text;
    for (const t of Object.values(thesauri)) {
      const m = new RegExp(`list="SDN:${t.collection}:(\\d+):"\\s+version="\\d+"\\s+date="(\\d{4}-\\d{2}-\\d{2})T[^"]*"\\s+title="([^"]*)"`).exec(list);
      expect(m, t.collection).not.toBeNull();
      expect({ edition: t.edition, date: t.date, title: t.title }).toEqual({ edition: m![1], date: m![2], title: m![3] });
    }
  });
});
