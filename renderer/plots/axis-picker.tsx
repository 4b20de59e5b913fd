/** Chooses what a plot axis shows: a column or a ratio A / B of two, and a transform (linear, log, logicle). */
import { useId } from 'react';
import type { MessageKey } from '../i18n/en.js';
import { useT } from '../i18n/use-i18n.js';
import type { AxisChoice, CytogramAxes, TransformKind } from './axis-choice.js';
import { TRANSFORM_KINDS } from './axis-choice.js';

export interface AxisPickerProps {
  /** "X", "Y", … */
  label: string;
  columns: readonly string[];
  value: AxisChoice;
  onChange: (value: AxisChoice) => void;
  disabled?: boolean;
  testId?: string;
}

const RATIO = '\u0000ratio';
const TRANSFORM_LABELS: Record<TransformKind, MessageKey> = { linear: 'axis.linear', log: 'axis.log', logicle: 'axis.logicle' };

/** The columns plus any the value names that the list lacks (so a choice is never silently shown as another). */
function withChosen(columns: readonly string[], chosen: (string | undefined)[]): string[] {
  const out = [...columns];
  for (const c of chosen) if (c !== undefined && !out.includes(c)) out.push(c);
  return out;
}

function ColumnOptions({ columns }: { columns: readonly string[] }) {
  return (
    <>
      {columns.map((c) => (
        <option key={c} value={c}>
          {c}
        </option>
      ))}
    </>
  );
}

export function AxisPicker({ label, columns, value, onChange, disabled = false, testId }: AxisPickerProps) {
  const t = useT();
  const id = useId();
  const p = value.parameter;
  const options = withChosen(columns, p.type === 'single' ? [p.column] : [p.numerator, p.denominator]);
  const first = options[0] ?? '';

  const setParameter = (selected: string) => {
    if (selected === RATIO) {
      const numerator = p.type === 'single' ? p.column : p.numerator;
      const denominator = options.find((c) => c !== numerator) ?? numerator;
      onChange({ ...value, parameter: { type: 'ratio', numerator, denominator } });
    } else {
      onChange({ ...value, parameter: { type: 'single', column: selected } });
    }
  };

  return (
    <fieldset className="cc-axis-picker" disabled={disabled} data-testid={testId}>
      <legend className="cc-axis-picker-legend">{label}</legend>
      <label className="cc-visually-hidden" htmlFor={`${id}-param`}>
        {t('axis.parameter', { axis: label })}
      </label>
      <select id={`${id}-param`} className="cc-select cc-axis-select" value={p.type === 'single' ? p.column : RATIO} onChange={(e) => setParameter(e.target.value)}>
        <ColumnOptions columns={options} />
        <option value={RATIO}>{t('axis.ratio')}</option>
      </select>
      {p.type === 'ratio' && (
        <span className="cc-axis-ratio">
          <label className="cc-visually-hidden" htmlFor={`${id}-num`}>
            {t('axis.numerator', { axis: label })}
          </label>
          <select
            id={`${id}-num`}
            className="cc-select cc-axis-select"
            value={p.numerator}
            onChange={(e) => onChange({ ...value, parameter: { ...p, numerator: e.target.value || first } })}
          >
            <ColumnOptions columns={options} />
          </select>
          <span aria-hidden="true">/</span>
          <label className="cc-visually-hidden" htmlFor={`${id}-den`}>
            {t('axis.denominator', { axis: label })}
          </label>
          <select
            id={`${id}-den`}
            className="cc-select cc-axis-select"
            value={p.denominator}
            onChange={(e) => onChange({ ...value, parameter: { ...p, denominator: e.target.value || first } })}
          >
            <ColumnOptions columns={options} />
          </select>
        </span>
      )}
      <label className="cc-visually-hidden" htmlFor={`${id}-transform`}>
        {t('axis.scale', { axis: label })}
      </label>
      <select
        id={`${id}-transform`}
        className="cc-select cc-axis-transform"
        value={value.transform}
        onChange={(e) => onChange({ ...value, transform: e.target.value as TransformKind })}
      >
        {TRANSFORM_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(TRANSFORM_LABELS[k])}
          </option>
        ))}
      </select>
    </fieldset>
  );
}

export interface CytogramAxesPickerProps {
  columns: readonly string[];
  value: CytogramAxes;
  onChange: (value: CytogramAxes) => void;
  disabled?: boolean;
}

/** X and Y pickers of one cytogram, with a swap button. */
export function CytogramAxesPicker({ columns, value, onChange, disabled = false }: CytogramAxesPickerProps) {
  const t = useT();
  return (
    <div className="cc-axes-picker">
      <AxisPicker label="X" columns={columns} value={value.x} onChange={(x) => onChange({ ...value, x })} disabled={disabled} testId="axis-picker-x" />
      <AxisPicker label="Y" columns={columns} value={value.y} onChange={(y) => onChange({ ...value, y })} disabled={disabled} testId="axis-picker-y" />
      <button
        type="button"
        className="cc-button cc-button-quiet cc-axes-swap"
        onClick={() => onChange({ x: value.y, y: value.x })}
        disabled={disabled}
        title={t('axis.swap')}
        aria-label={t('axis.swap')}
      >
        ⇄
      </button>
    </div>
  );
}
