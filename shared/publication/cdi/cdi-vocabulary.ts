/**
 * What the CDI writer needs to know about the NVS vocabularies it cites: the labels of the codes a flow-cytometry
 * CDI uses (../shared/docs/formats-seadatanet.md §6; each label is checked in cdi-vocabulary.test.ts against the
 * NVS extracts in fixtures/real/octopus/vocab) and the thesaurus citations (title, version, date of the NVS
 * collection version the labels come from). Codes outside this table take their label from the caller
 * (`CdiWriteOptions.labels`) or, failing that, are written with the code as label.
 */

export type CdiCollection = 'P02' | 'L05' | 'L06' | 'L08' | 'L22' | 'C17';

export const builtInLabels: Readonly<Record<CdiCollection, Readonly<Record<string, string>>>> = {
  P02: {
    PNTX: 'Phytoplankton generic abundance in water bodies',
    BNTX: 'Bacteria generic abundance in water bodies',
    PATX: 'Phytoplankton taxonomic abundance in water bodies',
    VIRU: 'Virus abundance in water bodies',
    CNTX: 'Phytoplankton generic biomass in water bodies',
  },
  L05: {
    LAB37: 'flow cytometers',
    '352': 'plankton categorisers and counters',
  },
  L06: {
    '0': 'unknown',
    '10': 'land or seafloor',
    '11': 'fixed benthic node',
    '14': 'land/onshore structure',
    '17': 'coastal structure',
    '30': 'ship',
    '31': 'research vessel',
    '3Z': 'surface vessel',
    '41': 'moored surface buoy',
    '48': 'mooring',
  },
  L08: {
    CA: 'Creative Commons Attribution 3.0 Unported',
    CB: 'Creative Commons Attribution 4.0 International',
    CC: 'collection cost charge',
    FE: 'commercial charge',
    LI: 'licence',
    LS: 'SeaDataNet licence',
    MO: 'moratorium',
    NA: 'no access',
    NC: 'distribution cost charge',
    OG: 'organisation',
    RS: 'by negotiation',
    SR: 'academic',
    UK: 'unknown',
    UN: 'unrestricted',
  },
  L22: {
    TOOL1209: 'CytoBuoy CytoSense flow cytometer',
    TOOL1210: 'BD Biosciences FACSCalibur Flow Cytometry System',
    TOOL1711: 'Thermo Fisher Scientific Attune NxT flow cytometer',
    TOOL2134: 'BD Biosciences Accuri C6 flow cytometer',
    TOOL1102: 'Sysmex Partec CyFlow Space flow cytometer',
    TOOL1588: 'McLane Research Laboratories Imaging FlowCytobot imaging sensor',
  },
  C17: {
    '35A3': "L'Atalante",
    '35AB': 'Antedon',
    '35AY': 'Alis',
    '35HT': 'Thalassa',
    '35M1': 'Marion Dufresne',
    '35PK': 'Pourquoi pas?',
    '35TF': 'Antedon II',
    '35TH': 'Thalassa',
    '35TT': 'Tethys II',
  },
};

export interface ThesaurusCitation {
  title: string;
  /** NVS collection id, written as the citation's alternateTitle (the schematron checks it). */
  collection: string;
  /** Date (revision) and edition of the collection version the labels were taken from. */
  date: string;
  edition: string;
}

/** Versions as listed in fixtures/real/octopus/vocab/vocabularies.xml (the NVS extracts the labels come from). */
export const thesauri: Readonly<Record<'P02' | 'L05' | 'L06' | 'L10' | 'L22' | 'C17', ThesaurusCitation>> = {
  P02: { title: 'SeaDataNet Parameter Discovery Vocabulary', collection: 'P02', date: '2023-12-12', edition: '127' },
  L05: { title: 'SeaDataNet device categories', collection: 'L05', date: '2024-11-28', edition: '92' },
  L06: { title: 'SeaVoX Platform Categories', collection: 'L06', date: '2024-09-27', edition: '18' },
  L10: { title: 'SeaDataNet geographic co-ordinate reference frames', collection: 'L10', date: '2011-03-03', edition: '3' },
  L22: { title: 'SeaVoX Device Catalogue', collection: 'L22', date: '2025-04-12', edition: '749' },
  C17: { title: 'ICES Platform Codes', collection: 'C17', date: '2025-03-21', edition: '1155' },
};

/** `https://www.seadatanet.org/urnurl/SDN:<collection>` (the https form the 12.x schematron requires). */
export function nvsCollectionUrl(collection: string): string {
  return `https://www.seadatanet.org/urnurl/SDN:${collection}`;
}

/** `https://www.seadatanet.org/urnurl/SDN:<collection>::<code>`. */
export function nvsTermUrl(collection: string, code: string): string {
  return `${nvsCollectionUrl(collection)}::${code}`;
}
