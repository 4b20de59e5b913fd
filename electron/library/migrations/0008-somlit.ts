import type { Migration } from './migration.js';

/**
 * SOMLIT lab entries join the change-event log (shared/somlit/somlit-actions.ts): a sampling row's fields
 * (`somlit-entry`) and one parameter's value and quality code (`somlit-value`, group = parameter code) are
 * library-wide targets naming their entry in object_id. Their current state is the target_state rows, so no table
 * of its own is needed; the actions and kinds are reference rows (migration 0006), added here.
 */
export const migration0008: Migration = {
  version: 8,
  name: 'somlit',
  up(db) {
    db.exec(`
      INSERT OR IGNORE INTO change_actions (action) VALUES ('somlit-save'), ('somlit-delete'), ('somlit-import'), ('somlit-link-cytometry');
      INSERT OR IGNORE INTO change_target_kinds (kind, library_wide, needs_object) VALUES ('somlit-entry', 1, 1), ('somlit-value', 1, 1);
    `);
  },
};
