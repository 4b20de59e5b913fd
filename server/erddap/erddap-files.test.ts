import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { isPublicAccess, l08Code } from './access-restriction.js';
import { datasetsXmlFragment } from './datasets-xml.js';
import { erddapConfigFromEnv, erddapPaths } from './erddap-config.js';
import { erddapDatasetId, isErddapDatasetId } from './erddap-id.js';
import { erddapCsv, groupColumns } from './erddap-table.js';
import { publishedFlag } from './value-flag.js';

describe('ERDDAP files (pure)', () => {
  it('maps dataset ids to ERDDAP datasetIDs: valid ones kept, others cleaned with a hash so they never collide or reach a path', () => {
    expect(erddapDatasetId('sola_fcm_2024')).toBe('sola_fcm_2024');
    const a = erddapDatasetId('SOLA FCM/2024');
    const b = erddapDatasetId('SOLA FCM 2024');
    expect(a).toMatch(/^SOLA_FCM_2024_[0-9a-f]{8}$/);
    expect(b).toMatch(/^SOLA_FCM_2024_[0-9a-f]{8}$/);
    expect(a).not.toBe(b);
    expect(erddapDatasetId('../../etc')).toMatch(/^etc_[0-9a-f]{8}$/);
    expect(erddapDatasetId('2024-sola')).toMatch(/^cc_2024_sola_[0-9a-f]{8}$/);
    expect(erddapDatasetId('///')).toMatch(/^cc_dataset_[0-9a-f]{8}$/);
    for (const id of ['x'.repeat(128), 'é-è', '..', 'a b']) expect(isErddapDatasetId(erddapDatasetId(id))).toBe(true);
  });

  it('treats only L08 UN and LS (bare or as an NVS URN) as public', () => {
    expect(['UN', 'LS', ' ls ', 'SDN:L08::UN', 'sdn:l08::LS'].map(isPublicAccess)).toEqual([true, true, true, true, true]);
    expect(['RS', 'MO', 'NA', 'UK', 'CB', 'CA', 'LI', '', null, undefined].map(isPublicAccess)).toEqual(Array(10).fill(false));
    expect(l08Code('SDN:L08::MO')).toBe('MO');
  });

  it('publishes each value with its L20 flag by the workstation rule', () => {
    expect(publishedFlag(null, '1', '1', '1')).toBe('9');
    expect(publishedFlag(10, '4', '1', '1')).toBe('4');
    expect(publishedFlag(10, null, '1', '3')).toBe('3');
    expect(publishedFlag(10, null, '4', '3')).toBe('4');
    expect(publishedFlag(10, null, null, '2')).toBe('2');
    expect(publishedFlag(10, null, null, null)).toBe('1');
  });

  it('names group columns in ERDDAP alphabet, unique and sorted, and writes the CSV rows in time order', () => {
    const groups = groupColumns(['Synechococcus', 'Pico eukaryotes', 'Pico-eukaryotes', 'Synechococcus']);
    expect(groups).toEqual([
      { group: 'Pico eukaryotes', column: 'abundance_Pico_eukaryotes' },
      { group: 'Pico-eukaryotes', column: 'abundance_Pico_eukaryotes_2' },
      { group: 'Synechococcus', column: 'abundance_Synechococcus' },
    ]);
    const csv = erddapCsv({
      groups: [groups[2]!],
      rows: [
        { time: '2024-05-03T10:00:00.000Z', latitude: 42.4883, longitude: 3.145, depth: 3, station: 'SOLA, "buoy"', sampleId: 'cs-2', values: { abundance_Synechococcus: { value: 15000, flag: '1' } } },
        { time: '2024-05-02T10:00:00.000Z', latitude: null, longitude: null, depth: null, station: null, sampleId: 'cs-1', values: {} },
      ],
    });
    expect(csv).toBe(
      [
        'time,latitude,longitude,depth,station,sample_id,abundance_Synechococcus,abundance_Synechococcus_qc',
        '2024-05-02T10:00:00.000Z,,,,,cs-1,,9',
        '2024-05-03T10:00:00.000Z,42.4883,3.145,3,"SOLA, ""buoy""",cs-2,15000,1',
        '',
      ].join('\n'),
    );
  });

  it('writes a well-formed EDDTableFromAsciiFiles fragment reading exactly that CSV, with the attributes ERDDAP requires', () => {
    const xml = datasetsXmlFragment({
      datasetId: 'sola <2024> & co',
      erddapId: 'sola_2024_abcdef12',
      fileDir: '/erddap/data/sola_2024_abcdef12/',
      csvName: 'sola_2024_abcdef12.csv',
      metadata: { title: 'SOLA & friends', abstract: 'Abundances.', holdingCentreEdmo: '1084', accessRestriction: 'LS', pi: { name: 'A. B.', email: 'a@b.org' }, instrument: 'TOOL1209' },
      groups: [{ group: 'Synechococcus', column: 'abundance_Synechococcus' }],
    });
    expect(XMLValidator.validate(`<erddapDatasets>${xml}</erddapDatasets>`)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml) as {
      dataset: {
        type: string;
        datasetID: string;
        fileDir: string;
        fileNameRegex: string;
        columnNamesRow: number;
        firstDataRow: number;
        addAttributes: { att: { name: string; '#text': string }[] };
        dataVariable: { sourceName: string; dataType: string }[];
      };
    };
    const d = parsed.dataset;
    expect([d.type, d.datasetID, d.fileDir, d.fileNameRegex, d.columnNamesRow, d.firstDataRow]).toEqual([
      'EDDTableFromAsciiFiles',
      'sola_2024_abcdef12',
      '/erddap/data/sola_2024_abcdef12/',
      'sola_2024_abcdef12\\.csv',
      1,
      2,
    ]);
    const atts = Object.fromEntries(d.addAttributes.att.map((a) => [a.name, a['#text']]));
    expect(atts).toMatchObject({
      cdm_data_type: 'Point',
      title: 'SOLA & friends',
      summary: 'Abundances.',
      institution: 'EDMO 1084',
      infoUrl: 'https://edmo.seadatanet.org/report/1084',
      access_restriction: 'SDN:L08::LS',
      creator_email: 'a@b.org',
      instrument: 'SDN:L22::TOOL1209',
    });
    expect(d.dataVariable.map((v) => `${v.sourceName}:${v.dataType}`)).toEqual([
      'time:String',
      'latitude:double',
      'longitude:double',
      'depth:double',
      'station:String',
      'sample_id:String',
      'abundance_Synechococcus:double',
      'abundance_Synechococcus_qc:String',
    ]);
  });

  it('reads its configuration from the environment; off without CYTOCURATOR_ERDDAP_DIR', () => {
    expect(erddapConfigFromEnv({})).toBeNull();
    const c = erddapConfigFromEnv({
      CYTOCURATOR_ERDDAP_DIR: '/srv/erddap-drop/',
      CYTOCURATOR_ERDDAP_FILE_DIR: '/erddapData/cytocurator',
      CYTOCURATOR_ERDDAP_FLAG_DIR: '/erddapData/flag',
      CYTOCURATOR_ERDDAP_FLAG_URL: 'https://erddap.example.org/erddap/',
      CYTOCURATOR_ERDDAP_FLAG_KEYS: 'sola=123, other = 456,broken',
    })!;
    expect(c).toEqual({
      dir: '/srv/erddap-drop',
      fileDirForErddap: '/erddapData/cytocurator',
      flagDir: '/erddapData/flag',
      flagUrl: 'https://erddap.example.org/erddap/setDatasetFlag.txt?datasetID={datasetID}&flagKey={flagKey}',
      flagKeys: { sola: '123', other: '456' },
    });
    expect(erddapPaths(c, 'sola')).toEqual({
      csv: '/srv/erddap-drop/data/sola/sola.csv',
      csvName: 'sola.csv',
      dataDir: '/srv/erddap-drop/data/sola',
      fileDirForErddap: '/erddapData/cytocurator/data/sola/',
      fragment: '/srv/erddap-drop/datasets-xml/sola.xml',
    });
    const given = 'https://e.org/erddap/setDatasetFlag.txt?datasetID={datasetID}&flagKey=fixed';
    expect(erddapConfigFromEnv({ CYTOCURATOR_ERDDAP_DIR: '/x', CYTOCURATOR_ERDDAP_FLAG_URL: given })!.flagUrl).toBe(given);
  });
});
