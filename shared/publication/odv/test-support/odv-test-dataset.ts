/**
 * Publication datasets for the ODV tests: a fixed CytoSense time series and profile with hand-picked values, and a
 * seeded random generator for round trips. Plain data, no file I/O.
 */
import type { CdiUnit, PublicationDataset, PublishedGroup, PublishedSample } from '../../publication-dataset.js';

export const testGroups: PublishedGroup[] = [
  { name: 'OraPicoProk', label: 'Abundance of OraPicoProk (Synechococcus-like) by flow cytometry', p01: 'P700A90Z', p06: 'UCML', unitLabel: '#/ml', p02: 'PNTX', unverified: false },
  { name: 'RedPico', label: 'Abundance of RedPico by flow cytometry', p01: 'PYEUA00A', p06: 'UCML', unitLabel: '#/ml', p02: 'PNTX', unverified: true },
  { name: 'HetHNA', label: 'Abundance of HetHNA by flow cytometry', p01: 'P18318A9', p06: 'UCML', unitLabel: 'cells/ml', p02: 'BNTX', unverified: true },
];

export function testDataset(units: CdiUnit[], overrides: Partial<PublicationDataset['metadata']> = {}): PublicationDataset {
  return {
    id: 'ds-planier-2024',
    metadata: {
      title: 'CytoSense phytoplankton abundances at Planier, 2024',
      abstract: 'Automated flow cytometry.',
      holdingCentreEdmo: '1084',
      originatorEdmo: '1084',
      pi: { name: 'A. Scientist', email: 'a.scientist@example.org', edmo: '1084' },
      project: 'JERICO-S3',
      cruise: 'Planier CytoSense 2024',
      platformClass: '14',
      platformCode: null,
      instrument: 'TOOL1209',
      deviceCategory: 'LAB37',
      discoveryParameters: ['PNTX', 'BNTX'],
      accessRestriction: 'LS',
      lastChangeAt: '2024-06-01T08:00:00.000Z',
      acquisitionNotes: ['Smart trigger: FLR > 20 mV on 5 µm beads', 'Sample volume 5 ml; 10 min max'],
      ...overrides,
    },
    groups: testGroups.map((g) => ({ ...g })),
    units,
  };
}

/** Three samples, every case once: all values good, a missing value (null), a bad value kept with flag 4. */
export function timeSeriesUnit(localCdiId = 'CYTO-PLANIER-2024-01', stationName = 'Planier'): CdiUnit {
  return {
    localCdiId,
    station: { name: stationName, latitude: 43.19917, longitude: 5.23, samplingDepth_m: 3, bottomDepth_m: 62 },
    featureType: 'time-series',
    samples: [
      sample('s1', '2024-05-02T10:30:00.000Z', null, [12345, 2301.5, 812000]),
      sample('s2', '2024-05-02T12:30:00.000Z', 2.5, [12001, null, 790500], ['1', '9', '1']),
      sample('s3', '2024-05-02T14:30:00.250Z', null, [99999999, 0.000012, 0], ['4', '2', '6']),
    ],
  };
}

export function profileUnit(localCdiId = 'CYTO-MOOSE-2024-CAST07'): CdiUnit {
  return {
    localCdiId,
    station: { name: 'ANTARES 07', latitude: 42.8, longitude: 6.1667, samplingDepth_m: null, bottomDepth_m: null },
    featureType: 'profile',
    samples: [
      sample('c7-5', '2024-05-03T06:12:00.000Z', 5, [4100, 1500, 600100]),
      sample('c7-20', '2024-05-03T06:20:00.000Z', 20, [3800.25, 1499, 590000]),
      sample('c7-50', '2024-05-03T06:05:00.000Z', 50, [150, null, 401000], ['3', '9', '1']),
    ],
  };
}

function sample(sampleId: string, time: string, depth: number | null, values: (number | null)[], flags?: string[]): PublishedSample {
  return {
    sampleId,
    time,
    latitude: 43.19917,
    longitude: 5.23,
    depth_m: depth,
    values: testGroups.map((g, i) => ({ group: g.name, value: values[i] ?? null, flag: flags?.[i] ?? '1' })),
  };
}

export { seededRandom } from '../../../random/seeded-random.js';

const awkwardNumbers = [0, -0, 1e-7, 1.5e21, 123456789.123, 0.1 + 0.2, 5e-324, 1e300, -42.5, 2 ** 53 + 2];
const flagsForValues = ['0', '1', '2', '3', '4', '5', '6', '7', '8', 'A', 'B', 'Q'];

/** A random unit: values from plain to awkward doubles, ~10 % missing, flags across the L20 list. */
export function randomUnit(random: () => number, featureType: CdiUnit['featureType'], samples: number, localCdiId: string): CdiUnit {
  const start = Date.UTC(2023, 0, 1) + Math.floor(random() * 1e10);
  const list: PublishedSample[] = [];
  for (let i = 0; i < samples; i++) {
    const time = new Date(start + i * 600_000 + Math.floor(random() * 1000)).toISOString();
    const depth = featureType === 'profile' ? Math.round((i + random()) * 1000) / 100 : random() < 0.3 ? null : Math.round(random() * 1000) / 100;
    list.push({
      sampleId: `r${i}`,
      time,
      latitude: 43,
      longitude: 5,
      depth_m: depth,
      values: testGroups.map((g) => {
        const r = random();
        if (r < 0.1) return { group: g.name, value: null, flag: '9' };
        const value = r < 0.25 ? (awkwardNumbers[Math.floor(random() * awkwardNumbers.length)] as number) : random() * 10 ** Math.floor(random() * 8);
        return { group: g.name, value, flag: flagsForValues[Math.floor(random() * flagsForValues.length)] as string };
      }),
    });
  }
  return {
    localCdiId,
    station: { name: `Random ${localCdiId}`, latitude: -90 + random() * 180, longitude: -180 + random() * 360, samplingDepth_m: 1, bottomDepth_m: random() < 0.5 ? null : 100 },
    featureType,
    samples: list,
  };
}
