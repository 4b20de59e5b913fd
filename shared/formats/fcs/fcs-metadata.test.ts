import { describe, expect, it } from 'vitest';
import type { FormatIssue } from '../format-issue.js';
import { fcsDateTimeIso, interpretFcsMetadata, parseFcsDate, parseFcsSpillover, parseFcsTime } from './fcs-metadata.js';

describe('parseFcsDate', () => {
  it('reads the standard and the forms seen in real files', () => {
    expect(parseFcsDate('28-FEB-2013')).toEqual({ year: 2013, month: 2, day: 28 });
    expect(parseFcsDate('02-Nov-2017')).toEqual({ year: 2017, month: 11, day: 2 });
    expect(parseFcsDate('22-Sep-13')).toEqual({ year: 2013, month: 9, day: 22 });
    expect(parseFcsDate('18-May-05')).toEqual({ year: 2005, month: 5, day: 18 });
    expect(parseFcsDate('03-Jan-97')).toEqual({ year: 1997, month: 1, day: 3 });
    expect(parseFcsDate('2013-Jul-19')).toEqual({ year: 2013, month: 7, day: 19 });
    expect(parseFcsDate('2020-03-02')).toEqual({ year: 2020, month: 3, day: 2 });
    expect(parseFcsDate(' 1-september-2021 ')).toEqual({ year: 2021, month: 9, day: 1 });
  });
  it('refuses what it cannot read without guessing', () => {
    for (const s of ['03/04/2020', '31-Feb-2020', '12-Foo-2020', '2020', '', 'yesterday']) expect(parseFcsDate(s)).toBeNull();
  });
});

describe('parseFcsTime', () => {
  it('reads hh:mm:ss, decimal fractions, 1/60 s ticks and CyFlow milliseconds', () => {
    expect(parseFcsTime('15:19:53')).toBe(15 * 3600 + 19 * 60 + 53);
    expect(parseFcsTime('21:28:25.56')).toBeCloseTo(77305.56, 9);
    expect(parseFcsTime('17:29:39:51')).toBeCloseTo(62979 + 51 / 60, 9);
    expect(parseFcsTime('09:42:05:509')).toBeCloseTo(34925.509, 9);
    expect(parseFcsTime('9:05')).toBe(9 * 3600 + 5 * 60);
  });
  it('refuses impossible times', () => {
    for (const s of ['24:00:00', '12:60:00', '12:00:00:75', 'noon', '12.00.00']) expect(parseFcsTime(s)).toBeNull();
  });
});

describe('fcsDateTimeIso', () => {
  it('writes local date-times, with milliseconds only when there are some, rolling past midnight', () => {
    expect(fcsDateTimeIso({ year: 2019, month: 6, day: 28 }, 62979 + 51 / 60)).toBe('2019-06-28T17:29:39.850');
    expect(fcsDateTimeIso({ year: 2013, month: 2, day: 28 }, 55193)).toBe('2013-02-28T15:19:53');
    expect(fcsDateTimeIso({ year: 2012, month: 12, day: 31 }, 86400 + 60)).toBe('2013-01-01T00:01:00');
  });
});

describe('parseFcsSpillover', () => {
  it('reads n, names, row-major values', () => {
    expect(parseFcsSpillover('2,FL1-A, FL2-A,1,0.12,0.03,1')).toEqual({
      spillover: { parameters: ['FL1-A', 'FL2-A'], matrix: [[1, 0.12], [0.03, 1]] },
      problem: null,
    });
  });
  it('says what is wrong', () => {
    expect(parseFcsSpillover('6,FL2-A,FL2-H,FL4-A,FL4-H,FL7-A,FL7-H').problem).toBe('has 6 names and 0 values; 6 parameters need 6 names and 36 values');
    expect(parseFcsSpillover('x,1').problem).toBe('does not start with a parameter count ("x")');
    expect(parseFcsSpillover('1,A,one').problem).toBe('value "one" (row 1, column 1) is not a number');
  });
});

describe('interpretFcsMetadata', () => {
  const read = (kw: Record<string, string>) => {
    const issues: FormatIssue[] = [];
    const upper = new Map(Object.entries(kw).map(([k, v]) => [k.toUpperCase(), v]));
    return { metadata: interpretFcsMetadata((name) => upper.get(name.toUpperCase()), issues), issues };
  };

  it('reads the keywords later features need', () => {
    const { metadata, issues } = read({
      $CYT: 'CytoSense',
      $CYTSN: 'CS-2015-61',
      $TOT: '000120',
      $VOL: '        36.6',
      $TIMESTEP: '0.001',
      $DATE: '12-Jun-2024',
      $BTIM: '23:59:30',
      $ETIM: '00:04:30.5',
      SPILL: '1,FL Red,1',
    });
    expect(issues).toEqual([]);
    expect(metadata).toEqual({
      cytometer: 'CytoSense',
      cytometerSerial: 'CS-2015-61',
      totalEvents: 120,
      volumeNanolitres: 36.6,
      timestep: 0.001,
      date: '12-Jun-2024',
      beginTime: '23:59:30',
      endTime: '00:04:30.5',
      start: '2024-06-12T23:59:30',
      end: '2024-06-13T00:04:30.500', // ran past midnight
      spillover: { parameters: ['FL Red'], matrix: [[1]] },
      spilloverKeyword: 'SPILL',
    });
  });

  it('prefers FCS 3.2 $BEGINDATETIME/$ENDDATETIME when present', () => {
    const { metadata } = read({ $BEGINDATETIME: '2024-06-12T10:00:00+02:00', $ENDDATETIME: '2024-06-12T10:05:00+02:00', $DATE: '12-Jun-2024', $BTIM: '08:00:00' });
    expect(metadata.start).toBe('2024-06-12T10:00:00+02:00');
    expect(metadata.end).toBe('2024-06-12T10:05:00+02:00');
  });

  it('reports what it cannot read and leaves it null', () => {
    const { metadata, issues } = read({ $VOL: 'n/a', $TIMESTEP: 'xxxxxxxxx', $DATE: '06/12/2024', $BTIM: '10h00', $ETIM: '10:05:00', $SPILLOVER: '3,A,B', $COMP: '1,A,1' });
    expect(metadata).toMatchObject({ volumeNanolitres: null, timestep: null, start: null, end: null, spilloverKeyword: '$COMP' });
    expect(issues.map((i) => i.message)).toEqual([
      '$DATE="06/12/2024" is not a date this reader knows (dd-mmm-yyyy); start and end left empty',
      '$BTIM="10h00" is not a time (hh:mm:ss[.cc]); start left empty',
      '$SPILLOVER has 2 names and 0 values; 3 parameters need 3 names and 9 values; not read as a spillover matrix',
      '$VOL="n/a" is not a number (volume in nL); ignored',
      '$TIMESTEP="xxxxxxxxx" is not a number (seconds per time unit); ignored',
    ]);
  });
});
