import { describe, expect, it } from 'vitest';
import { CurationError } from '../api/errors.js';
import { readFcs } from '../formats/fcs/read-fcs.js';
import { writeTestFcs } from '../formats/fcs/test-support/fcs-test-writer.js';
import { PARTIAL_SAMPLE_NOTE, SMART_TRIGGER_DEFAULT_FLAG, abundancePerMl, setAbundance } from './abundance.js';
import { cytosenseAnalysedVolume, fcsAnalysedVolume } from './analysed-volume.js';
import { seededRandom as random } from '../random/seeded-random.js';

describe('abundancePerMl', () => {
  it('is events ÷ volume in mL × dilution', () => {
    // 20818 events in 902.452406027101 µL = 0.902452… mL → 23068.2… per mL
    expect(abundancePerMl(20818, 902.452406027101)).toBeCloseTo(20818 / 0.902452406027101, 6);
    // 1234 events in 2.5 µL (0.0025 mL), dilution 10 → 1234 / 0.0025 × 10 = 4 936 000 per mL
    expect(abundancePerMl(1234, 2.5, 10)).toBeCloseTo(4_936_000, 6);
    expect(abundancePerMl(0, 100)).toBe(0);
  });

  it('refuses a count, volume or dilution that is not one, naming the field', () => {
    const field = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(CurationError);
        return (e as CurationError).field;
      }
      return 'no error';
    };
    expect(field(() => abundancePerMl(10, 0))).toBe('volume_uL');
    expect(field(() => abundancePerMl(10, NaN))).toBe('volume_uL');
    expect(field(() => abundancePerMl(-1, 10))).toBe('events');
    expect(field(() => abundancePerMl(10, 10, 0.9))).toBe('dilutionFactor');
    expect(() => abundancePerMl(10, -5)).toThrow('analysed volume must be a positive number of µL (got -5)');
  });
});

describe('setAbundance', () => {
  const volume = cytosenseAnalysedVolume(500); // 0.5 mL
  const base = { events: 1000, volume, partial: false, smartTriggered: false };

  it('gives events per mL with no note or flag for a complete, ordinary sample', () => {
    // 1000 / 0.5 mL = 2000 per mL
    expect(setAbundance(base)).toEqual({ events: 1000, abundance_per_mL: 2000, note: null, flag: null });
  });

  it('gives no abundance for a partial sample', () => {
    expect(setAbundance({ ...base, partial: true })).toEqual({ events: 1000, abundance_per_mL: null, note: PARTIAL_SAMPLE_NOTE, flag: null });
    expect(PARTIAL_SAMPLE_NOTE).toContain('only CytoClus set exports were imported');
  });

  it('gives no abundance without a volume, with the volume reason', () => {
    const r = setAbundance({ ...base, volume: fcsAnalysedVolume({ method: 'fcs-vol' }, { keywords: {} }) });
    expect(r).toEqual({
      events: 1000,
      abundance_per_mL: null,
      note: 'no analysed volume: $VOL is absent from the FCS TEXT segment; choose the flow-rate or beads method',
      flag: null,
    });
  });

  it('flags smart-triggered sets 3 with a note quoting the rule, unless a curator confirmed the set is inside it', () => {
    const smart = { ...base, smartTriggered: true, smartTriggerRule: 'Fl Red Maximum > 10' };
    const flagged = setAbundance(smart);
    expect(flagged.abundance_per_mL).toBe(2000);
    expect(flagged.flag).toBe(SMART_TRIGGER_DEFAULT_FLAG);
    expect(flagged.flag).toBe('3');
    expect(flagged.note).toBe(
      'smart-triggered sample (Fl Red Maximum > 10): only particles matching the trigger rule were stored, so this abundance is too low unless the whole set lies inside the rule (flagged 3, probably bad, until a curator confirms it)',
    );
    const confirmed = setAbundance({ ...smart, insideTriggerRule: true });
    expect(confirmed.flag).toBeNull();
    expect(confirmed.abundance_per_mL).toBe(2000);
    expect(confirmed.note).toBe('smart-triggered sample (Fl Red Maximum > 10): a curator confirmed this set lies inside the trigger rule, so all its particles were stored');
    // Without the rule text, and with a partial sample the partial rule wins (no abundance, no flag).
    expect(setAbundance({ ...base, smartTriggered: true }).note).toMatch(/^smart-triggered sample: only particles/);
    expect(setAbundance({ ...smart, partial: true })).toMatchObject({ abundance_per_mL: null, flag: null, note: PARTIAL_SAMPLE_NOTE });
  });

  it('carries the volume warning into the note', () => {
    const warned = { ...volume, warning: 'the time parameter spans 25 s but $ETIM − $BTIM = 44 s; check which one is right' };
    expect(setAbundance({ ...base, volume: warned }).note).toBe('volume: the time parameter spans 25 s but $ETIM − $BTIM = 44 s; check which one is right');
  });
});

describe('a generated FCS sample whose volume comes from beads (dilution 10)', () => {
  it('gives the abundance computed by hand', () => {
    const seed = 20240611;
    console.log(`generated bead sample seed ${seed}`);
    const next = random(seed);
    // 400 beads (FL1 around 5000), 1234 "RedPico" cells (FL1 around 200, SSC around 50), 366 noise events (FL1 < 20).
    const events: number[][] = [];
    for (let i = 0; i < 400; i++) events.push([i * 0.05, 800 + next() * 100, 5000 + next() * 500]);
    for (let i = 0; i < 1234; i++) events.push([i * 0.05, 40 + next() * 20, 150 + next() * 100]);
    for (let i = 0; i < 366; i++) events.push([i * 0.05, next() * 10, next() * 19]);
    const bytes = writeTestFcs({
      dataType: 'F',
      parameters: [{ name: 'Time' }, { name: 'SSC-A' }, { name: 'FL1-A' }],
      events,
      keywords: [['$TIMESTEP', '0.01']],
    });
    const d = readFcs(bytes).datasets[0]!;
    const fl1 = d.columns[2]!;
    const ssc = d.columns[1]!;
    let beads = 0;
    let cells = 0;
    for (let e = 0; e < d.events; e++) {
      if (fl1[e]! > 3000) beads++;
      else if (fl1[e]! > 100 && ssc[e]! > 30) cells++;
    }
    expect([beads, cells]).toEqual([400, 1234]);

    const volume = fcsAnalysedVolume(
      { method: 'beads', beadSet: 'Beads', beadConcentration_per_mL: 1.6e5, dilutionFactor: 10 },
      { keywords: d.keywords, beadEvents: beads },
    );
    // 400 beads ÷ 160 000 beads/mL = 0.0025 mL = 2.5 µL
    expect(volume.volume_uL).toBeCloseTo(2.5, 12);
    const r = setAbundance({ events: cells, volume, partial: false, smartTriggered: false });
    // 1234 cells ÷ 0.0025 mL × 10 (dilution) = 4 936 000 cells per mL
    expect(r.abundance_per_mL).toBeCloseTo(4_936_000, 4);
    expect(r).toMatchObject({ events: 1234, note: null, flag: null });
  });
});
