/**
 * One window.curation call per key: re-run when the key changes, answers of an older key dropped. While a new key
 * loads, the last answer stays available (`previous`) so a plot can stay on screen, dimmed, instead of flashing.
 */
import { useEffect, useState } from 'react';
import type { CurationErrorData } from '../../shared/api/errors.js';
import { toErrorData } from '../../shared/api/errors.js';

export type CallState<T> =
  | { status: 'idle' }
  | { status: 'loading'; previous: T | null }
  | { status: 'ok'; data: T }
  | { status: 'error'; error: CurationErrorData; previous: T | null };

interface Settled<T> {
  key: string;
  result: { ok: true; data: T } | { ok: false; error: CurationErrorData };
}

/** `key` null: nothing to ask (idle). `call` is the one of the render in which the key last changed. */
export function useCurationCall<T>(key: string | null, call: () => Promise<T>): CallState<T> {
  const [settled, setSettled] = useState<Settled<T> | null>(null);
  const [lastData, setLastData] = useState<T | null>(null);

  useEffect(() => {
    if (key === null) return;
    let live = true;
    call().then(
      (data) => {
        if (!live) return;
        setSettled({ key, result: { ok: true, data } });
        setLastData(data);
      },
      (err: unknown) => {
        if (live) setSettled({ key, result: { ok: false, error: toErrorData(err) } });
      },
    );
    return () => {
      live = false;
    };
    // The call belongs to the key: it changes exactly when the key does
  }, [key]);

  if (key === null) return { status: 'idle' };
  if (!settled || settled.key !== key) return { status: 'loading', previous: lastData };
  return settled.result.ok ? { status: 'ok', data: settled.result.data } : { status: 'error', error: settled.result.error, previous: lastData };
}
