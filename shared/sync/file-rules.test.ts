import { describe, expect, it } from 'vitest';
import { deferralReason, parseFileRules } from './file-rules.js';

const ship = { hostnames: ['laptop', 'ship.example'], addresses: ['192.168.1.20'] };
const institute = { hostnames: ['laptop', 'osu.institute.example'], addresses: ['10.12.3.4'] };

describe('file deferral rules', () => {
  it('defers the named roles off the institute network, by domain or by IPv4 network', () => {
    const { rules, problem } = parseFileRules('{"deferRoles":["listmode","pulses"],"unlessHostMatches":"institute.example"}');
    expect(problem).toBeNull();
    expect(deferralReason('pulses', rules, ship)).toBe('pulses files wait for the institute.example network');
    expect(deferralReason('image', rules, ship)).toBeNull();
    expect(deferralReason('pulses', rules, institute)).toBeNull();
    // A look-alike domain does not count.
    expect(deferralReason('pulses', rules, { hostnames: ['notinstitute.example'], addresses: [] })).not.toBeNull();
    const byNet = parseFileRules('{"deferRoles":["listmode"],"unlessNetwork":"10.12.0.0/16"}').rules;
    expect(deferralReason('listmode', byNet, institute)).toBeNull();
    expect(deferralReason('listmode', byNet, { hostnames: [], addresses: ['10.13.0.1'] })).toBe('listmode files wait for network 10.12.0.0/16');
    expect(deferralReason('listmode', parseFileRules('{"deferRoles":["listmode"]}').rules, institute)).toBe('listmode files are deferred by rule');
  });

  it('reports a broken rule in plain words and defers nothing', () => {
    expect(parseFileRules(null)).toEqual({ rules: null, problem: null });
    expect(parseFileRules('  ')).toEqual({ rules: null, problem: null });
    expect(parseFileRules('{deferRoles')).toEqual({ rules: null, problem: 'the file deferral rule is not valid JSON; no file is deferred' });
    expect(parseFileRules('{"deferRoles":"pulses"}').problem).toMatch(/^the file deferral rule is invalid \(deferRoles: .*\); no file is deferred$/);
    expect(parseFileRules('{"deferRoles":[],"colour":"red"}').problem).toMatch(/invalid/);
    expect(parseFileRules('{"deferRoles":[],"unlessNetwork":"10.12.0.0/40"}').problem).toBe('the file deferral rule names an invalid network "10.12.0.0/40"; no file is deferred');
    expect(deferralReason('pulses', null, ship)).toBeNull();
  });
});
