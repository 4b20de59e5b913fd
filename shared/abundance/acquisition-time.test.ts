import { describe, expect, it } from 'vitest';
import { fcsAcquisitionTime, findTimeParameter, secondsFromBeginEndTimes, secondsFromTimeParameter } from './acquisition-time.js';

const times = (btim: string, etim: string) => secondsFromBeginEndTimes({ $BTIM: btim, $ETIM: etim });

describe('secondsFromBeginEndTimes', () => {
  it('reads hh:mm:ss', () => {
    // 10:05:30 − 10:00:00 = 5 × 60 + 30 = 330 s
    expect(times('10:00:00', '10:05:30')).toEqual({ seconds: 330, crossesMidnight: false, problem: null });
  });

  it('reads hh:mm:ss.cc (FCS 3.1, hundredths) as in the Accuri C6 fixture', () => {
    // 21:30:07.99 − 21:28:25.56 = 60 + 42.43 = 102.43 s
    expect(times('21:28:25.56', '21:30:07.99').seconds).toBe(102.43);
  });

  it('reads hh:mm:ss:tt with tt in 1/60 s (FCS 3.0) as in the Stratedigm fixture', () => {
    // 17:32:04 + 1/60 − (17:29:39 + 51/60) = 145 − 50/60 = 144.1667 s
    expect(times('17:29:39:51', '17:32:04:01').seconds).toBe(144.167);
  });

  it('reads hh:mm:ss:ttt as milliseconds (CyFlow Cube 8)', () => {
    // 09:43:46.219 − 09:42:05.509 = 100.710 s
    expect(times('09:42:05:509', '09:43:46:219').seconds).toBe(100.71);
  });

  it('adds a day when $ETIM is before $BTIM (the run crossed midnight)', () => {
    // 24:01:15 − 23:58:30 = 2 min 45 s = 165 s
    expect(times('23:58:30', '00:01:15')).toEqual({ seconds: 165, crossesMidnight: true, problem: null });
    // 24:00:00.25 − 23:59:59.50 = 0.75 s
    expect(times('23:59:59.50', '00:00:00.25')).toEqual({ seconds: 0.75, crossesMidnight: true, problem: null });
    // 1/60 ticks across midnight: 24:00:10 + 30/60 − (23:59:50 + 15/60) = 20.25 s
    expect(times('23:59:50:15', '00:00:10:30').seconds).toBe(20.25);
  });

  it('finds the keywords whatever their case and trims padded values', () => {
    expect(secondsFromBeginEndTimes({ $btim: ' 12:00:00 ', $Etim: '12:00:10  ' }).seconds).toBe(10);
  });

  it('names the keyword that is missing, unreadable or equal', () => {
    expect(secondsFromBeginEndTimes({ $ETIM: '10:00:00' }).problem).toBe('$BTIM (acquisition start time) is absent');
    expect(secondsFromBeginEndTimes({ $BTIM: '10:00:00' }).problem).toBe('$ETIM (acquisition end time) is absent');
    expect(times('10:00:00', '').problem).toBe('$ETIM (acquisition end time) is absent');
    expect(times('25:00:00', '10:00:00').problem).toBe('$BTIM="25:00:00" is not a time (hh:mm:ss[.cc])');
    expect(times('10:00:00', '10h05').problem).toBe('$ETIM="10h05" is not a time (hh:mm:ss[.cc])');
    expect(times('10:00:00', '10:00:00').problem).toBe('$BTIM and $ETIM are both 10:00:00: no acquisition time');
  });
});

describe('secondsFromTimeParameter', () => {
  it('is (last − first) × $TIMESTEP over finite values', () => {
    // (20 − 5) × 0.5 = 7.5 s; the NaN before the first value is skipped
    expect(secondsFromTimeParameter(new Float32Array([NaN, 5, 6, 10, 20]), 0.5)).toEqual({ seconds: 7.5, problem: null });
    expect(secondsFromTimeParameter(new Float64Array([2490, 3000, 3519]), 0.1).seconds).toBeCloseTo(102.9, 9);
  });

  it('refuses a time parameter that decreases (wrapped counter), a single time, a bad timestep', () => {
    expect(secondsFromTimeParameter(new Float32Array([1000, 1023, 3, 50]), 1).problem).toBe(
      'the time parameter decreases at event 3 (1023 then 3): the counter wrapped or events are not in time order',
    );
    expect(secondsFromTimeParameter(new Float32Array([7]), 1).problem).toBe('the time parameter has fewer than two distinct event times');
    expect(secondsFromTimeParameter(new Float32Array([]), 1).problem).toBe('the time parameter has fewer than two distinct event times');
    expect(secondsFromTimeParameter(new Float32Array([1, 2]), 0).problem).toBe('$TIMESTEP=0 is not a positive number');
  });
});

describe('fcsAcquisitionTime', () => {
  const keywords = { $BTIM: '12:00:00', $ETIM: '12:01:40', $TIMESTEP: '0.01' };

  it('prefers the time parameter × $TIMESTEP, without a warning when $BTIM/$ETIM agree', () => {
    // (9950 − 0) × 0.01 = 99.5 s; $ETIM − $BTIM = 100 s (within 2 s)
    const t = fcsAcquisitionTime({ keywords, timeColumn: new Float32Array([0, 5000, 9950]) });
    expect(t).toEqual({ seconds: 99.5, source: 'time-parameter', detail: 'time parameter × $TIMESTEP = 99.5 s', reason: null, warning: null });
  });

  it('warns when the two sources disagree by more than 10 % and 2 s', () => {
    // 5000 × 0.01 = 50 s against 100 s
    const t = fcsAcquisitionTime({ keywords, timeColumn: new Float32Array([0, 5000]) });
    expect(t.seconds).toBe(50);
    expect(t.warning).toBe('the time parameter spans 50 s but $ETIM − $BTIM = 100 s; check which one is right');
  });

  it('falls back to $BTIM/$ETIM, saying why the time parameter was not used', () => {
    const t = fcsAcquisitionTime({ keywords: { $BTIM: '23:59:00', $ETIM: '00:00:30' }, timeColumn: new Float32Array([0, 10]) });
    expect(t).toEqual({
      seconds: 90,
      source: 'btim-etim',
      detail: '$ETIM − $BTIM = 90 s (the run crossed midnight)',
      reason: null,
      warning: 'time parameter not used: $TIMESTEP is absent, so the time parameter has no unit',
    });
    const junk = fcsAcquisitionTime({ keywords: { ...keywords, $TIMESTEP: 'xxxxxxxxx' }, timeColumn: new Float32Array([0, 10]) });
    expect(junk.source).toBe('btim-etim');
    expect(junk.warning).toBe('time parameter not used: $TIMESTEP="xxxxxxxxx" is not a number');
  });

  it('gives a reason naming every missing keyword when nothing is usable', () => {
    expect(fcsAcquisitionTime({ keywords: {} })).toEqual({ seconds: null, source: null, detail: null, reason: 'no acquisition time: $BTIM (acquisition start time) is absent', warning: null });
    expect(fcsAcquisitionTime({ keywords: { $ETIM: '10:00:00' }, timeColumn: new Float32Array([3, 1]) }).reason).toBe(
      'no acquisition time: $TIMESTEP is absent, so the time parameter has no unit; $BTIM (acquisition start time) is absent',
    );
  });
});

describe('findTimeParameter', () => {
  it('finds $PnN Time in any case, else $PnS', () => {
    expect(findTimeParameter([{ name: 'FSC-A' }, { name: 'TIME' }])).toBe(1);
    expect(findTimeParameter([{ name: 'HDR-T', label: 'Time' }, { name: 'FSC' }])).toBe(0);
    expect(findTimeParameter([{ name: 'FSC-A', label: null }])).toBe(-1);
  });
});
