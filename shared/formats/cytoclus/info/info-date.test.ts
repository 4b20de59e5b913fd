import { describe, expect, it } from 'vitest';
import { parseInfoDate } from './info-date.js';

describe('parseInfoDate', () => {
  it('reads the observed formats', () => {
    expect(parseInfoDate('24/05/2023 09:26:01')).toEqual({ value: '2023-05-24T09:26:01', order: 'day-month-year', problems: [] });
    expect(parseInfoDate('19/04/2016 15:08:08')).toEqual({ value: '2016-04-19T15:08:08', order: 'day-month-year', problems: [] });
    expect(parseInfoDate('2023-05-24 09:26:01')).toEqual({ value: '2023-05-24T09:26:01', order: 'year-month-day', problems: [] });
  });

  it('reads month-first when the second number is above 12, and 12-hour clocks', () => {
    expect(parseInfoDate('05/24/2023 9:26:01 AM')).toEqual({ value: '2023-05-24T09:26:01', order: 'month-day-year', problems: [] });
    expect(parseInfoDate('5/24/2023 12:05:09 PM').value).toBe('2023-05-24T12:05:09');
    expect(parseInfoDate('5/24/2023 12:05:09 AM').value).toBe('2023-05-24T00:05:09');
    expect(parseInfoDate('5/24/2023 2:05:09 p.m.').value).toBe('2023-05-24T14:05:09');
  });

  it('resolves dd/MM vs MM/dd with the file-name date', () => {
    expect(parseInfoDate('06/05/2023 09:26:01', '2023-05-06')).toEqual({ value: '2023-05-06T09:26:01', order: 'day-month-year', problems: [] });
    expect(parseInfoDate('06/05/2023 09:26:01', '2023-06-05')).toEqual({ value: '2023-06-05T09:26:01', order: 'month-day-year', problems: [] });
    // Measurement started just after midnight, the file was named the evening before.
    expect(parseInfoDate('07/05/2023 00:02:00', '2023-05-06').value).toBe('2023-05-07T00:02:00');
    expect(parseInfoDate('05/07/2023 00:02:00', '2023-05-06')).toMatchObject({ value: '2023-05-07T00:02:00', order: 'month-day-year' });
  });

  it('says so when it has to assume an order', () => {
    expect(parseInfoDate('06/05/2023 09:26:01')).toEqual({
      value: '2023-05-06T09:26:01',
      order: 'day-month-year',
      problems: ['"06/05/2023 09:26:01" is ambiguous (day and month both ≤ 12) and no file-name date was given; read as dd/MM/yyyy'],
    });
    expect(parseInfoDate('06/05/2023 9:26:01 AM')).toMatchObject({ value: '2023-06-05T09:26:01', order: 'month-day-year' });
    expect(parseInfoDate('06/05/2023 09:26:01', '2020-01-01').problems).toEqual([
      '"06/05/2023 09:26:01" is ambiguous and neither reading is near the file-name date 2020-01-01; read as dd/MM/yyyy',
    ]);
    expect(parseInfoDate('24/05/2023 09:26:01', '2023-06-30').problems).toEqual(['measurement date 2023-05-24 is 37 days from the file-name date 2023-06-30']);
  });

  it('German and Dutch short dates are day-first; seconds may be missing; 2-digit years', () => {
    expect(parseInfoDate('06.05.2023 09:26:01')).toEqual({ value: '2023-05-06T09:26:01', order: 'day-month-year', problems: [] });
    expect(parseInfoDate('6-5-2023 9:26')).toEqual({ value: '2023-05-06T09:26:00', order: 'day-month-year', problems: [] });
    expect(parseInfoDate('24/05/23 09:26:01.5').value).toBe('2023-05-24T09:26:01');
  });

  it('refuses what is not a date and time', () => {
    expect(parseInfoDate('31/02/2023 10:00:00')).toEqual({ value: null, order: 'day-month-year', problems: ['"31/02/2023 10:00:00" is not a valid calendar date'] });
    expect(parseInfoDate('24/05/2023 25:00:00').problems).toEqual(['"24/05/2023 25:00:00" has an invalid time of day']);
    expect(parseInfoDate('24/05/2023').problems).toEqual(['"24/05/2023" has no time of day']);
    expect(parseInfoDate('yesterday')).toEqual({ value: null, order: null, problems: ['"yesterday" is not a date and time in a known format'] });
    expect(parseInfoDate('').value).toBeNull();
  });
});
