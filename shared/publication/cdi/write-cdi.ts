import { XMLBuilder } from 'fast-xml-parser';
import type { CdiUnit, PublicationDataset, PublishedSample } from '../publication-dataset.js';
import { builtInLabels, nvsCollectionUrl, nvsTermUrl, thesauri } from './cdi-vocabulary.js';
import type { CdiCollection, ThesaurusCitation } from './cdi-vocabulary.js';

/**
 * Writes one SeaDataNet CDI record (ISO 19139, SeaDataNet CDI profile) for one CDI unit, following the record
 * skeleton of ../shared/docs/formats-seadatanet.md §4.3 element by element, in the ISO schema order. Targets: the
 * CDI XSD 7.0.0 with the ISO 19139 (2005) schemas, and the CDI schematron 12.1.2 (https://www.seadatanet.org/urnurl
 * forms for the thesauri, units and vertical datum). Pure and deterministic: every date comes from the data or from
 * `metadata.lastChangeAt`, never from a clock, so the same input gives the same bytes.
 *
 * Nothing is written empty (the schematron refuses empty elements): a missing optional value leaves its element
 * out; a missing mandatory one (no e-mail at all, no sample time) leaves it out too, so validation names it.
 */

export type CdiDeliveredFormat = 'odv' | 'netcdf';

/** An EDMO organisation as the record describes it (from the EDMO directory; not available offline). */
export interface CdiOrganisation {
  edmo: string;
  name: string;
  email?: string;
  deliveryPoint?: string;
  city?: string;
  postalCode?: string;
  /** SeaDataNet country code (ISO 3166 alpha-2, e.g. `FR`) and its name (`France`). */
  countryCode?: string;
  countryName?: string;
  website?: string;
}

export interface CdiWriteOptions {
  /** Files delivered for the unit: SeaDataNet ODV 0.4 always; CFPOINT NetCDF too when 'netcdf' is listed. */
  formats?: readonly CdiDeliveredFormat[];
  /**
   * Names and addresses of the EDMO organisations cited (holding centre, originator, PI's institute). An EDMO code
   * without an entry is written with the name `EDMO <code>` and the PI's e-mail.
   */
  organisations?: readonly CdiOrganisation[];
  /** Labels for codes not in the built-in table (cdi-vocabulary.ts), by collection: `{ P02: { XXXX: '…' } }`. */
  labels?: Partial<Record<CdiCollection, Readonly<Record<string, string>>>>;
}

/** The SeaDataNet request/download service a CDI points to (MIKADO var40, L07 `CDIMTH02` = downloadRegistration). */
export const CDI_DOWNLOAD_URL = 'http://www.sdn-taskmanager.org/';

const NS = {
  'xmlns:gmd': 'http://www.isotc211.org/2005/gmd',
  'xmlns:gmi': 'http://www.isotc211.org/2005/gmi',
  'xmlns:srv': 'http://www.isotc211.org/2005/srv',
  'xmlns:gco': 'http://www.isotc211.org/2005/gco',
  'xmlns:gts': 'http://www.isotc211.org/2005/gts',
  'xmlns:gmx': 'http://www.isotc211.org/2005/gmx',
  'xmlns:xlink': 'http://www.w3.org/1999/xlink',
  'xmlns:sdn': 'http://www.seadatanet.org',
  'xmlns:gml': 'http://www.opengis.net/gml',
} as const;

const ISO_CODELIST = 'http://vocab.nerc.ac.uk/isoCodelists/sdnCodelists/gmxCodeLists.xml#';
const SDN_CODELIST = 'http://vocab.nerc.ac.uk/isoCodelists/sdnCodelists/cdicsrCodeList.xml#';
const EDMO_CODELIST = 'https://edmo.seadatanet.org/isocodelists/edmo-edmerp-codelists.xml#SDN_EDMOCode';
const EXTENSION_INFO = 'http://schemas.seadatanet.org/Standards-Software/Metadata-formats/extensionInformation.xml';
/** L11 `D08` "sea level": depths are metres below the sea surface. */
const VERTICAL_DATUM = { code: 'D08', name: 'sea level' };
const INSPIRE_REPORTS = [
  {
    title:
      'COMMISSION REGULATION (EC) No 1205/2008 of 3 December 2008 implementing Directive 2007/2/EC of the European Parliament and of the Council as regards metadata',
    date: '2008-12-04',
  },
  {
    title:
      'COMMISSION REGULATION (EU) No 1089/2010 of 23 November 2010 implementing Directive 2007/2/EC of the European Parliament and of the Council as regards interoperability of spatial data sets and services',
    date: '2010-12-08',
  },
];
const FORMATS: Record<CdiDeliveredFormat, { code: string; label: string; version: string }> = {
  odv: { code: 'ODV', label: 'Ocean Data View ASCII input', version: '0.4' },
  netcdf: { code: 'CFPOINT', label: 'Climate and Forecast Point Data NetCDF', version: '1' },
};

// ---------------------------------------------------------------------------------------------------------------
// A minimal element model for fast-xml-parser's order-preserving builder

type XNode = Record<string, unknown>;
type Child = XNode | null | undefined | false;

/** Characters XML 1.0 cannot carry, and CR (written as LF so the bytes do not depend on the input's line ends). */
// eslint-disable-next-line no-control-regex
const notXmlChar = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function clean(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(notXmlChar, '');
}

function el(tag: string, attributes: Record<string, string> | null, ...children: Child[]): XNode {
  const node: XNode = { [tag]: children.filter((c): c is XNode => Boolean(c)) };
  if (attributes) node[':@'] = Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, clean(v)]));
  return node;
}

/** An element holding text; null (left out) when the text is blank. */
function textEl(tag: string, text: string | null | undefined, attributes: Record<string, string> | null = null): XNode | null {
  if (text === null || text === undefined) return null;
  const value = clean(text).trim();
  if (value === '') return null;
  const node: XNode = { [tag]: [{ '#text': value }] };
  if (attributes) node[':@'] = Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, clean(v)]));
  return node;
}

/** `<wrapper><gco:CharacterString>text</gco:CharacterString></wrapper>`, or null when blank. */
function charString(wrapper: string, text: string | null | undefined): XNode | null {
  const inner = textEl('gco:CharacterString', text);
  return inner ? el(wrapper, null, inner) : null;
}

/** An element holding text that is never blank (the label falls back to the code). */
function codeEl(tag: string, text: string, attributes: Record<string, string>): XNode {
  return textEl(tag, text, attributes) ?? el(tag, attributes);
}

function isoCode(tag: string, list: string, value: string, label = value): XNode {
  return codeEl(tag, label.trim() || value, { codeList: ISO_CODELIST + list, codeListValue: value, codeSpace: 'ISOTC211/19115' });
}

function sdnCode(tag: string, value: string, label: string): XNode {
  return codeEl(`sdn:${tag}`, label.trim() || value, { codeList: SDN_CODELIST + tag, codeListValue: value, codeSpace: 'SeaDataNet' });
}

const builder = new XMLBuilder({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  format: true,
  indentBy: '  ',
  suppressEmptyNode: true,
  processEntities: true,
});

// ---------------------------------------------------------------------------------------------------------------
// Values

/** Decimal degrees with at least two decimals (schematron 12.1.2 #44–48) and at most six (≈ 0.1 m). */
export function formatCoordinate(value: number): string {
  const fixed = value.toFixed(6).replace(/0{1,4}$/, '');
  return Number(fixed) === 0 ? '0.00' : fixed;
}

function formatReal(value: number): string {
  const rounded = Math.round(value * 1000) / 1000;
  return String(rounded === 0 ? 0 : rounded);
}

/** `YYYY-MM-DD` (UTC) of an ISO 8601 date-time. */
function isoDay(dateTime: string): string {
  const ms = Date.parse(dateTime);
  if (Number.isFinite(ms)) return new Date(ms).toISOString().slice(0, 10);
  return /^\d{4}-\d{2}-\d{2}/.exec(dateTime)?.[0] ?? dateTime;
}

/** `YYYY-MM-DDThh:mm:ss` (UTC, as SeaDataNet records write it), rounded outwards to whole seconds. */
function isoSecond(ms: number, round: 'down' | 'up'): string {
  const s = round === 'down' ? Math.floor(ms / 1000) : Math.ceil(ms / 1000);
  return new Date(s * 1000).toISOString().slice(0, 19);
}

interface UnitExtent {
  west: number;
  east: number;
  south: number;
  north: number;
  begin: number | null;
  end: number | null;
  minDepth: number | null;
  maxDepth: number | null;
}

/** Bounding box, time span and depth range of the unit's samples (the station position when there is no sample). */
export function unitExtent(unit: CdiUnit): UnitExtent {
  // Loops, not Math.min(...values): a long time series would overflow the argument list.
  const range = (values: Iterable<number>): [number, number] | null => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const v of values) {
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    return lo <= hi ? [lo, hi] : null;
  };
  const positioned = unit.samples.filter((s) => Number.isFinite(s.latitude) && Number.isFinite(s.longitude));
  const lat = range(positioned.map((s) => s.latitude)) ?? [unit.station.latitude, unit.station.latitude];
  const lon = range(positioned.map((s) => s.longitude)) ?? [unit.station.longitude, unit.station.longitude];
  const time = range(unit.samples.map((s) => Date.parse(s.time)));
  const depth = range(unit.samples.map((s: PublishedSample) => s.depth_m ?? unit.station.samplingDepth_m ?? NaN));
  return {
    west: lon[0],
    east: lon[1],
    south: lat[0],
    north: lat[1],
    begin: time ? time[0] : null,
    end: time ? time[1] : null,
    minDepth: depth ? depth[0] : null,
    maxDepth: depth ? depth[1] : null,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The record

/**
 * The CDI XML of one unit: `fileIdentifier` `urn:SDN:CDI:LOCAL:<localCdiId>`, CDI partner / custodian /
 * distributor = the holding centre's EDMO, originator and PI as cited parties, keywords (GEMET theme, P02, L05, L22,
 * L06, C17 when known), bounding box, time span and depth range of the samples, distribution formats, L08 access
 * restriction. UTF-8 text with LF line ends and a final newline.
 */
export function writeCdi(dataset: PublicationDataset, unit: CdiUnit, options: CdiWriteOptions = {}): string {
  const m = dataset.metadata;
  const label = (collection: CdiCollection, code: string): string =>
    options.labels?.[collection]?.[code] ?? builtInLabels[collection][code] ?? code;
  const organisations = new Map((options.organisations ?? []).map((o) => [o.edmo, o]));
  const urn = `urn:SDN:CDI:LOCAL:${unit.localCdiId}`;
  const revision = isoDay(m.lastChangeAt);
  const extent = unitExtent(unit);

  const party = (edmo: string, role: string, person?: { name: string; email: string }): XNode => {
    const org = organisations.get(edmo);
    const email = person?.email.trim() || org?.email || m.pi.email;
    const country =
      org?.countryCode && org.countryName ? el('gmd:country', null, sdnCode('SDN_CountryCode', org.countryCode, org.countryName)) : null;
    const website = textEl('gmd:URL', org?.website);
    return el(
      'gmd:CI_ResponsibleParty',
      null,
      charString('gmd:individualName', person?.name),
      el('gmd:organisationName', null, textEl('sdn:SDN_EDMOCode', org?.name || `EDMO ${edmo}`, { codeList: EDMO_CODELIST, codeListValue: edmo, codeSpace: 'SeaDataNet' })),
      el(
        'gmd:contactInfo',
        null,
        el(
          'gmd:CI_Contact',
          null,
          el(
            'gmd:address',
            null,
            el(
              'gmd:CI_Address',
              null,
              charString('gmd:deliveryPoint', org?.deliveryPoint),
              charString('gmd:city', org?.city),
              charString('gmd:postalCode', org?.postalCode),
              country,
              charString('gmd:electronicMailAddress', email),
            ),
          ),
          website && el('gmd:onlineResource', null, el('gmd:CI_OnlineResource', null, el('gmd:linkage', null, website))),
        ),
      ),
      el('gmd:role', null, isoCode('gmd:CI_RoleCode', 'CI_RoleCode', role)),
    );
  };

  const citationDate = (date: string, type: string): XNode =>
    el('gmd:date', null, el('gmd:CI_Date', null, el('gmd:date', null, textEl('gco:Date', date)), el('gmd:dateType', null, isoCode('gmd:CI_DateTypeCode', 'CI_DateTypeCode', type))));

  const thesaurus = (t: ThesaurusCitation): XNode =>
    el(
      'gmd:thesaurusName',
      null,
      el(
        'gmd:CI_Citation',
        null,
        charString('gmd:title', t.title),
        charString('gmd:alternateTitle', t.collection),
        citationDate(t.date, 'revision'),
        charString('gmd:edition', t.edition),
        el('gmd:identifier', null, el('gmd:MD_Identifier', null, charString('gmd:code', nvsCollectionUrl(t.collection)))),
      ),
    );

  const keywords = (keywordNodes: XNode[], type: string, t: ThesaurusCitation | null): XNode | null =>
    keywordNodes.length === 0
      ? null
      : el(
          'gmd:descriptiveKeywords',
          null,
          el(
            'gmd:MD_Keywords',
            null,
            ...keywordNodes.map((k) => el('gmd:keyword', null, k)),
            el('gmd:type', null, textEl('gmd:MD_KeywordTypeCode', type, { codeList: `${ISO_CODELIST}MD_KeywordTypeCode`, codeListValue: type, codeSpace: 'SeaDataNet' })),
            t && thesaurus(t),
          ),
        );

  const discoveryParameters = unique([...m.discoveryParameters, ...dataset.groups.map((g) => g.p02).filter((c): c is string => c !== null && c !== '')]);
  const cs = (text: string): XNode | null => textEl('gco:CharacterString', text);
  const present = (nodes: (XNode | null)[]): XNode[] => nodes.filter((n): n is XNode => n !== null);

  const gemet = el(
    'gmd:descriptiveKeywords',
    null,
    el(
      'gmd:MD_Keywords',
      null,
      el('gmd:keyword', null, cs('Oceanographic geographical features')),
      el('gmd:type', null, textEl('gmd:MD_KeywordTypeCode', 'theme', { codeList: `${ISO_CODELIST}MD_KeywordTypeCode`, codeListValue: 'theme', codeSpace: 'SeaDataNet' })),
      el('gmd:thesaurusName', null, el('gmd:CI_Citation', null, charString('gmd:title', 'GEMET - INSPIRE themes, version 1.0'), citationDate('2008-06-01', 'publication'))),
    ),
  );

  const stationName = unit.station.name.trim() || unit.localCdiId;
  const datasetStart = earliestTime(dataset);
  const kind = unit.featureType === 'time-series' ? 'time series' : 'profile';
  const title = m.title.trim() ? `${m.title.trim()} - ${stationName}` : `Flow cytometry ${kind} at ${stationName}`;
  const abstract = m.abstract.trim() || generatedAbstract(dataset, unit, extent, label('L22', m.instrument));

  const bbox = el(
    'gmd:geographicElement',
    null,
    el(
      'gmd:EX_GeographicBoundingBox',
      null,
      el('gmd:westBoundLongitude', null, textEl('gco:Decimal', formatCoordinate(extent.west))),
      el('gmd:eastBoundLongitude', null, textEl('gco:Decimal', formatCoordinate(extent.east))),
      el('gmd:southBoundLatitude', null, textEl('gco:Decimal', formatCoordinate(extent.south))),
      el('gmd:northBoundLatitude', null, textEl('gco:Decimal', formatCoordinate(extent.north))),
    ),
  );
  const temporal =
    extent.begin !== null && extent.end !== null
      ? el(
          'gmd:temporalElement',
          null,
          el(
            'gmd:EX_TemporalExtent',
            null,
            el(
              'gmd:extent',
              null,
              el(
                'gml:TimePeriod',
                { 'gml:id': 'temporal-extent' },
                textEl('gml:beginPosition', isoSecond(extent.begin, 'down')),
                textEl('gml:endPosition', isoSecond(extent.end, 'up')),
              ),
            ),
          ),
        )
      : null;
  const vertical = extent.minDepth !== null && extent.maxDepth !== null ? verticalElement(extent.minDepth, extent.maxDepth) : null;

  const aggregation = (name: string, date: string, association: string, initiative: string): XNode =>
    el(
      'gmd:aggregationInfo',
      null,
      el(
        'gmd:MD_AggregateInformation',
        null,
        el('gmd:aggregateDataSetName', null, el('gmd:CI_Citation', null, charString('gmd:title', name), charString('gmd:alternateTitle', name), citationDate(date, 'revision'))),
        el('gmd:associationType', null, isoCode('gmd:DS_AssociationTypeCode', 'DS_AssociationTypeCode', association)),
        el('gmd:initiativeType', null, isoCode('gmd:DS_InitiativeTypeCode', 'DS_InitiativeTypeCode', initiative)),
      ),
    );
  const unitStart = extent.begin !== null ? isoDay(new Date(extent.begin).toISOString()) : revision;

  const identification = el(
    'sdn:SDN_DataIdentification',
    { 'gco:isoType': 'MD_DataIdentification_Type' },
    el(
      'gmd:citation',
      null,
      el(
        'gmd:CI_Citation',
        null,
        charString('gmd:title', title),
        charString('gmd:alternateTitle', unit.localCdiId),
        citationDate(revision, 'revision'),
        el('gmd:identifier', null, el('gmd:MD_Identifier', null, charString('gmd:code', urn))),
        el('gmd:citedResponsibleParty', null, party(m.originatorEdmo, 'originator')),
        m.pi.name.trim() ? el('gmd:citedResponsibleParty', null, party(m.pi.edmo || m.originatorEdmo, 'principalInvestigator', m.pi)) : null,
      ),
    ),
    charString('gmd:abstract', abstract),
    el('gmd:pointOfContact', null, party(m.holdingCentreEdmo, 'custodian')),
    gemet,
    keywords(
      present(discoveryParameters.map((code) => sdnCode('SDN_ParameterDiscoveryCode', code, label('P02', code)))),
      'parameter',
      thesauri.P02,
    ),
    keywords(present([m.deviceCategory.trim() ? sdnCode('SDN_DeviceCategoryCode', m.deviceCategory, label('L05', m.deviceCategory)) : null]), 'instrument', thesauri.L05),
    // The 12.1.2 keyword rule (#22) allows no L22 code element: the instrument model is a text keyword under the
    // L22 thesaurus (and named in the lineage).
    keywords(present([m.instrument.trim() ? cs(label('L22', m.instrument)) : null]), 'instrument', thesauri.L22),
    keywords(present([m.platformClass.trim() ? sdnCode('SDN_PlatformCategoryCode', m.platformClass, label('L06', m.platformClass)) : null]), 'platform_class', thesauri.L06),
    keywords(present([m.platformCode?.trim() ? cs(label('C17', m.platformCode)) : null]), 'platform', thesauri.C17),
    keywords(present([m.project?.trim() ? cs(m.project) : null]), 'project', null),
    el('gmd:resourceConstraints', null, el('gmd:MD_Constraints', null, charString('gmd:useLimitation', 'Not applicable'))),
    el(
      'gmd:resourceConstraints',
      null,
      el(
        'gmd:MD_LegalConstraints',
        null,
        el('gmd:accessConstraints', null, isoCode('gmd:MD_RestrictionCode', 'MD_RestrictionCode', 'otherRestrictions')),
        el('gmd:otherConstraints', null, textEl('gmx:Anchor', label('L08', m.accessRestriction), { 'xlink:href': nvsTermUrl('L08', m.accessRestriction) })),
      ),
    ),
    m.cruise.trim() ? aggregation(m.cruise.trim(), datasetStart ?? unitStart, 'largerWorkCitation', 'campaign') : null,
    aggregation(stationName, unitStart, 'source', 'operation'),
    el('gmd:spatialRepresentationType', null, isoCode('gmd:MD_SpatialRepresentationTypeCode', 'MD_SpatialRepresentationTypeCode', 'textTable')),
    el('gmd:language', null, isoCode('gmd:LanguageCode', 'LanguageCode', 'eng', 'English')),
    el('gmd:characterSet', null, isoCode('gmd:MD_CharacterSetCode', 'MD_CharacterSetCode', 'utf8')),
    el('gmd:topicCategory', null, textEl('gmd:MD_TopicCategoryCode', 'oceans')),
    el('gmd:extent', null, el('gmd:EX_Extent', null, bbox, temporal, vertical)),
  );

  const formats = (Object.keys(FORMATS) as CdiDeliveredFormat[]).filter((f) => f === 'odv' || (options.formats ?? []).includes(f));
  const distribution = el(
    'gmd:MD_Distribution',
    null,
    ...formats.map((f) =>
      el(
        'gmd:distributionFormat',
        null,
        el('gmd:MD_Format', null, el('gmd:name', null, sdnCode('SDN_FormatNameCode', FORMATS[f].code, FORMATS[f].label)), charString('gmd:version', FORMATS[f].version)),
      ),
    ),
    el('gmd:distributor', null, el('gmd:MD_Distributor', null, el('gmd:distributorContact', null, party(m.holdingCentreEdmo, 'distributor')))),
    el(
      'gmd:transferOptions',
      null,
      el(
        'gmd:MD_DigitalTransferOptions',
        null,
        el(
          'gmd:onLine',
          null,
          el(
            'gmd:CI_OnlineResource',
            null,
            el('gmd:linkage', null, textEl('gmd:URL', CDI_DOWNLOAD_URL)),
            charString('gmd:protocol', 'HTTP-DOWNLOAD'),
            charString('gmd:description', 'SeaDataNet data request and download service'),
            el(
              'gmd:function',
              null,
              textEl('gmd:CI_OnLineFunctionCode', 'manual interaction with an on-line system by registered users following successful authentication and authorisation', {
                codeList: `${ISO_CODELIST}CI_OnLineFunctionCode`,
                codeListValue: 'downloadRegistration',
                codeSpace: 'SeaDataNet',
              }),
            ),
          ),
        ),
      ),
    ),
  );

  const quality = el(
    'gmd:DQ_DataQuality',
    null,
    el('gmd:scope', null, el('gmd:DQ_Scope', null, el('gmd:level', null, isoCode('gmd:MD_ScopeCode', 'MD_ScopeCode', 'dataset')))),
    ...INSPIRE_REPORTS.map((r) =>
      el(
        'gmd:report',
        null,
        el(
          'gmd:DQ_DomainConsistency',
          null,
          el(
            'gmd:result',
            null,
            el(
              'gmd:DQ_ConformanceResult',
              null,
              el('gmd:specification', null, el('gmd:CI_Citation', null, charString('gmd:title', r.title), citationDate(r.date, 'publication'))),
              charString('gmd:explanation', 'See the referenced specification'),
              el('gmd:pass', null, textEl('gco:Boolean', 'true')),
            ),
          ),
        ),
      ),
    ),
    el('gmd:lineage', null, el('gmd:LI_Lineage', null, charString('gmd:statement', lineage(dataset, unit, label)))),
  );

  const record = el(
    'gmd:MD_Metadata',
    { ...NS },
    charString('gmd:fileIdentifier', urn),
    el('gmd:language', null, isoCode('gmd:LanguageCode', 'LanguageCode', 'eng', 'English')),
    el('gmd:characterSet', null, isoCode('gmd:MD_CharacterSetCode', 'MD_CharacterSetCode', 'utf8')),
    el('gmd:hierarchyLevel', null, isoCode('gmd:MD_ScopeCode', 'MD_ScopeCode', 'dataset')),
    el('gmd:hierarchyLevelName', null, sdnCode('SDN_HierarchyLevelNameCode', 'CDI', 'Common Data Index record')),
    el('gmd:contact', null, party(m.holdingCentreEdmo, 'pointOfContact')),
    el('gmd:dateStamp', null, textEl('gco:Date', revision)),
    charString('gmd:metadataStandardName', 'ISO 19115/SeaDataNet profile'),
    charString('gmd:metadataStandardVersion', '1.0'),
    el(
      'gmd:spatialRepresentationInfo',
      null,
      el(
        'gmd:MD_VectorSpatialRepresentation',
        null,
        el(
          'gmd:geometricObjects',
          null,
          el('gmd:MD_GeometricObjects', null, el('gmd:geometricObjectType', null, isoCode('gmd:MD_GeometricObjectTypeCode', 'MD_GeometricObjectTypeCode', 'point'))),
        ),
      ),
    ),
    el(
      'gmd:referenceSystemInfo',
      null,
      el(
        'gmd:MD_ReferenceSystem',
        null,
        el(
          'gmd:referenceSystemIdentifier',
          null,
          el(
            'gmd:RS_Identifier',
            null,
            el(
              'gmd:authority',
              null,
              el(
                'gmd:CI_Citation',
                null,
                charString('gmd:title', thesauri.L10.title),
                charString('gmd:alternateTitle', thesauri.L10.collection),
                citationDate(thesauri.L10.date, 'revision'),
                charString('gmd:edition', thesauri.L10.edition),
                el('gmd:identifier', null, el('gmd:MD_Identifier', null, charString('gmd:code', nvsCollectionUrl('L10')))),
              ),
            ),
            el('gmd:code', null, sdnCode('SDN_CRSCode', '4326', 'World Geodetic System 84')),
          ),
        ),
      ),
    ),
    el('gmd:metadataExtensionInfo', { 'xlink:href': EXTENSION_INFO }),
    el('gmd:identificationInfo', null, identification),
    el('gmd:distributionInfo', null, distribution),
    el('gmd:dataQualityInfo', null, quality),
  );

  const declaration = { '?xml': [{ '#text': '' }], ':@': { version: '1.0', encoding: 'UTF-8' } };
  const xml = builder.build([declaration, record]) as string;
  return xml.trimEnd() + '\n';
}

function verticalElement(minDepth: number, maxDepth: number): XNode {
  const identifier = (text: string): XNode | null => textEl('gml:identifier', text, { codeSpace: 'SeaDataNet' });
  return el(
    'gmd:verticalElement',
    null,
    el(
      'gmd:EX_VerticalExtent',
      null,
      el('gmd:minimumValue', null, textEl('gco:Real', formatReal(minDepth))),
      el('gmd:maximumValue', null, textEl('gco:Real', formatReal(maxDepth))),
      el(
        'gmd:verticalCRS',
        null,
        el(
          'gml:VerticalCRS',
          { 'gml:id': 'vertical-crs' },
          identifier('depth below sea surface'),
          textEl('gml:scope', 'not known'),
          el(
            'gml:verticalCS',
            null,
            el(
              'gml:VerticalCS',
              { 'gml:id': 'vertical-cs' },
              identifier('depth'),
              el(
                'gml:axis',
                null,
                el(
                  'gml:CoordinateSystemAxis',
                  { 'gml:id': 'vertical-axis', 'gml:uom': 'metres' },
                  identifier('depth axis'),
                  textEl('gml:axisAbbrev', 'D'),
                  textEl('gml:axisDirection', 'down', { codeSpace: 'SeaDataNet' }),
                ),
              ),
            ),
          ),
          el(
            'gml:verticalDatum',
            null,
            el(
              'gml:VerticalDatum',
              { 'gml:id': 'vertical-datum' },
              identifier(nvsTermUrl('L11', VERTICAL_DATUM.code)),
              textEl('gml:name', VERTICAL_DATUM.name),
              textEl('gml:scope', 'not known'),
            ),
          ),
        ),
      ),
    ),
  );
}

function unique(codes: string[]): string[] {
  return [...new Set(codes.map((c) => c.trim()).filter((c) => c !== ''))];
}

/** Earliest sample time of the whole dataset (the cruise/deployment start date cited by every unit). */
function earliestTime(dataset: PublicationDataset): string | null {
  let min = Infinity;
  for (const u of dataset.units) {
    for (const s of u.samples) {
      const ms = Date.parse(s.time);
      if (Number.isFinite(ms)) min = Math.min(min, ms);
    }
  }
  return Number.isFinite(min) ? new Date(min).toISOString().slice(0, 10) : null;
}

function generatedAbstract(dataset: PublicationDataset, unit: CdiUnit, extent: UnitExtent, instrument: string): string {
  const kind = unit.featureType === 'time-series' ? 'Time series' : 'Profile';
  const span =
    extent.begin !== null && extent.end !== null ? ` from ${isoSecond(extent.begin, 'down')} to ${isoSecond(extent.end, 'up')} UTC` : '';
  const groups = dataset.groups.map((g) => g.name).join(', ');
  return `${kind} of flow cytometry measurements (${instrument}) at station ${unit.station.name}: ${unit.samples.length} sample${unit.samples.length === 1 ? '' : 's'}${span}${groups ? `; groups: ${groups}` : ''}.`;
}

function lineage(dataset: PublicationDataset, unit: CdiUnit, label: (c: CdiCollection, code: string) => string): string {
  const m = dataset.metadata;
  const parts = [
    `Flow cytometry with ${label('L22', m.instrument)} (SDN:L22::${m.instrument}), device category ${label('L05', m.deviceCategory)} (SDN:L05::${m.deviceCategory}).`,
    `${unit.featureType === 'time-series' ? 'Fixed-station time series' : 'Profile'} ${unit.station.name}: ${unit.samples.length} sample${unit.samples.length === 1 ? '' : 's'}, ${dataset.groups.length} group${dataset.groups.length === 1 ? '' : 's'}${dataset.groups.length > 0 ? ` (${dataset.groups.map((g) => `${g.name} SDN:P01::${g.p01}`).join(', ')})` : ''}.`,
    'Each value carries a SeaDataNet L20 quality flag.',
  ];
  const notes = m.acquisitionNotes.map((n) => n.trim()).filter((n) => n !== '');
  if (notes.length > 0) parts.push(`Acquisition notes: ${notes.join('; ')}.`);
  return parts.join(' ');
}
