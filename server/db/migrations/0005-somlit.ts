import type { Migration } from './migration.js';
import { runStatements } from './migration.js';

/**
 * SOMLIT lab entries as the network's database wants them: one row per sampling (site, date, time, tide,
 * depth) and one value + SOMLIT quality code per parameter, kept in step with the technicians' change events.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'somlit',
  up: (tx) =>
    runStatements(tx, [
      `CREATE TABLE somlit_entries (
        entry_id         text PRIMARY KEY,
        site             text,
        sampled_on       text,
        sampled_at       text,
        tide_coefficient double precision,
        tide             text,
        depth_level      text,
        depth_m          double precision,
        event_id         text NOT NULL,
        actor            text NOT NULL,
        at               text NOT NULL
      )`,
      `CREATE TABLE somlit_values (
        entry_id   text NOT NULL,
        parameter  text NOT NULL,
        value      double precision,
        code       text NOT NULL CHECK (code ~ '^[0-9]$'),
        comment    text,
        source     jsonb,
        event_id   text NOT NULL,
        actor      text NOT NULL,
        at         text NOT NULL,
        PRIMARY KEY (entry_id, parameter)
      )`,
      'CREATE INDEX somlit_entries_site_date ON somlit_entries (site, sampled_on)',
    ]),
};
