/**
 * Sync's place at the top of the window: keeps the sync store current (one feed per window), shows the
 * conflicts panel while conflicts are open, and hosts the Sync panel (opened from the status bar's sync item).
 */
import { ConflictsPanel } from './conflicts-panel.js';
import { SyncPanel } from './sync-panel.js';
import { useSyncFeed, useSyncStore } from './use-sync-store.js';
import './sync.css';

export function SyncArea() {
  useSyncFeed();
  const open = useSyncStore((s) => s.open);
  return (
    <>
      <ConflictsPanel />
      {open && <SyncPanel />}
    </>
  );
}
