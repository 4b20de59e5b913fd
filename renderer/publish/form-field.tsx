/**
 * One field of the dataset form: its label, the control, a hint, and its problem right below it (from the form's
 * own checks, the metadata schema or the service), tied to the control for screen readers.
 */
import type { ReactNode } from 'react';
import { useT } from '../i18n/use-i18n.js';
import type { DraftProblem } from './draft-problems.js';
import { fieldDomId, problemText } from './field-labels.js';

export interface FieldProps {
  field: string;
  label: string;
  required?: boolean;
  hint?: ReactNode;
  problem: DraftProblem | undefined;
  /** Renders the control with its id, described-by and invalid state. */
  children: (control: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactNode;
  wide?: boolean;
}

export function FormField({ field, label, required, hint, problem, children, wide }: FieldProps) {
  const t = useT();
  const id = fieldDomId(field);
  const problemId = `${id}-problem`;
  const hintId = `${id}-hint`;
  const describedBy = [problem ? problemId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`cc-publish-field${wide ? ' cc-publish-field-wide' : ''}${problem ? ' cc-publish-field-invalid' : ''}`} data-field={field}>
      <label htmlFor={id} className="cc-publish-label">
        {label}
        {required && (
          <span className="cc-publish-required" title={t('publish.requiredHint')}>
            {' '}
            *
          </span>
        )}
      </label>
      {children({ id, ...(describedBy ? { 'aria-describedby': describedBy } : {}), ...(problem ? { 'aria-invalid': true } : {}) })}
      {problem && (
        <p id={problemId} className="cc-publish-problem" data-testid="field-problem" data-field={field}>
          {problemText(t, problem)}
        </p>
      )}
      {hint && (
        <p id={hintId} className="cc-field-hint">
          {hint}
        </p>
      )}
    </div>
  );
}

/** A text input bound to the form. */
export function TextInput({
  control,
  value,
  onChange,
  testId,
  mono,
  inputMode,
  placeholder,
}: {
  control: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean };
  value: string;
  onChange(value: string): void;
  testId: string;
  mono?: boolean;
  inputMode?: 'decimal' | 'numeric' | 'email' | 'text';
  placeholder?: string;
}) {
  return (
    <input
      {...control}
      type="text"
      className={`cc-publish-input${mono ? ' cc-mono' : ''}`}
      value={value}
      spellCheck={false}
      autoComplete="off"
      inputMode={inputMode}
      placeholder={placeholder}
      onChange={(e) => onChange(e.target.value)}
      data-testid={testId}
    />
  );
}
