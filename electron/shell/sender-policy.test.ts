import { describe, expect, it } from 'vitest';
import { appEntryUrl, checkSender, isAppUrl } from './sender-policy.js';

describe('isAppUrl', () => {
  it.each([appEntryUrl, 'app://cytocurator/', 'app://cytocurator/assets/index-abc.js?x=1#top', 'app://cytocurator'])(
    'accepts %s',
    (url) => expect(isAppUrl(url)).toBe(true),
  );

  it.each([
    '',
    'not a url',
    'file:///index.html',
    'http://cytocurator/index.html',
    'https://cytocurator/index.html',
    'app://cytocurator.evil.example/index.html',
    'app://evil/index.html',
    'app://cytocurator@evil/index.html',
    'app://user:pw@cytocurator/index.html',
    'app://cytocurator:8080/index.html',
    'app:cytocurator/index.html',
    'app:///index.html',
    'devtools://devtools/bundled/inspector.html',
    'about:blank',
  ])('refuses %s', (url) => expect(isAppUrl(url)).toBe(false));

  it('refuses missing values', () => {
    expect(isAppUrl(null)).toBe(false);
    expect(isAppUrl(undefined)).toBe(false);
  });
});

describe('checkSender', () => {
  const good = { frameUrl: appEntryUrl, isMainFrame: true, isAppWindow: true };

  it('accepts the app window top frame on app://cytocurator', () => {
    expect(checkSender(good)).toEqual({ ok: true });
  });

  it('refuses another WebContents even with the right URL', () => {
    const v = checkSender({ ...good, isAppWindow: false });
    expect(v.ok).toBe(false);
  });

  it('refuses subframes', () => {
    expect(checkSender({ ...good, isMainFrame: false }).ok).toBe(false);
  });

  it('refuses foreign or missing frame URLs and says which', () => {
    const v = checkSender({ ...good, frameUrl: 'https://evil.example/' });
    expect(v).toEqual({ ok: false, reason: expect.stringContaining('https://evil.example/') });
    expect(checkSender({ ...good, frameUrl: null })).toEqual({ ok: false, reason: expect.stringContaining('no frame') });
  });
});
