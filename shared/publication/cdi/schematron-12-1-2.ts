import type { ValidationError } from '../publication-dataset.js';
import { parseXmlTree } from './cdi-xml-tree.js';
import type { XmlElement } from './cdi-xml-tree.js';
import {
  anyDiffers,
  anyEquals,
  attributeValues,
  childElements,
  count,
  descendantsOrSelf,
  elementPath,
  exists,
  firstString,
  hasAttribute,
  isNamed,
  matchesPattern,
  normalizeSpace,
  rootOf,
  select,
  stringLength,
  stringValues,
  substringAfter,
  textNodes,
  xpathNumber,
} from './xpath-lite.js';

/**
 * The SeaDataNet CDI schematron 12.1.2 (resources/seadatanet/schematron/cdi-12.1.2.sch), implemented pattern by
 * pattern over the parsed record. Each pattern keeps its position in the .sch as its id (`cdi-12.1.2#23`), its
 * title, its rule contexts and every assert's test, verbatim — schematron-12-1-2.test.ts checks them against the
 * .sch. The tests are transcribed with XPath 1.0 semantics, quirks included: a context the .sch misspells
 * (`gmd:RS_identifier`, `sdn:DataIdentification`) or that names `gmd:MD_DataIdentification` only never fires on
 * `sdn:SDN_DataIdentification`, exactly as with an XSLT schematron engine.
 *
 * Asserts that `document()` remote resources (P06/L11 vocabularies, code-list catalogues) cannot run offline:
 * they are reported in `skipped` with the reason, never counted as passed.
 */

export const cdiSchematronVersion = '12.1.2';

export interface SchematronAssert {
  /** The assert's `test`, as written in the .sch. */
  test: string;
  /** The assert's message (value-of parts filled in by `render`). */
  message: string;
  check?: (context: XmlElement) => boolean;
  render?: (context: XmlElement) => string;
  /** Set when the assert needs a remote document: it is skipped, with this reason. */
  remote?: string;
}

export interface SchematronRule {
  /** The rule's `context`, as written in the .sch. */
  context: string;
  matches: (el: XmlElement) => boolean;
  asserts: SchematronAssert[];
}

export interface SchematronPattern {
  /** `cdi-12.1.2#<position of the pattern in the .sch>`. */
  id: string;
  title: string;
  rules: SchematronRule[];
  /** Why the pattern cannot fire on a SeaDataNet record, when its context excludes sdn:SDN_DataIdentification. */
  inert?: string;
}

export interface CdiSchematronResult {
  errors: ValidationError[];
  skipped: { rule: string; reason: string }[];
}

// ---------------------------------------------------------------------------------------------------------------
// Building blocks

const assert = (test: string, message: string, check: (c: XmlElement) => boolean, render?: (c: XmlElement) => string): SchematronAssert =>
  render ? { test, message, check, render } : { test, message, check };

const remote = (test: string, message: string, reason: string): SchematronAssert => ({ test, message, remote: reason });

/** A rule whose context is a union of XSLT path patterns (`a | b/c`). */
function rule(context: string, asserts: SchematronAssert[]): SchematronRule {
  const alternatives = context.split('|').map((s) => s.trim());
  return { context, matches: (el) => alternatives.some((p) => matchesPattern(el, p)), asserts };
}

/** A rule whose context has a predicate, matched by hand. */
function ruleWhere(context: string, matches: (el: XmlElement) => boolean, asserts: SchematronAssert[]): SchematronRule {
  return { context, matches, asserts };
}

let position = 0;
function pattern(title: string, rules: SchematronRule[], inert?: string): SchematronPattern {
  position += 1;
  const p: SchematronPattern = { id: `cdi-${cdiSchematronVersion}#${position}`, title, rules };
  if (inert) p.inert = inert;
  return p;
}

/** `path/@attr` values. */
const attrs = (c: XmlElement, path: string, attr: string): string[] => attributeValues(select(c, path), attr);
/** `path` string values. */
const values = (c: XmlElement, path: string): string[] => stringValues(select(c, path));

const P06 = 'https://www.seadatanet.org/urnurl/SDN:P06::';
const L11 = 'https://www.seadatanet.org/urnurl/SDN:L11::';
const DATA_ID = 'gmd:MD_DataIdentification | sdn:SDN_DataIdentification';
const INSPIRE_1205 =
  'COMMISSION REGULATION (EC) No 1205/2008 of 3 December 2008 implementing Directive 2007/2/EC of the European Parliament and of the Council as regards metadata';
const INSPIRE_1089 =
  'COMMISSION REGULATION (EU) No 1089/2010 of 23 November 2010 implementing Directive 2007/2/EC of the European Parliament and of the Council as regards interoperability of spatial data sets and services';
const REPORT_TITLE = '*/gmd:report/*/gmd:result/*/gmd:specification/gmd:CI_Citation/gmd:title/gco:CharacterString';
const ONLY_MD_DATA_ID =
  'context names gmd:MD_DataIdentification only, so it never fires on a SeaDataNet record (sdn:SDN_DataIdentification)';

function boundPrecision(name: string): SchematronPattern {
  const field = name.startsWith('west') ? 344 : name.startsWith('east') ? 345 : name.startsWith('south') ? 346 : 347;
  return pattern(`${name} (${field}) -> restricted domain`, [
    rule(`gmd:${name}`, [
      assert(
        "string-length(normalize-space(substring-after(gco:Decimal, '.'))) > 1",
        `Precision of two decimal places is required for ${name}`,
        (c) => stringLength(normalizeSpace(substringAfter(firstString(values(c, 'gco:Decimal')), '.'))) > 1,
      ),
    ]),
  ]);
}

function thesaurusPattern(keywordCode: string, collection: string): SchematronPattern {
  return pattern('MD_Keywords -> SDN thesaurus should be documented', [
    ruleWhere(
      `gmd:MD_Keywords[gmd:keyword/sdn:${keywordCode}]`,
      (el) => isNamed(el, 'gmd:MD_Keywords') && exists(el, `gmd:keyword/sdn:${keywordCode}`),
      [
        assert(
          `gmd:thesaurusName/gmd:CI_Citation/gmd:alternateTitle/gco:CharacterString='${collection}'`,
          `${collection} should be referenced`,
          (c) => anyEquals(values(c, 'gmd:thesaurusName/gmd:CI_Citation/gmd:alternateTitle/gco:CharacterString'), collection),
        ),
        assert(
          `gmd:thesaurusName/gmd:CI_Citation/gmd:identifier/gmd:MD_Identifier/gmd:code/gco:CharacterString='https://www.seadatanet.org/urnurl/SDN:${collection}'`,
          `${collection} should be referenced`,
          (c) =>
            anyEquals(
              values(c, 'gmd:thesaurusName/gmd:CI_Citation/gmd:identifier/gmd:MD_Identifier/gmd:code/gco:CharacterString'),
              `https://www.seadatanet.org/urnurl/SDN:${collection}`,
            ),
        ),
      ],
    ),
  ]);
}

function conformancePattern(title: string, regulation: string, date: string, what: string): SchematronPattern {
  return pattern(title, [
    rule('gmd:MD_Metadata', [
      assert(
        `gmd:dataQualityInfo/${REPORT_TITLE}='${regulation}'`,
        `[INSPIRE conformance report] conformance report against INSPIRE regulation as regards ${what} must be documented`,
        (c) => anyEquals(values(c, `gmd:dataQualityInfo/${REPORT_TITLE}`), regulation),
      ),
    ]),
    ruleWhere(
      `gmd:dataQualityInfo[${REPORT_TITLE}='${regulation}']`,
      (el) => isNamed(el, 'gmd:dataQualityInfo') && anyEquals(values(el, REPORT_TITLE), regulation),
      [
        assert(
          `*/gmd:report/*/gmd:result/*/gmd:specification/gmd:CI_Citation/gmd:date/gmd:CI_Date/gmd:date/gco:Date='${date}'`,
          `[INSPIRE conformance report] date must be ${date}`,
          (c) => anyEquals(values(c, '*/gmd:report/*/gmd:result/*/gmd:specification/gmd:CI_Citation/gmd:date/gmd:CI_Date/gmd:date/gco:Date'), date),
        ),
        assert(
          "*/gmd:report/*/gmd:result/*/gmd:pass/gco:Boolean='true'",
          '[INSPIRE conformance report] pass should be true',
          (c) => anyEquals(values(c, '*/gmd:report/*/gmd:result/*/gmd:pass/gco:Boolean'), 'true'),
        ),
      ],
    ),
  ]);
}

/** `count(//gmd:MD_Keywords[gmd:type/gmd:MD_KeywordTypeCode/@codeListValue=type])`. */
function keywordsOfType(c: XmlElement, type: string): number {
  return descendantsOrSelf(rootOf(c)).filter(
    (e) => isNamed(e, 'gmd:MD_Keywords') && anyEquals(attrs(e, 'gmd:type/gmd:MD_KeywordTypeCode', 'codeListValue'), type),
  ).length;
}

const datatype = (c: XmlElement): string[] => attrs(c, 'gmd:dataType/gmd:MD_DatatypeCode', 'codeListValue');
const notListType = (c: XmlElement): boolean =>
  anyEquals(datatype(c), 'codelist') || anyEquals(datatype(c), 'enumeration') || anyEquals(datatype(c), 'codelistElement');

const P06_REMOTE =
  'needs document($uom): the remote P06 vocabulary entry https://www.seadatanet.org/urnurl/SDN:P06::<code> (not available offline)';

// ---------------------------------------------------------------------------------------------------------------
// The patterns, in .sch order

export const cdiSchematronPatterns: readonly SchematronPattern[] = [
  // Metadata information
  pattern('fileIdentifier (2) -> mandatory; restricted textual domain', [
    rule('gmd:MD_Metadata', [
      assert('gmd:fileIdentifier', 'fileIdentifier missing', (c) => exists(c, 'gmd:fileIdentifier')),
      assert("starts-with(gmd:fileIdentifier/*/text(),'urn:SDN:CDI:')", 'fileIdentifier does not start with urn:SDN:CDI:', (c) =>
        firstString(textNodes(select(c, 'gmd:fileIdentifier/*'))).startsWith('urn:SDN:CDI:'),
      ),
    ]),
  ]),
  pattern('language (3) -> mandatory; modified datatype; restricted domain', [
    rule('gmd:MD_Metadata', [
      assert('gmd:language', 'language missing', (c) => exists(c, 'gmd:language')),
      assert('gmd:language/gmd:LanguageCode', 'language datatype must be LanguageCode', (c) => exists(c, 'gmd:language/gmd:LanguageCode')),
      assert("gmd:language/gmd:LanguageCode/@codeListValue='eng'", 'language is not "eng"', (c) =>
        anyEquals(attrs(c, 'gmd:language/gmd:LanguageCode', 'codeListValue'), 'eng'),
      ),
    ]),
  ]),
  pattern('characterSet (4) -> mandatory; restricted textual domain', [
    rule('gmd:MD_Metadata', [
      assert('gmd:characterSet', 'characterSet missing', (c) => exists(c, 'gmd:characterSet')),
      assert("gmd:characterSet/gmd:MD_CharacterSetCode/@codeListValue='utf8'", 'characterSet is not "utf8"', (c) =>
        anyEquals(attrs(c, 'gmd:characterSet/gmd:MD_CharacterSetCode', 'codeListValue'), 'utf8'),
      ),
    ]),
  ]),
  pattern('hierarchyLevel (6) -> mandatory; restricted cardinality; restricted domain', [
    rule('gmd:MD_Metadata', [
      assert('gmd:hierarchyLevel', 'hierarchyLevel missing', (c) => exists(c, 'gmd:hierarchyLevel')),
      assert('count(gmd:hierarchyLevel)=1', 'hierarchyLevel cardinality differs from 1', (c) => count(c, 'gmd:hierarchyLevel') === 1),
      assert("gmd:hierarchyLevel/gmd:MD_ScopeCode/@codeListValue='dataset'", 'hierarchyLevel is not "dataset"', (c) =>
        anyEquals(attrs(c, 'gmd:hierarchyLevel/gmd:MD_ScopeCode', 'codeListValue'), 'dataset'),
      ),
    ]),
  ]),
  pattern('hierarchyLevelName (7) -> mandatory; restricted cardinality; restricted domain', [
    rule('gmd:MD_Metadata', [
      assert('gmd:hierarchyLevelName', 'hierarchyLevelName missing', (c) => exists(c, 'gmd:hierarchyLevelName')),
      assert('count(gmd:hierarchyLevelName)=1', 'hierarchyLevel cardinality differs from 1', (c) => count(c, 'gmd:hierarchyLevelName') === 1),
      assert('gmd:hierarchyLevelName/sdn:SDN_HierarchyLevelNameCode', 'hierarchyLevel codelist missing', (c) =>
        exists(c, 'gmd:hierarchyLevelName/sdn:SDN_HierarchyLevelNameCode'),
      ),
      assert(
        "gmd:hierarchyLevelName/sdn:SDN_HierarchyLevelNameCode/@codeListValue='CDI'",
        'hierarchyLevelName is not "Common Data Index record"',
        (c) => anyEquals(attrs(c, 'gmd:hierarchyLevelName/sdn:SDN_HierarchyLevelNameCode', 'codeListValue'), 'CDI'),
      ),
    ]),
  ]),
  pattern('contact (8) -> restricted cardinality', [
    rule('gmd:MD_Metadata', [assert('count(gmd:contact)=1', 'contact cardinality differs from 1', (c) => count(c, 'gmd:contact') === 1)]),
  ]),
  pattern('metadataStandardName (10) -> mandatory; restricted textual domain', [
    rule('gmd:MD_Metadata', [
      assert('gmd:metadataStandardName', 'metadataStandardName missing', (c) => exists(c, 'gmd:metadataStandardName')),
      assert(
        "gmd:metadataStandardName/*/text()='ISO 19115/SeaDataNet profile'",
        'metadataStandardName is not "ISO 19115/SeaDatanet profile"',
        (c) => anyEquals(textNodes(select(c, 'gmd:metadataStandardName/*')), 'ISO 19115/SeaDataNet profile'),
      ),
    ]),
  ]),
  pattern('metadataStandardVersion (11) -> mandatory', [
    rule('gmd:MD_Metadata', [assert('gmd:metadataStandardVersion', 'metadataStandardVersion missing', (c) => exists(c, 'gmd:metadataStandardVersion'))]),
  ]),
  pattern('referenceSystemInfo (13) -> mandatory', [
    rule('gmd:MD_Metadata', [assert('gmd:referenceSystemInfo', 'referenceSystemInfo missing', (c) => exists(c, 'gmd:referenceSystemInfo'))]),
  ]),
  pattern('metadataExtensionInfo (14) -> mandatory', [
    rule('gmd:MD_Metadata', [assert('gmd:metadataExtensionInfo', 'metadataExtensionInfo missing', (c) => exists(c, 'gmd:metadataExtensionInfo'))]),
  ]),
  pattern('identificationInfo (15) -> restricted cardinality', [
    rule('gmd:MD_Metadata', [
      assert('count(gmd:identificationInfo)=1', 'identificationInfo cardinality differs from 1', (c) => count(c, 'gmd:identificationInfo') === 1),
    ]),
  ]),
  pattern('distributionInfo (17) -> mandatory; restricted cardinality', [
    rule('gmd:MD_Metadata', [
      assert('gmd:distributionInfo', 'distributionInfo missing', (c) => exists(c, 'gmd:distributionInfo')),
      assert('count(gmd:distributionInfo)=1', 'distributionInfo cardinality differs from 1', (c) => count(c, 'gmd:distributionInfo') === 1),
    ]),
  ]),
  pattern('dataQualityInfo (18) -> mandatory; restricted cardinality', [
    rule('gmd:MD_Metadata', [
      assert('gmd:dataQualityInfo', 'dataQualityInfo missing', (c) => exists(c, 'gmd:dataQualityInfo')),
      assert('count(gmd:dataQualityInfo)=1', 'dataQualityInfo cardinality differs from 1', (c) => count(c, 'gmd:dataQualityInfo') === 1),
    ]),
  ]),

  // Identification information
  pattern('pointOfContact (29) -> mandatory; restricted cardinality', [
    rule(DATA_ID, [
      assert('gmd:pointOfContact', 'pointOfContact missing', (c) => exists(c, 'gmd:pointOfContact')),
      assert('count(gmd:pointOfContact)=1', 'pointOfContact cardinality differs from 1', (c) => count(c, 'gmd:pointOfContact') === 1),
    ]),
  ]),
  pattern('descriptiveKeywords (33) -> mandatory', [
    rule(DATA_ID, [assert('gmd:descriptiveKeywords', 'descriptiveKeywords missing', (c) => exists(c, 'gmd:descriptiveKeywords'))]),
  ]),
  pattern(
    'resourceConstraints (35) -> mandatory',
    [rule('gmd:MD_DataIdentification | sdn:DataIdentification', [assert('gmd:resourceConstraints', 'resourceConstraints missing', (c) => exists(c, 'gmd:resourceConstraints'))])],
    'context is written sdn:DataIdentification (no such element), so it never fires on sdn:SDN_DataIdentification',
  ),
  pattern(
    'spatialRepresentationType (37) -> mandatory',
    [
      rule('gmd:MD_DataIdentification | sdn:DataIdentification', [
        assert('gmd:spatialRepresentationType', 'spatialRepresentationType missing', (c) => exists(c, 'gmd:spatialRepresentationType')),
      ]),
    ],
    'context is written sdn:DataIdentification (no such element), so it never fires on sdn:SDN_DataIdentification',
  ),
  pattern('language (39) -> restricted cardinality; modified datatype; restricted domain', [
    rule(DATA_ID, [
      assert('count(gmd:language)=1', 'language cardinality differs from 1', (c) => count(c, 'gmd:language') === 1),
      assert('gmd:language/gmd:LanguageCode', 'language datatype must be LanguageCode', (c) => exists(c, 'gmd:language/gmd:LanguageCode')),
      assert("gmd:language/gmd:LanguageCode/@codeListValue='eng'", 'language is not "eng"', (c) =>
        anyEquals(attrs(c, 'gmd:language/gmd:LanguageCode', 'codeListValue'), 'eng'),
      ),
    ]),
  ]),
  pattern('characterSet (40) -> mandatory; restricted textual domain', [
    rule(DATA_ID, [
      assert('gmd:characterSet', 'characterSet missing', (c) => exists(c, 'gmd:characterSet')),
      assert("gmd:characterSet/gmd:MD_CharacterSetCode/@codeListValue='utf8'", 'characterSet is not "utf8"', (c) =>
        anyEquals(attrs(c, 'gmd:characterSet/gmd:MD_CharacterSetCode', 'codeListValue'), 'utf8'),
      ),
    ]),
  ]),
  pattern('topicCategory (41) -> mandatory; restricted cardinality; restricted textual domain', [
    rule(DATA_ID, [
      assert('gmd:topicCategory', 'topicCategory missing', (c) => exists(c, 'gmd:topicCategory')),
      assert('count(gmd:topicCategory)=1', 'topicCategory cardinality differs from 1', (c) => count(c, 'gmd:topicCategory') === 1),
      assert("gmd:topicCategory/gmd:MD_TopicCategoryCode='oceans'", 'topicCategory is not "oceans"', (c) =>
        anyEquals(values(c, 'gmd:topicCategory/gmd:MD_TopicCategoryCode'), 'oceans'),
      ),
    ]),
  ]),
  pattern('extent (45) -> mandatory', [rule(DATA_ID, [assert('gmd:extent', 'extent missing', (c) => exists(c, 'gmd:extent'))])]),

  // Keyword information
  pattern('keyword (53) -> restricted domain', [
    rule('gmd:keyword', [
      assert(
        'gco:CharacterString or sdn:SDN_DeviceCategoryCode or sdn:SDN_PlatformCategoryCode or sdn:SDN_ParameterDiscoveryCode or sdn:SDN_EDMERPCode',
        'keyword type must be one of CharacterString or SDN_DeviceCategoryCode or SDN_PlatformCategoryCode or SDN_ParameterDiscoveryCode or SDN_EDMERPCode',
        (c) =>
          ['gco:CharacterString', 'sdn:SDN_DeviceCategoryCode', 'sdn:SDN_PlatformCategoryCode', 'sdn:SDN_ParameterDiscoveryCode', 'sdn:SDN_EDMERPCode'].some((n) =>
            exists(c, n),
          ),
      ),
    ]),
  ]),

  // Resolution information
  pattern('distance (61) -> mandatory; restricted domain', [
    rule('gmd:MD_Resolution', [
      assert('gmd:distance', 'distance missing', (c) => exists(c, 'gmd:distance')),
      assert('starts-with($uom,$list)', 'distance uom must start with https://www.seadatanet.org/urnurl/SDN:P06::', (c) =>
        firstString(attrs(c, 'gmd:distance/*', 'uom')).startsWith(P06),
      ),
      remote(
        '$catalog//dc:identifier[substring(.,string-length(.) - $length + 1,$length) = $uomValue]',
        'the given uomValue is not included in P06 list',
        P06_REMOTE,
      ),
    ]),
  ]),

  // Aggregation information
  pattern('MD_AggregateInformation (66.1)', [
    rule('gmd:MD_AggregateInformation', [
      assert('gmd:aggregateDataSetName or gmd:aggregateDataSetIdentifier', 'aggregateDataSetName or aggregateDataSetIdentifier missing', (c) =>
        exists(c, 'gmd:aggregateDataSetName') || exists(c, 'gmd:aggregateDataSetIdentifier'),
      ),
    ]),
  ]),
  pattern('aggregateDataSetName (66.2) -> restricted domain', [
    rule('gmd:aggregateDataSetName', [
      assert('gmd:CI_Citation/gmd:title', 'title missing', (c) => exists(c, 'gmd:CI_Citation/gmd:title')),
      assert('gmd:CI_Citation/gmd:alternateTitle', 'alternateTitle missing', (c) => exists(c, 'gmd:CI_Citation/gmd:alternateTitle')),
      assert('gmd:CI_Citation/gmd:date', 'date missing', (c) => exists(c, 'gmd:CI_Citation/gmd:date')),
    ]),
  ]),
  pattern('inititativeType (66.5) -> mandatory', [
    rule('gmd:MD_AggregateInformation', [assert('gmd:initiativeType', 'inititativeType missing', (c) => exists(c, 'gmd:initiativeType'))]),
  ]),

  // Constraint information
  pattern('useLimitation (68) -> mandatory', [
    rule('gmd:MD_Constraints', [assert('gmd:useLimitation', 'useLimitation missing', (c) => exists(c, 'gmd:useLimitation'))]),
  ]),

  // Data quality information
  pattern('report (80) -> mandatory', [rule('gmd:DQ_DataQuality', [assert('gmd:report', 'report  missing', (c) => exists(c, 'gmd:report'))])]),
  pattern('lineage (81) -> mandatory', [rule('gmd:DQ_DataQuality', [assert('gmd:lineage', 'lineage missing', (c) => exists(c, 'gmd:lineage'))])]),

  // Lineage information
  pattern('statement (83) -> mandatory', [rule('gmd:LI_Lineage', [assert('gmd:statement', 'statement missing', (c) => exists(c, 'gmd:statement'))])]),

  // Spatial representation information
  pattern('geometricObjects (178) -> mandatory; restricted cardinality', [
    rule('gmd:MD_VectorSpatialRepresentation', [
      assert('gmd:geometricObjects', 'geometricObjects missing', (c) => exists(c, 'gmd:geometricObjects')),
      assert('count(gmd:geometricObjects) = 1', 'geometricObjects cardinality differs from 1', (c) => count(c, 'gmd:geometricObjects') === 1),
    ]),
  ]),

  // Dimension information
  pattern('resolution (182) -> mandatory; restricted domain', [
    rule('gmd:MD_Dimension', [
      assert('gmd:resolution', 'resolution missing', (c) => exists(c, 'gmd:resolution')),
      assert('gmd:resolution/gco:Measure', 'resolution must be of type measure', (c) => exists(c, 'gmd:resolution/gco:Measure')),
      assert('starts-with($uom,$list)', 'distance uom must start with https://www.seadatanet.org/urnurl/SDN:P06::', (c) =>
        firstString(attrs(c, 'gmd:resolution/*', 'uom')).startsWith(P06),
      ),
      remote(
        '$catalog//dc:identifier[substring(.,string-length(.) - $length + 1,$length) = $uomValue]',
        'the given uomValue is not included in P06 list',
        P06_REMOTE,
      ),
    ]),
  ]),

  // Identifier information
  pattern('code (205) -> restricted domain', [
    rule('gmd:MD_Identifier', [
      assert(
        'gmd:code/gco:CharacterString or gmd:code/sdn:SDN_EDMEDCode or gmd:code/sdn:SDN_CSRCode',
        'CharacterString or EDMED code or CSR code missing',
        (c) => exists(c, 'gmd:code/gco:CharacterString') || exists(c, 'gmd:code/sdn:SDN_EDMEDCode') || exists(c, 'gmd:code/sdn:SDN_CSRCode'),
      ),
    ]),
  ]),
  pattern('code (208) -> restricted domain', [
    rule('gmd:RS_Identifier', [assert('gmd:code/sdn:SDN_CRSCode', 'SDN_CRSCode code list missing', (c) => exists(c, 'gmd:code/sdn:SDN_CRSCode'))]),
  ]),

  // Distribution information
  pattern('distributionFormat (271) -> mandatory', [
    rule('gmd:MD_Distribution', [assert('gmd:distributionFormat', 'distributionFormat missing', (c) => exists(c, 'gmd:distributionFormat'))]),
  ]),
  pattern('distributor (272) -> mandatory; restricted cardinality', [
    rule('gmd:MD_Distribution', [
      assert('gmd:distributor', 'distributor missing', (c) => exists(c, 'gmd:distributor')),
      assert('count(gmd:distributor)=1', 'distributor cardinality differs from 1', (c) => count(c, 'gmd:distributor') === 1),
    ]),
  ]),
  pattern('transferOptions (273) -> mandatory', [
    rule('gmd:MD_Distribution', [assert('gmd:transferOptions', 'transferOptions missing', (c) => exists(c, 'gmd:transferOptions'))]),
  ]),

  // Digital transfer options information
  pattern('onLine (277) -> mandatory', [
    rule('gmd:MD_DigitalTransferOptions', [assert('gmd:onLine', 'onLine missing', (c) => exists(c, 'gmd:onLine'))]),
  ]),

  // Format information
  pattern('name (285) -> restricted domain', [
    rule('gmd:MD_Format', [assert('gmd:name/sdn:SDN_FormatNameCode', 'New CodeList missing', (c) => exists(c, 'gmd:name/sdn:SDN_FormatNameCode'))]),
  ]),

  // Metadata extension information
  pattern('extensionOnLineResource (304) -> mandatory', [
    rule('gmd:MD_MetadataExtensionInformation', [
      assert('gmd:extensionOnLineResource', 'extensionOnLineResource missing', (c) => exists(c, 'gmd:extensionOnLineResource')),
    ]),
  ]),

  // Extent information
  pattern('geographicElement (336) -> mandatory', [
    rule('gmd:EX_Extent', [assert('gmd:geographicElement', 'geographicElement missing', (c) => exists(c, 'gmd:geographicElement'))]),
  ]),
  pattern('temporalElement (337) -> mandatory', [
    rule('gmd:EX_Extent', [assert('gmd:temporalElement', 'temporalElement missing', (c) => exists(c, 'gmd:temporalElement'))]),
  ]),
  pattern('EX_BoundingPolygon (341) -> restricted domain', [
    rule('gmd:EX_BoundingPolygon', [assert('not(gmd:extentTypeCode)', 'extentTypeCode is not permitted', (c) => !exists(c, 'gmd:extentTypeCode'))]),
  ]),
  pattern('EX_GeographicBoundingBox (343) -> restricted domain', [
    rule('gmd:EX_GeographicBoundingBox', [assert('not(gmd:extentTypeCode)', 'extentTypeCode is not permitted', (c) => !exists(c, 'gmd:extentTypeCode'))]),
  ]),
  boundPrecision('westBoundLongitude'),
  boundPrecision('eastBoundLongitude'),
  boundPrecision('southBoundLatitude'),
  boundPrecision('northBoundLatitude'),
  pattern('geographicIdentifier (349) -> restricted domain', [
    rule('gmd:geographicIdentifier', [assert('gmd:MD_Identifier', 'identifier if present must be MD_Identifier', (c) => exists(c, 'gmd:MD_Identifier'))]),
  ]),
  pattern('extent (351) -> restricted domain', [
    rule('gmd:EX_TemporalExtent/gmd:extent', [assert('gml:TimePeriod', 'extent if present must be gml:TimePeriod', (c) => exists(c, 'gml:TimePeriod'))]),
  ]),

  // Vertical extent information
  pattern('verticalDatum (358) -> restricted domain', [
    rule('gmd:EX_VerticalExtent', [
      assert('starts-with($identifier,$list)', 'vertical datum identifier must start with https://www.seadatanet.org/urnurl/SDN:L11::', (c) =>
        firstString(values(c, 'gmd:verticalCRS/gml:VerticalCRS/gml:verticalDatum/gml:VerticalDatum/gml:identifier')).startsWith(L11),
      ),
      remote(
        '$catalog//dc:identifier[substring(.,string-length(.) - $length + 1,$length) = $identifierValue]',
        'the given vertical datum identifier is not included in L11 list',
        'needs document($identifier): the remote L11 vocabulary entry https://www.seadatanet.org/urnurl/SDN:L11::<code> (not available offline)',
      ),
      assert("$uom='metres'", "unit of measure must be 'metres'", (c) =>
        anyEquals(attrs(c, 'gmd:verticalCRS/gml:VerticalCRS/gml:verticalCS/gml:VerticalCS/gml:axis/gml:CoordinateSystemAxis', 'gml:uom'), 'metres'),
      ),
    ]),
  ]),

  // Citation information
  pattern('identifier (365)', [
    rule('gmd:identifier', [
      // `gco:nilReason` here is a child element test (as written), not the attribute.
      assert('gmd:MD_Identifier or gco:nilReason', 'identifier if present must be MD_Identifier', (c) => exists(c, 'gmd:MD_Identifier') || exists(c, 'gco:nilReason')),
    ]),
  ]),
  pattern('individualName (375), organisationName (376) -> obligation restriction', [
    rule('gmd:CI_ResponsibleParty', [
      assert('gmd:individualName or gmd:organisationName', 'individualName or organisationName missing', (c) =>
        exists(c, 'gmd:individualName') || exists(c, 'gmd:organisationName'),
      ),
    ]),
  ]),
  pattern('organisationName (376) -> restricted domain', [
    rule('gmd:CI_ResponsibleParty', [
      assert('../../../../sdn:additionalDocumentation or gmd:organisationName/sdn:SDN_EDMOCode', 'SDN_EDMOCode code list missing', (c) =>
        exists(c, '../../../../sdn:additionalDocumentation') || exists(c, 'gmd:organisationName/sdn:SDN_EDMOCode'),
      ),
    ]),
  ]),
  pattern('contactInfo (378) -> mandatory; restricted cardinality', [
    rule('gmd:CI_ResponsibleParty', [
      assert('gmd:contactInfo', 'contactInfo missing', (c) => exists(c, 'gmd:contactInfo')),
      assert('count(gmd:contactInfo)=1', 'contactInfo cardinality differs from 1', (c) => count(c, 'gmd:contactInfo') === 1),
    ]),
  ]),

  // Address information
  pattern('country (385) -> restricted data type and domain', [
    rule('gmd:country', [assert('sdn:SDN_CountryCode', 'country must be of type SDN_CountryCode', (c) => exists(c, 'sdn:SDN_CountryCode'))]),
  ]),
  pattern('electronicMailAddress (386) -> mandatory', [
    rule('gmd:CI_Address', [assert('gmd:electronicMailAddress', 'electronicMailAddress missing', (c) => exists(c, 'gmd:electronicMailAddress'))]),
  ]),

  // Contact information
  pattern('address (389) -> mandatory', [rule('gmd:CI_Contact', [assert('gmd:address', 'address missing', (c) => exists(c, 'gmd:address'))])]),

  // OnLine resource information
  pattern('linkage (397) -> restricted domain', [
    rule('gmd:linkage', [
      assert(
        "starts-with(gmd:URL,'http://') or starts-with(gmd:URL,'https://') or starts-with(gmd:URL,'ftp://')",
        'linkage should start with http://, https://, ftp://',
        (c) => {
          const url = firstString(values(c, 'gmd:URL'));
          return url.startsWith('http://') || url.startsWith('https://') || url.startsWith('ftp://');
        },
      ),
    ]),
  ]),

  // Relevant ISO 19139 Table A.1 constraints not already checked
  pattern('otherConstraints (72) -> conditional', [
    rule('gmd:MD_LegalConstraints', [
      assert("gmd:otherConstraints or $restrictionCode!='otherRestrictions'", 'otherConstraints missing while accessConstraints="otherRestrictions"', (c) =>
        exists(c, 'gmd:otherConstraints') || anyDiffers(attrs(c, 'gmd:accessConstraints/gmd:MD_RestrictionCode', 'codeListValue'), 'otherRestrictions'),
      ),
    ]),
  ]),
  pattern('shortName (308) -> conditional', [
    rule('gmd:MD_ExtendedElementInformation', [
      assert("gmd:shortName or $datatypeCode='codelistElement'", "if dataType notEqual 'codelistElement' then shortName is mandatory", (c) =>
        exists(c, 'gmd:shortName') || anyEquals(datatype(c), 'codelistElement'),
      ),
    ]),
  ]),
  pattern('shortName (309) -> conditional', [
    rule('gmd:MD_ExtendedElementInformation', [
      assert("gmd:domainCode or $datatypeCode!='codelistElement'", "if dataType = 'codelistElement' then domainCode is mandatory", (c) =>
        exists(c, 'gmd:domainCode') || anyDiffers(datatype(c), 'codelistElement'),
      ),
    ]),
  ]),
  pattern('condition (312) -> conditional', [
    rule('gmd:MD_ExtendedElementInformation', [
      assert("gmd:condition or $obligationCode!='conditional'", "if obligation = 'conditional' then condition is mandatory", (c) =>
        exists(c, 'gmd:condition') || anyDiffers(attrs(c, 'gmd:obligation/gmd:MD_ObligationCode', 'codeListValue'), 'conditional'),
      ),
    ]),
  ]),
  pattern('obligation (311), maximumOccurrence (314), domainValue (315) -> conditional', [
    rule('gmd:MD_ExtendedElementInformation', [
      assert(
        "gmd:obligation or $datatypeCode='codelist' or $datatypeCode='enumeration' or $datatypeCode='codelistElement'",
        "if dataType notEqual 'codelist', 'enumeration' or 'codelistElement' then obligation is mandatory",
        (c) => exists(c, 'gmd:obligation') || notListType(c),
      ),
      assert(
        "gmd:maximumOccurrence or $datatypeCode='codelist' or $datatypeCode='enumeration' or $datatypeCode='codelistElement'",
        "if dataType notEqual 'codelist', 'enumeration' or 'codelistElement' then maximumOccurrence is mandatory",
        (c) => exists(c, 'gmd:maximumOccurrence') || notListType(c),
      ),
      assert(
        "gmd:domainValue or $datatypeCode='codelist' or $datatypeCode='enumeration' or $datatypeCode='codelistElement'",
        "if dataType notEqual 'codelist', 'enumeration' or 'codelistElement' then domainValue is mandatory",
        (c) => exists(c, 'gmd:domainValue') || notListType(c),
      ),
    ]),
  ]),

  // Additional ISO 19139 constraints not listed in Table A.1 and not enforced by the schema
  pattern('EX_GeographicBoundingBox (343) -> restricted domain', [
    rule('gmd:EX_GeographicBoundingBox', [
      assert('-180.0 <= $west and $west <= 180.0', 'westBoundLongitude must be in -180; 180', (c) => {
        const west = bound(c, 'west');
        return -180 <= west && west <= 180;
      }),
      assert('-180.0 <= $east and $east <= 180.0', 'eastBoundLongitude must be in -180; 180', (c) => {
        const east = bound(c, 'east');
        return -180 <= east && east <= 180;
      }),
      assert('-90.0 <= $south and $south <= $north and $south <=90.0', 'southBoundLatitude must be in -90; 90 and less than northBoundLatitude', (c) => {
        const south = bound(c, 'south');
        const north = bound(c, 'north');
        return -90 <= south && south <= north && south <= 90;
      }),
      assert('-90.0 <= $north and $south <= $north and $north <= 90.0', 'northBoundLatitude must be in -90; 90 and greater than southBoundLatitude', (c) => {
        const south = bound(c, 'south');
        const north = bound(c, 'north');
        return -90 <= north && south <= north && north <= 90;
      }),
    ]),
  ]),

  // Check on null elements without a null reason
  pattern('null elements are not allowed', [
    rule('*', [
      assert(
        '* or normalize-space(text()) or @gco:nilReason or @xlink:href',
        'Empty objects are not permitted unless for optional elements - in that case a reason must be provided - a xlink pointer is also allowed',
        (c) =>
          childElements(c).length > 0 ||
          normalizeSpace(firstString(textNodes([c]))) !== '' ||
          hasAttribute(c, 'gco:nilReason') ||
          hasAttribute(c, 'xlink:href'),
        (c) =>
          `Empty ${c.parent ? c.parent.local : ''} / ${c.local}. Empty objects are not permitted unless for optional elements - in that case a reason must be provided - a xlink pointer is also allowed`,
      ),
    ]),
  ]),

  // Additional SeaDataNet constraints
  pattern("associationType (66.5) -> A maximum of one associationType.AssociationTypeCode/@codeListValue = 'source' for all aggregationInfo", [
    rule('gmd:MD_Metadata', [
      assert(
        "count(//gmd:associationType[gmd:DS_AssociationTypeCode/@codeListValue='source']) < 2",
        "A maximum of one associationType.AssociationTypeCode/@codeListValue = 'source' for all aggregationInfo",
        (c) =>
          descendantsOrSelf(rootOf(c)).filter(
            (e) => isNamed(e, 'gmd:associationType') && anyEquals(attrs(e, 'gmd:DS_AssociationTypeCode', 'codeListValue'), 'source'),
          ).length < 2,
      ),
    ]),
  ]),
  pattern("associationType (66.5) -> At least one keyword with type 'platform_class' should be documented", [
    rule('gmd:MD_Metadata', [
      assert(
        "count(//gmd:MD_Keywords[gmd:type/gmd:MD_KeywordTypeCode/@codeListValue='platform_class']) > 0",
        "At least one keyword with type 'platform_class' should be documented",
        (c) => keywordsOfType(c, 'platform_class') > 0,
      ),
    ]),
  ]),
  pattern("associationType (66.5) -> At least one keyword with type 'parameter' should be documented", [
    rule('gmd:MD_Metadata', [
      assert(
        "count(//gmd:MD_Keywords[gmd:type/gmd:MD_KeywordTypeCode/@codeListValue='parameter']) > 0",
        "At least one keyword with type 'parameter' should be documented",
        (c) => keywordsOfType(c, 'parameter') > 0,
      ),
    ]),
  ]),
  pattern(
    'RS_Identifier -> L101 thesaurus should be documented',
    [
      rule('gmd:RS_identifier', [
        assert("gmd:authority/gmd:CI_Citation/gmd:alternateTitle/gco:CharacterString='L10'", 'L10 should be referenced', (c) =>
          anyEquals(values(c, 'gmd:authority/gmd:CI_Citation/gmd:alternateTitle/gco:CharacterString'), 'L10'),
        ),
        assert(
          "gmd:authority/gmd:CI_Citation/gmd:identifier/gmd:MD_Identifier/gmd:code/gco:CharacterString='https://www.seadatanet.org/urnurl/SDN:L10'",
          'L10 should be referenced',
          (c) =>
            anyEquals(
              values(c, 'gmd:authority/gmd:CI_Citation/gmd:identifier/gmd:MD_Identifier/gmd:code/gco:CharacterString'),
              'https://www.seadatanet.org/urnurl/SDN:L10',
            ),
        ),
      ]),
    ],
    'context is written gmd:RS_identifier (lower-case i; the element is gmd:RS_Identifier), so it never fires',
  ),
  thesaurusPattern('SDN_ParameterDiscoveryCode', 'P02'),
  thesaurusPattern('SDN_DeviceCategoryCode', 'L05'),
  thesaurusPattern('SDN_PlatformCategoryCode', 'L06'),
  thesaurusPattern('SDN_EDMERPCode', 'EDMERP'),

  // Additional INSPIRE constraints from the implementing rules
  pattern(
    'INSPIRE SC7',
    [
      rule('gmd:MD_Metadata/gmd:identificationInfo/gmd:MD_DataIdentification', [
        assert(
          "count(gmd:citation/gmd:CI_Citation/gmd:date/gmd:CI_Date/gmd:dateType/gmd:CI_DateTypeCode[@codeListValue='creation'])<2",
          '[INSPIRE SC7] more than one creation date is not permitted',
          (c) => attrs(c, 'gmd:citation/gmd:CI_Citation/gmd:date/gmd:CI_Date/gmd:dateType/gmd:CI_DateTypeCode', 'codeListValue').filter((v) => v === 'creation').length < 2,
        ),
      ]),
    ],
    ONLY_MD_DATA_ID,
  ),
  pattern(
    'INSPIRE SC8',
    [
      rule('gmd:MD_Metadata/gmd:identificationInfo/gmd:MD_DataIdentification', [
        assert('gmd:citation/gmd:CI_Citation/gmd:identifier', '[INSPIRE SC8] the resource identifier is mandatory', (c) =>
          exists(c, 'gmd:citation/gmd:CI_Citation/gmd:identifier'),
        ),
      ]),
    ],
    ONLY_MD_DATA_ID,
  ),
  pattern(
    'INSPIRE SC10',
    [
      rule('gmd:MD_Metadata/gmd:identificationInfo/gmd:MD_DataIdentification', [
        assert(
          'count(gmd:extent/gmd:EX_Extent/gmd:geographicElement/gmd:EX_GeographicBoundingBox)>0',
          '[INSPIRE SC10] at least one geographic bounding box must be provided',
          (c) => count(c, 'gmd:extent/gmd:EX_Extent/gmd:geographicElement/gmd:EX_GeographicBoundingBox') > 0,
        ),
      ]),
    ],
    ONLY_MD_DATA_ID,
  ),
  pattern('INSPIRE SC16', [
    rule('gmd:MD_Metadata/gmd:contact/gmd:CI_ResponsibleParty/gmd:role/gmd:CI_RoleCode', [
      assert(
        "@codeListValue='pointOfContact'",
        "[INSPIRE SC16] the role code of the contact responsibleParty must be 'pointOfContact'",
        (c) => anyEquals(attributeValues([c], 'codeListValue'), 'pointOfContact'),
      ),
    ]),
  ]),
  pattern(
    'INSPIRE SC17',
    [
      rule('gmd:MD_DataIdentification', [
        assert(
          "contains(gmd:descriptiveKeywords/gmd:MD_Keywords/gmd:thesaurusName/gmd:CI_Citation/gmd:title/gco:CharacterString,'GEMET')",
          '[INSPIRE SC17] at least one keyword from the GEMET thesaurus must be documented',
          // contains() takes the string value of the FIRST thesaurus title only (XPath 1.0 string(node-set)).
          (c) => firstString(values(c, 'gmd:descriptiveKeywords/gmd:MD_Keywords/gmd:thesaurusName/gmd:CI_Citation/gmd:title/gco:CharacterString')).includes('GEMET'),
        ),
      ]),
    ],
    ONLY_MD_DATA_ID,
  ),
  conformancePattern('INSPIRE conformance report as regards metadata', INSPIRE_1205, '2008-12-04', 'metadata'),
  conformancePattern(
    'INSPIRE conformance report as regards interoperability of spatial data sets and services',
    INSPIRE_1089,
    '2010-12-08',
    'interoperability of spatial data sets and services',
  ),

  // Codelists validation
  pattern('Validation of codelists', [
    ruleWhere('*[@codeList]', (el) => hasAttribute(el, 'codeList'), [
      remote(
        "$catalog//gmx:codelistItem/*[@gml:id=$codeList or @gml32:id=$codeList]/gmx:codeEntry/*[gml:identifier=$codeListValue or gml32:identifier=$codeListValue]",
        'the given value is not allowed by the codelist catalogue',
        "needs document(substring-before(@codeList,'#')): the remote code-list catalogues (vocab.nerc.ac.uk gmxCodeLists.xml and cdicsrCodeList.xml, the EDMO code list) are not available offline",
      ),
    ]),
  ]),
];

function bound(c: XmlElement, side: 'west' | 'east' | 'south' | 'north'): number {
  const element = side === 'west' || side === 'east' ? `gmd:${side}BoundLongitude/gco:Decimal` : `gmd:${side}BoundLatitude/gco:Decimal`;
  return xpathNumber(firstString(values(c, element)));
}

// ---------------------------------------------------------------------------------------------------------------
// Running the patterns

/**
 * Runs every pattern over the record. Errors come in pattern order, then document order, with the element's path;
 * a malformed or empty document gives one `xml` error with the line. Each remote assert whose context occurs in
 * the record is listed once in `skipped`.
 */
export function validateCdiSchematron(xml: string): CdiSchematronResult {
  const parsed = parseXmlTree(xml);
  if (!parsed.ok) {
    const error: ValidationError = { rule: 'xml', message: `not a well-formed XML document: ${parsed.message}` };
    if (parsed.line !== undefined) error.line = parsed.line;
    return { errors: [error], skipped: [{ rule: `cdi-${cdiSchematronVersion}`, reason: 'the document is not well-formed XML' }] };
  }
  const elements = descendantsOrSelf(parsed.root);
  const errors: ValidationError[] = [];
  const skipped: { rule: string; reason: string }[] = [];
  for (const p of cdiSchematronPatterns) {
    const remoteContexts = new Map<SchematronAssert, number>();
    for (const el of elements) {
      // Within a pattern an element is handled by the first rule whose context matches it.
      const r = p.rules.find((candidate) => candidate.matches(el));
      if (!r) continue;
      for (const a of r.asserts) {
        if (a.remote !== undefined || !a.check) {
          remoteContexts.set(a, (remoteContexts.get(a) ?? 0) + 1);
          continue;
        }
        if (a.check(el)) continue;
        const message = a.render ? a.render(el) : a.message;
        errors.push({ rule: p.id, path: elementPath(el), message: `${message} [${p.title}]` });
      }
    }
    for (const [a, n] of remoteContexts) {
      skipped.push({ rule: p.id, reason: `${p.title}: assert "${a.test}" ${a.remote ?? 'cannot run offline'} (${n} context element${n === 1 ? '' : 's'})` });
    }
  }
  return { errors, skipped };
}
