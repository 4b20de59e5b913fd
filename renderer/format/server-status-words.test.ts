import { describe, expect, it } from 'vitest';
import type { ServerStatus } from '../../shared/api/contract.js';
import { serverStatusWords } from './server-status-words.js';

const base: ServerStatus = { configured: true, url: 'https://sync.example', reachable: false, checkedAt: null, detail: 'offline' };

describe('serverStatusWords', () => {
  it('says offline in every unreachable case', () => {
    expect(serverStatusWords({ ...base, configured: false, url: null, detail: 'not configured' }).text).toBe(
      'Sync server: not configured — working offline',
    );
    expect(serverStatusWords(base).text).toBe('Sync server: offline');
    expect(serverStatusWords({ ...base, detail: 'connection refused' }).text).toBe('Sync server: offline (connection refused)');
  });

  it('says reachable when reachable', () => {
    expect(serverStatusWords({ ...base, reachable: true, detail: 'reachable' })).toEqual({ text: 'Sync server: reachable', tone: 'ok' });
  });
});
