import { describe, expect, it } from 'vitest';
import { parseSmartTriggerRule } from './smart-trigger-rule.js';

describe('parseSmartTriggerRule', () => {
  it('parses single conditions from the doc', () => {
    expect(parseSmartTriggerRule(['Fl Red Maximum > 10'])).toEqual({
      text: 'Fl Red Maximum > 10',
      parsed: { channel: 'Fl Red', parameter: 'Maximum', operator: '>', value: 10 },
    });
    expect(parseSmartTriggerRule(['\tFWS Maximum > 500']).parsed).toEqual({ channel: 'FWS', parameter: 'Maximum', operator: '>', value: 500 });
    expect(parseSmartTriggerRule(['FWS L Length(50%) >= 2,5']).parsed).toEqual({ channel: 'FWS L', parameter: 'Length(50%)', operator: '>=', value: 2.5 });
    expect(parseSmartTriggerRule(['FL Red Fill factor<0.5']).parsed).toEqual({ channel: 'FL Red', parameter: 'Fill factor', operator: '<', value: 0.5 });
  });

  it('keeps the text and parses nothing it does not understand', () => {
    expect(parseSmartTriggerRule(['Fl Red Maximum > 10', 'FWS Total > 5'])).toEqual({ text: 'Fl Red Maximum > 10\nFWS Total > 5', parsed: null });
    expect(parseSmartTriggerRule(['Fl Red is bright'])).toEqual({ text: 'Fl Red is bright', parsed: null });
    expect(parseSmartTriggerRule([])).toEqual({ text: '', parsed: null });
  });
});
