import { l20Flags } from '../../shared/model/flag-schemes.js';
import { l08Code } from './access-restriction.js';
import type { ErddapGroupColumn } from './erddap-table.js';

/**
 * The datasets.xml fragment for one dataset's CSV: an EDDTableFromAsciiFiles dataset as ERDDAP documents it
 * (docs/server-admin/datasets: EDDTableFromFiles skeleton XML), reading exactly that CSV, with the global
 * attributes ERDDAP requires (title, summary, institution, infoUrl, license, Conventions, cdm_data_type) taken
 * from the dataset's metadata. A large reloadEveryNMinutes: the server sets a flag after each change instead.
 */
export interface FragmentInput {
  datasetId: string;
  erddapId: string;
  /** Folder holding the CSV, as ERDDAP sees it (absolute, ending with a slash). */
  fileDir: string;
  csvName: string;
  metadata: Record<string, unknown>;
  groups: ErddapGroupColumn[];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : null);
const att = (name: string, value: string, indent = '        ') => `${indent}<att name="${esc(name)}">${esc(value)}</att>`;
const regexQuote = (s: string) => s.replace(/[.\\+*?^$()[\]{}|]/g, (c) => `\\${c}`);

const l08Labels: Record<string, string> = { UN: 'unrestricted', LS: 'SeaDataNet licence' };
const flagComment = `SeaDataNet measurand qualifier flags (NVS L20): ${l20Flags.map((f) => `${f.code} ${f.label}`).join('; ')}`;

function variable(source: string, dataType: string, atts: [string, string][]): string {
  return [
    '    <dataVariable>',
    `        <sourceName>${esc(source)}</sourceName>`,
    `        <destinationName>${esc(source)}</destinationName>`,
    `        <dataType>${dataType}</dataType>`,
    '        <addAttributes>',
    ...atts.map(([n, v]) => att(n, v, '            ')),
    '        </addAttributes>',
    '    </dataVariable>',
  ].join('\n');
}

export function datasetsXmlFragment(input: FragmentInput): string {
  const m = input.metadata;
  const pi = (m.pi ?? {}) as Record<string, unknown>;
  const edmo = str(m.holdingCentreEdmo);
  const l08 = l08Code(str(m.accessRestriction)) ?? 'UK';
  const title = str(m.title) ?? `CytoCurator dataset ${input.datasetId}`;
  const globals: [string, string][] = [
    ['cdm_data_type', 'Point'],
    ['Conventions', 'COARDS, CF-1.10, ACDD-1.3'],
    ['id', input.datasetId],
    ['title', title],
    ['summary', str(m.abstract) ?? title],
    ['institution', edmo ? `EDMO ${edmo}` : 'unknown institution'],
    ['infoUrl', edmo ? `https://edmo.seadatanet.org/report/${edmo}` : 'https://edmo.seadatanet.org/'],
    ['license', `NVS L08 ${l08} (${l08Labels[l08] ?? 'see the data holder'})`],
    ['access_restriction', `SDN:L08::${l08}`],
    ['keywords', 'flow cytometry, phytoplankton, abundance'],
    ['sourceUrl', '(local files)'],
    ['standard_name_vocabulary', 'CF Standard Name Table v84'],
    ['subsetVariables', 'station'],
  ];
  const optional: [string, string | null][] = [
    ['project', str(m.project)],
    ['creator_name', str(pi.name)],
    ['creator_email', str(pi.email)],
    ['instrument', str(m.instrument) ? `SDN:L22::${str(m.instrument)}` : null],
  ];
  for (const [n, v] of optional) if (v !== null) globals.push([n, v]);
  globals.sort((a, b) => a[0].localeCompare(b[0], 'en'));

  const vars = [
    variable('time', 'String', [
      ['ioos_category', 'Time'],
      ['long_name', 'Sample time (start of acquisition)'],
      ['standard_name', 'time'],
      ['time_precision', '1970-01-01T00:00:00Z'],
      ['units', "yyyy-MM-dd'T'HH:mm:ss.SSSZ"],
    ]),
    variable('latitude', 'double', [
      ['ioos_category', 'Location'],
      ['long_name', 'Latitude'],
      ['standard_name', 'latitude'],
      ['units', 'degrees_north'],
    ]),
    variable('longitude', 'double', [
      ['ioos_category', 'Location'],
      ['long_name', 'Longitude'],
      ['standard_name', 'longitude'],
      ['units', 'degrees_east'],
    ]),
    variable('depth', 'double', [
      ['ioos_category', 'Location'],
      ['long_name', 'Sampling depth'],
      ['positive', 'down'],
      ['standard_name', 'depth'],
      ['units', 'm'],
    ]),
    variable('station', 'String', [
      ['ioos_category', 'Identifier'],
      ['long_name', 'Station'],
    ]),
    variable('sample_id', 'String', [
      ['ioos_category', 'Identifier'],
      ['long_name', 'CytoCurator sample id'],
    ]),
    ...input.groups.flatMap((g) => [
      variable(g.column, 'double', [
        ['ancillary_variables', `${g.column}_qc`],
        ['ioos_category', 'Biology'],
        ['long_name', `Abundance of ${g.group} by flow cytometry`],
        ['units', 'mL-1'],
      ]),
      variable(`${g.column}_qc`, 'String', [
        ['comment', flagComment],
        ['ioos_category', 'Quality'],
        ['long_name', `Quality flag of the abundance of ${g.group} (SeaDataNet L20)`],
      ]),
    ]),
  ];

  return [
    `<!-- CytoCurator dataset ${esc(input.datasetId).replace(/--/g, '- -')}: written by the sync server; add it to ERDDAP's datasets.xml (again when the columns change). -->`,
    `<dataset type="EDDTableFromAsciiFiles" datasetID="${esc(input.erddapId)}" active="true">`,
    '    <reloadEveryNMinutes>10080</reloadEveryNMinutes>',
    `    <fileDir>${esc(input.fileDir)}</fileDir>`,
    `    <fileNameRegex>${esc(regexQuote(input.csvName))}</fileNameRegex>`,
    '    <recursive>false</recursive>',
    '    <pathRegex>.*</pathRegex>',
    '    <metadataFrom>last</metadataFrom>',
    '    <standardizeWhat>0</standardizeWhat>',
    '    <charset>UTF-8</charset>',
    '    <columnSeparator>,</columnSeparator>',
    '    <columnNamesRow>1</columnNamesRow>',
    '    <firstDataRow>2</firstDataRow>',
    '    <sortedColumnSourceName>time</sortedColumnSourceName>',
    '    <sortFilesBySourceNames>time</sortFilesBySourceNames>',
    '    <fileTableInMemory>false</fileTableInMemory>',
    '    <addAttributes>',
    ...globals.map(([n, v]) => att(n, v)),
    '    </addAttributes>',
    ...vars,
    '</dataset>',
    '',
  ].join('\n');
}
