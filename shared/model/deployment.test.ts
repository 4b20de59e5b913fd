import { describe, expect, it } from 'vitest';
import { deploymentRuleMatches } from './deployment.js';

const none = { folder: null, serial: null, from: null, to: null };
const candidate = { sourcePath: '/data/solemio/2026/x_Info.txt', serial: 'CS-2015-67', startedAtUtc: '2026-05-14T06:03:00Z' };

describe('deployment rules', () => {
  it('match on every part they set', () => {
    expect(deploymentRuleMatches({ ...none, folder: '/data/solemio' }, candidate)).toBe(true);
    expect(deploymentRuleMatches({ ...none, folder: '/data/solemio/' }, candidate)).toBe(true);
    expect(deploymentRuleMatches({ ...none, folder: '/data/sole' }, candidate)).toBe(false);
    expect(deploymentRuleMatches({ ...none, serial: 'cs-2015-67' }, candidate)).toBe(true);
    expect(deploymentRuleMatches({ ...none, serial: 'CS-2015-68' }, candidate)).toBe(false);
    expect(deploymentRuleMatches({ ...none, serial: 'CS-2015-67', from: '2026-05-01T00:00:00Z', to: '2026-06-01T00:00:00Z' }, candidate)).toBe(true);
    expect(deploymentRuleMatches({ ...none, from: '2026-05-14T06:03:00Z' }, candidate)).toBe(true);
    expect(deploymentRuleMatches({ ...none, to: '2026-05-14T06:03:00Z' }, candidate)).toBe(false);
    expect(deploymentRuleMatches({ ...none, folder: 'C:\\data\\solemio' }, { ...candidate, sourcePath: 'C:\\data\\solemio\\a.csv' })).toBe(true);
  });
  it('an empty rule matches nothing, and unknown values never match a set part', () => {
    expect(deploymentRuleMatches(none, candidate)).toBe(false);
    expect(deploymentRuleMatches({ ...none, serial: 'X' }, { ...candidate, serial: null })).toBe(false);
    expect(deploymentRuleMatches({ ...none, from: '2020-01-01T00:00:00Z' }, { ...candidate, startedAtUtc: null })).toBe(false);
  });
});
