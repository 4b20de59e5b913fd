/** A filter that takes several values: a button saying what is chosen, and a checklist. */
import { useT } from '../../i18n/use-i18n.js';
import { toggleValue } from '../../review/sample-filter.js';
import { PopoverButton } from './popover-button.js';
import type { ReactNode } from 'react';

export interface MultiSelectProps<T extends string> {
  label: string;
  options: readonly { value: T; content: ReactNode; text: string }[];
  values: readonly T[];
  onChange(values: T[]): void;
  testId: string;
}

export function MultiSelect<T extends string>({ label, options, values, onChange, testId }: MultiSelectProps<T>) {
  const t = useT();
  const summary = values.length === 0 ? t('filter.all') : values.length === 1 ? (options.find((o) => o.value === values[0])?.text ?? values[0]) : t('filter.count', { count: values.length });
  const all = options.map((o) => o.value);
  return (
    <PopoverButton
      label={
        <>
          <span className="cc-filter-name">{label}:</span> <span className={values.length ? 'cc-filter-on' : 'cc-filter-off'}>{summary}</span>
        </>
      }
      ariaLabel={`${label}: ${summary}`}
      testId={testId}
      className={values.length ? 'cc-filter-active' : ''}
    >
      {() => (
        <fieldset className="cc-checklist" data-testid={`${testId}-options`}>
          <legend className="cc-visually-hidden">{label}</legend>
          {options.map((o) => (
            <label key={o.value} className="cc-checklist-item">
              <input type="checkbox" checked={values.includes(o.value)} onChange={() => onChange(toggleValue(values, o.value, all))} aria-label={o.text} />
              {o.content}
            </label>
          ))}
        </fieldset>
      )}
    </PopoverButton>
  );
}
