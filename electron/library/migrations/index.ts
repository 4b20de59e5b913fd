import { migration0001 } from './0001-library-meta.js';
import { migration0002 } from './0002-samples.js';
import { migration0003 } from './0003-deployments.js';
import { migration0004 } from './0004-imports.js';
import { migration0005 } from './0005-change-events.js';
import { migration0006 } from './0006-gating.js';
import { migration0007 } from './0007-sync.js';
import { migration0008 } from './0008-somlit.js';
import { migration0009 } from './0009-sync-file-lane.js';
import type { Migration } from './migration.js';

/** Every migration, in order. A new one is appended here with the next number and its own test. */
export const migrations: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008, migration0009];

export const latestSchemaVersion = migrations.length;
