/**
 * Who may talk to the service over IPC and where the window may navigate. Kept free of 'electron' so the
 * rules are unit-tested: the shell feeds them the frame URL and what it knows about the sending WebContents.
 */
export const appScheme = 'app';
export const appHost = 'cytocurator';
export const appOrigin = `${appScheme}://${appHost}`;
export const appEntryUrl = `${appOrigin}/index.html`;

/** True only for app://cytocurator/... exactly: no other host, no port, no credentials. */
export function isAppUrl(url: string | null | undefined): boolean {
  if (typeof url !== 'string' || url.length === 0) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  // Chromium lowercases hosts of standard schemes, so an exact compare is enough and refuses look-alikes.
  return (
    parsed.protocol === `${appScheme}:` &&
    parsed.host === appHost &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

export interface SenderFacts {
  /** URL of the frame that sent the message; null when the frame is gone (navigated away, destroyed). */
  frameUrl: string | null | undefined;
  /** The sender is the top frame of its page (subframes never get the API, so they never call it). */
  isMainFrame: boolean;
  /** The WebContents is the one owned by the app's window, not a devtools page or any other contents. */
  isAppWindow: boolean;
}

export type SenderVerdict = { ok: true } | { ok: false; reason: string };

export function checkSender(facts: SenderFacts): SenderVerdict {
  if (!facts.isAppWindow) return { ok: false, reason: 'sender is not the CytoCurator window' };
  if (!facts.isMainFrame) return { ok: false, reason: 'sender is not the top frame' };
  if (!isAppUrl(facts.frameUrl)) {
    return { ok: false, reason: `sender frame is not ${appOrigin}: ${String(facts.frameUrl ?? 'no frame')}` };
  }
  return { ok: true };
}
