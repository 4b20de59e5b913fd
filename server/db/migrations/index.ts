import type { Migration } from './migration.js';
import { migration0001 } from './0001-accounts.js';
import { migration0002 } from './0002-event-log.js';
import { migration0003 } from './0003-projections.js';
import { migration0004 } from './0004-files.js';
import { migration0005 } from './0005-somlit.js';
import { migration0006 } from './0006-file-packs.js';
import { migration0007 } from './0007-sample-files-rows.js';
import { migration0008 } from './0008-sample-files-view.js';
import { migration0009 } from './0009-packed-files.js';

/** In order; a new step is appended with the next number. */
export const migrations: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008, migration0009];
