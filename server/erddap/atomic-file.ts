import crypto from 'node:crypto';
import fsp from 'node:fs/promises';
import path from 'node:path';

/**
 * Replaces a file atomically: the content goes to a temporary name beside it (starting with a dot, so ERDDAP's
 * fileNameRegex never matches it), is flushed, then renamed over the target. ERDDAP never reads half a file.
 * Returns false (and writes nothing) when the file already holds exactly this content.
 */
export async function writeFileAtomic(file: string, content: string): Promise<boolean> {
  const existing = await fsp.readFile(file, 'utf8').catch(() => null);
  if (existing === content) return false;
  await fsp.mkdir(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}-${crypto.randomBytes(4).toString('hex')}.tmp`);
  const fh = await fsp.open(tmp, 'w', 0o644);
  try {
    await fh.writeFile(content, 'utf8');
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await fsp.rename(tmp, file);
  } catch (err) {
    await fsp.rm(tmp, { force: true });
    throw err;
  }
  return true;
}

/** Removes a file; false when it was not there. */
export async function removeFile(file: string): Promise<boolean> {
  try {
    await fsp.unlink(file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw err;
  }
}
