import { describe, expect, it } from 'vitest';
import { createTranslator, englishT } from '../i18n/translate.js';
import { fieldDomId, fieldLabel, problemLine, problemText } from './field-labels.js';

describe('field labels', () => {
  it('names fields, unit fields and unknown paths', () => {
    expect(fieldLabel(englishT, 'pi.email')).toBe('PI e-mail');
    expect(fieldLabel(englishT, 'cdis.1.station.latitude')).toBe('Unit 2: Latitude (°N)');
    expect(fieldLabel(englishT, 'cdis.0')).toBe('Unit 1');
    expect(fieldLabel(englishT, 'cdis.0.station')).toBe('Unit 1');
    expect(fieldLabel(englishT, 'pi.phone')).toBe('pi.phone');
    expect(fieldLabel(englishT, 'discoveryParameters.2')).toBe('Discovery parameters (discoveryParameters.2)');
  });

  it('says each problem in the reader’s language', () => {
    const fr = createTranslator('fr');
    expect(problemText(englishT, { field: 'x', kind: 'out-of-range', min: -90, max: 90 })).toBe('must be between -90 and 90');
    expect(problemText(fr, { field: 'x', kind: 'required' })).toBe('obligatoire');
    expect(problemText(englishT, { field: 'x', kind: 'other', message: 'String must contain at most 250 character(s)' })).toBe('String must contain at most 250 character(s)');
    expect(problemLine(englishT, { field: 'holdingCentreEdmo', kind: 'edmo' })).toBe('Data-holding centre (EDMO code): an EDMO code is a number, e.g. 1084');
    expect(problemLine(fr, { field: 'cdis.0.localCdiId', kind: 'required' })).toBe('Unité 1\u00a0: LOCAL_CDI_ID\u00a0: obligatoire');
  });

  it('makes DOM ids from field keys', () => {
    expect(fieldDomId('cdis.0.station.latitude')).toBe('publish-field-cdis-0-station-latitude');
    expect(fieldDomId('pi.email')).toBe('publish-field-pi-email');
  });
});
