/**
 * Small publication datasets for the SeaDataNet NetCDF tests: a fixed-station time series and a bottle profile,
 * with good, bad, missing and below-detection values. Plain data, so each test can change one field.
 */
import type { CdiUnit, PublicationDataset, PublishedGroup } from '../../publication-dataset';

export const testGroups: PublishedGroup[] = [
  {
    name: 'OraPicoProk',
    label: 'Abundance of OraPicoProk (Synechococcus-like) by flow cytometry',
    p01: 'P700A90Z',
    p06: 'UCML',
    unitLabel: '#/ml',
    p02: 'PNTX',
    unverified: false,
  },
  {
    name: 'RedPico',
    label: 'Abundance of RedPico (picoeukaryote-like) by flow cytometry',
    p01: 'PYEUA00A',
    p06: 'UCML',
    unitLabel: '#/ml',
    p02: 'PNTX',
    unverified: true,
  },
  {
    name: 'HetHNA',
    label: 'Abundance of HetHNA by flow cytometry',
    p01: 'P18318A9',
    p06: 'UCML',
    unitLabel: '#/ml',
    p02: 'BNTX',
    unverified: false,
  },
];

export function timeSeriesUnit(): CdiUnit {
  return {
    localCdiId: 'SOLA-CYTO-2024',
    station: { name: 'SOLA', latitude: 42.4883, longitude: 3.145, samplingDepth_m: 3, bottomDepth_m: 27 },
    featureType: 'time-series',
    samples: [
      {
        sampleId: 's1',
        time: '2024-05-02T10:30:00.000Z',
        latitude: 42.4883,
        longitude: 3.145,
        depth_m: 3,
        values: [
          { group: 'OraPicoProk', value: 12345.5, flag: '1' },
          { group: 'RedPico', value: 2301, flag: '2' },
          { group: 'HetHNA', value: 450000, flag: '1' },
        ],
      },
      {
        sampleId: 's2',
        time: '2024-05-09T10:45:12.345Z',
        latitude: 42.4883,
        longitude: 3.145,
        depth_m: null,
        values: [
          { group: 'OraPicoProk', value: null, flag: '1' },
          { group: 'RedPico', value: 99.25, flag: '4' },
          { group: 'HetHNA', value: 0, flag: '6' },
        ],
      },
      {
        sampleId: 's3',
        time: '2024-05-16T09:00:00.000Z',
        latitude: 42.4883,
        longitude: 3.145,
        depth_m: 5,
        values: [
          { group: 'OraPicoProk', value: 15000, flag: 'A' },
          { group: 'RedPico', value: 1800, flag: 'Q' },
        ],
      },
    ],
  };
}

export function profileUnit(): CdiUnit {
  return {
    localCdiId: 'MOOSE-GE-2024_st12',
    station: { name: 'St12', latitude: 41.9, longitude: 4.5, samplingDepth_m: null, bottomDepth_m: null },
    featureType: 'profile',
    samples: [5, 20, 50, 100].map((depth, i) => ({
      sampleId: `p${i + 1}`,
      time: `2024-06-10T0${3 + i}:15:00.000Z`,
      latitude: 41.9,
      longitude: 4.5,
      depth_m: depth,
      values: [
        { group: 'OraPicoProk', value: depth === 100 ? null : 20000 / (i + 1), flag: depth === 100 ? '9' : '1' },
        { group: 'HetHNA', value: 500000 - depth * 1000, flag: i === 2 ? '3' : '1' },
      ],
    })),
  };
}

export function testDataset(units: CdiUnit[] = [timeSeriesUnit(), profileUnit()]): PublicationDataset {
  return {
    id: 'ds-1',
    metadata: {
      title: 'Flow cytometry at SOLA',
      abstract: 'Phytoplankton and bacteria abundances by CytoSense flow cytometry.',
      holdingCentreEdmo: '486',
      originatorEdmo: '1084',
      pi: { name: 'Jane Doe', email: 'jane@example.org' },
      project: 'CYTO-TEST',
      cruise: 'SOLA-2024',
      platformClass: '14',
      platformCode: null,
      instrument: 'TOOL1209',
      deviceCategory: 'LAB37',
      discoveryParameters: ['PNTX', 'BNTX'],
      accessRestriction: 'LS',
      lastChangeAt: '2024-07-01T08:00:00.000Z',
      acquisitionNotes: ['Smart trigger: FLR > 10 mV'],
    },
    groups: testGroups,
    units,
  };
}
