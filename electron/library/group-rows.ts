/**
 * A sample's groups as the table and the time series show them: each set of its gate template under the standard
 * group name it maps to (what is published), or under its own name when it has none, with its stored abundance;
 * a sample without a template shows the sets CytoClus exported with it (view sample_groups, migration 0006).
 * Columns: sample_id, name, set_name, position, events, abundance_per_ml.
 */
export const GROUP_ROWS = `(
  SELECT a.sample_id, coalesce(a.group_name, a.set_name) AS name, a.set_name, a.position, a.events, a.abundance_per_ml FROM abundances a
  UNION ALL
  SELECT g.sample_id, g.name, g.name, g.position, g.events, g.abundance_per_ml FROM sample_groups g WHERE g.source = 'cytoclus'
)`;
