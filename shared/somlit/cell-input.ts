/**
 * What typing into a value, quality-code or comment cell does to a stored cell, with the rules applied as the
 * technician types: a code of 1, 5 or 9 clears the value; code 0 takes the table's detection limit; a number typed
 * over a no-value or below-detection code takes the table's default code (2); 999999 (or "-") is the file's missing
 * value and never a number; a value outside its plausible range asks for code 3 or 4 and a comment. The result is
 * the cell to store (null: the cell is cleared) and the problems that stop it from being stored.
 */
import type { SomlitProblem } from './consistency-rules.js';
import { cellProblems } from './consistency-rules.js';
import type { SomlitCode } from './quality-codes.js';
import { isNoValueCode, isSomlitCode } from './quality-codes.js';
import type { SomlitValueValue } from './somlit-entry.js';
import { isMissingMarker, parseNumberText } from './somlit-entry.js';
import type { SomlitParameter } from './somlit-table.js';

/** What was typed; a field left undefined keeps its stored content. */
export interface CellInput {
  value?: string;
  code?: string;
  comment?: string;
}

export interface CellInputResult {
  /** The cell to store; null clears it (no value, no code). */
  cell: SomlitValueValue | null;
  problems: SomlitProblem[];
}

export interface CellInputOptions {
  defaultCode: string;
  missingValue?: string;
}

export function applyCellInput(parameter: SomlitParameter, current: SomlitValueValue | null, input: CellInput, options: CellInputOptions): CellInputResult {
  const field = parameter.code;
  const missingValue = options.missingValue ?? '999999';
  let value = current?.value ?? null;
  let code: string | null = current?.code ?? null;
  let comment = current?.comment ?? null;
  let typedMissing = false;
  let valueTyped = false;

  if (input.value !== undefined) {
    const text = input.value.trim();
    if (text === '') {
      value = null;
      // Emptying the value of a cell that needs one empties the cell (the code went with the value).
      if (input.code === undefined && code !== null && !isNoValueCode(code)) code = null;
    } else if (isMissingMarker(text, missingValue)) {
      value = null;
      typedMissing = true;
    } else {
      const n = parseNumberText(text);
      if (n === null) return { cell: current, problems: [{ rule: 'not-a-number', field, params: { text } }] };
      value = n;
      valueTyped = true;
    }
  }

  if (input.code !== undefined) {
    const text = input.code.trim();
    if (text === '') code = null;
    else if (!isSomlitCode(text)) return { cell: current, problems: [{ rule: 'unknown-code', field, params: { code: text } }] };
    else {
      code = text;
      if (isNoValueCode(text) && input.value === undefined) value = null;
      if (text === '0' && input.value === undefined && parameter.detectionLimit !== null) value = parameter.detectionLimit;
    }
  } else if (valueTyped && (code === null || isNoValueCode(code) || (code === '0' && value !== parameter.detectionLimit))) {
    // A number typed where there was none (or over a below-detection mark): a plain measurement.
    code = options.defaultCode;
  }

  if (input.comment !== undefined) comment = input.comment.trim() === '' ? null : input.comment.trim();

  if (value === null && code === null) {
    if (typedMissing) return { cell: current, problems: [{ rule: 'missing-value-number', field, params: { value: missingValue } }] };
    return { cell: null, problems: [] };
  }
  if (code === null) return { cell: current, problems: [{ rule: 'needs-code', field, params: {} }] };

  const changedMeasure = input.value !== undefined || input.code !== undefined;
  const cell: SomlitValueValue = {
    value,
    code: code as SomlitCode,
    comment,
    // A typed change replaces a linked or imported value; a comment alone keeps where the value came from.
    source: changedMeasure && !(current && current.value === value && current.code === code) ? null : (current?.source ?? null),
  };
  if (typedMissing && !isNoValueCode(cell.code)) return { cell, problems: [{ rule: 'missing-value-number', field, params: { value: missingValue } }] };
  return { cell, problems: cellProblems(parameter, cell, missingValue) };
}

/** The quality-code text shown for a cell (empty when nothing is stored). */
export function codeText(cell: SomlitValueValue | null | undefined): string {
  return cell?.code ?? '';
}
