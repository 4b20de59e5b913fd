import type { CdiUnit, PublicationDataset, PublishedGroup, PublishedSample } from '../publication-dataset.js';

/**
 * Two small, SYNTHETIC publication datasets shaped like the app's two cases (values are made up, codes are real
 * NVS codes from ../shared/docs/formats-seadatanet.md §6): a fixed-station time series (CytoSense on a coastal
 * mooring) and a cruise profile (one cast from a research vessel). Used by the CDI tests; deterministic.
 */

const groups: PublishedGroup[] = [
  {
    name: 'OraPicoProk',
    label: 'Abundance of OraPicoProk (Synechococcus-like) by flow cytometry',
    p01: 'P700A90Z',
    p06: 'UCML',
    unitLabel: '#/ml',
    p02: 'PNTX',
    unverified: true,
  },
  {
    name: 'RedNano',
    label: 'Abundance of RedNano (nanoeukaryotes) by flow cytometry',
    p01: 'X726A86B',
    p06: 'UCML',
    unitLabel: '#/ml',
    p02: 'PNTX',
    unverified: true,
  },
  {
    name: 'HetHNA',
    label: 'Abundance of HetHNA (heterotrophic prokaryotes, high nucleic acid) by flow cytometry',
    p01: 'P18318A9',
    p06: 'UCML',
    unitLabel: '#/ml',
    p02: 'BNTX',
    unverified: true,
  },
];

function values(i: number): PublishedSample['values'] {
  return [
    { group: 'OraPicoProk', value: 12000 + 37 * i, flag: '1' },
    { group: 'RedNano', value: i % 7 === 3 ? null : 850 + 3 * i, flag: i % 7 === 3 ? '9' : '1' },
    { group: 'HetHNA', value: 410000 - 101 * i, flag: i % 11 === 5 ? '3' : '1' },
  ];
}

/** 48 hourly samples at SOLEMIO (Bay of Marseille), 2024-05-02T00:17:30Z onwards, 1 m. */
export function timeSeriesExample(): PublicationDataset {
  const start = Date.parse('2024-05-02T00:17:30.250Z');
  const samples: PublishedSample[] = Array.from({ length: 48 }, (_, i) => ({
    sampleId: `SOLEMIO-${String(i + 1).padStart(3, '0')}`,
    time: new Date(start + i * 3_600_000).toISOString(),
    latitude: 43.2383,
    longitude: 5.2883,
    depth_m: null,
    values: values(i),
  }));
  const unit: CdiUnit = {
    localCdiId: 'CYTOCURATOR_SOLEMIO_2024-05',
    station: { name: 'SOLEMIO', latitude: 43.2383, longitude: 5.2883, samplingDepth_m: 1, bottomDepth_m: 55 },
    featureType: 'time-series',
    samples,
  };
  return {
    id: 'ds-solemio-2024-05',
    metadata: {
      title: 'CytoSense flow cytometry at SOLEMIO, May 2024',
      abstract: 'Automated flow cytometry (CytoSense) of surface phytoplankton & bacteria at the SOLEMIO station <Bay of Marseille>.',
      holdingCentreEdmo: '486',
      originatorEdmo: '1084',
      pi: { name: 'Jane Doe', email: 'jane.doe@example.org', edmo: '1084' },
      project: 'SOMLIT',
      cruise: 'SOLEMIO fixed station 2024',
      platformClass: '48',
      platformCode: null,
      instrument: 'TOOL1209',
      deviceCategory: 'LAB37',
      discoveryParameters: ['PNTX', 'BNTX'],
      accessRestriction: 'LS',
      lastChangeAt: '2024-06-15T08:30:00.000Z',
      acquisitionNotes: ['Smart trigger: FL Red > 20 mV', 'Sample volume 1.5 ml'],
    },
    groups,
    units: [unit],
  };
}

/** One cast of 6 depths (5–200 m) from Tethys II (C17 35TT), 2023-09-14, in the Ligurian Sea. */
export function profileExample(): PublicationDataset {
  const depths = [5, 10, 25, 50, 100, 200];
  const samples: PublishedSample[] = depths.map((depth, i) => ({
    sampleId: `MOOSE-C07-${depth}m`,
    time: new Date(Date.parse('2023-09-14T06:02:00Z') + i * 240_000).toISOString(),
    latitude: 42.80015 + i * 0.00011,
    longitude: 6.1603 - i * 0.0002,
    depth_m: depth,
    values: values(i),
  }));
  const unit: CdiUnit = {
    localCdiId: 'MOOSE-GE-2023_C07_FCM',
    station: { name: 'C07', latitude: 42.8, longitude: 6.16, samplingDepth_m: null, bottomDepth_m: 2300 },
    featureType: 'profile',
    samples,
  };
  return {
    id: 'ds-moose-ge-2023',
    metadata: {
      title: 'Flow cytometry profiles, MOOSE-GE 2023',
      abstract: '',
      holdingCentreEdmo: '486',
      originatorEdmo: '1084',
      pi: { name: 'Jean Dupont', email: 'jean.dupont@example.org', edmo: null },
      project: null,
      cruise: 'MOOSE-GE 2023',
      platformClass: '31',
      platformCode: '35TT',
      instrument: 'TOOL1209',
      deviceCategory: 'LAB37',
      discoveryParameters: ['PNTX'],
      accessRestriction: 'CB',
      lastChangeAt: '2023-11-02T14:00:00Z',
      acquisitionNotes: [],
    },
    groups,
    units: [unit],
  };
}
