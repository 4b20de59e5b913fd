/**
 * A workstation process for crash tests: opens the library given as argument and syncs it again and again until
 * killed (the test SIGKILLs it at a random moment). Prints one line per run.
 */
import { openLibraryDatabase } from '../../library/library-database.js';
import { runSync } from '../run-sync.js';

const dir = process.argv[2];
if (!dir) throw new Error('usage: sync-child.ts LIBRARY_DIR');
const lib = openLibraryDatabase(dir);
process.stdout.write('ready\n');
for (;;) {
  const r = await runSync(lib.db, lib.filesDir, { tries: 2, backoff: { baseMs: 5, maxMs: 50 }, timeoutMs: 2000, fileConcurrency: 2, fileBatchFiles: 1, maxFiles: 200 });
  process.stdout.write(`${JSON.stringify({ pushed: r.pushed, files: r.files.sent, remaining: r.remaining })}\n`);
}
