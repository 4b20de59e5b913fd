/**
 * The smart-trigger rule written under `Smart Triggered!` in a CC4 Info export, e.g. `Fl Red Maximum > 10`:
 * `<channel> <parameter> <operator> <value>`. Channel names are free text with spaces, so the parameter is found
 * as a known listmode parameter name (§6.3) at the end of the left-hand side, longest first.
 *
 * Decided here: only a single condition is parsed; several rule lines (never seen, format unknown) keep their
 * text with `parsed: null`, so nothing is guessed.
 */
export interface SmartTriggerCondition {
  channel: string;
  /** Parameter display name as written (`Maximum`, `Fill factor`, `Length(50%)`, …). */
  parameter: string;
  operator: '>' | '>=' | '<' | '<=' | '=' | '<>';
  value: number;
}

export interface SmartTriggerRule {
  /** The rule lines, trimmed, joined with `\n`. */
  text: string;
  parsed: SmartTriggerCondition | null;
}

const parameters = [
  'Sample Length',
  'SWS covariance',
  'Center of gravity',
  'Number of cells',
  'Fill factor',
  'Asymmetry',
  'Maximum',
  'Minimum',
  'Average',
  'Inertia',
  'Length\\(\\d+%\\)',
  'Length',
  'Total',
  'First',
  'Last',
];
const condition = new RegExp(`^(.+?)\\s+(${parameters.join('|')})\\s*(>=|<=|<>|!=|==|=|>|<)\\s*([+-]?(?:\\d+(?:[.,]\\d*)?|[.,]\\d+)(?:[eE][+-]?\\d+)?)$`, 'i');

export function parseSmartTriggerRule(lines: readonly string[]): SmartTriggerRule {
  const trimmed = lines.map((l) => l.trim()).filter((l) => l !== '');
  const text = trimmed.join('\n');
  const only = trimmed.length === 1 ? trimmed[0] : undefined;
  const m = only === undefined ? null : condition.exec(only);
  if (!m) return { text, parsed: null };
  const op = m[3] as string;
  const operator: SmartTriggerCondition['operator'] = op === '==' ? '=' : op === '!=' ? '<>' : (op as SmartTriggerCondition['operator']);
  return {
    text,
    parsed: { channel: m[1] as string, parameter: m[2] as string, operator, value: Number((m[4] as string).replace(',', '.')) },
  };
}
