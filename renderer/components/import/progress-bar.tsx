/** A determinate bar (0…1), or an indeterminate one while the total is not known yet. */
export interface ProgressBarProps {
  fraction: number | null;
  label: string;
}

export function ProgressBar({ fraction, label }: ProgressBarProps) {
  const percent = fraction === null ? null : Math.round(fraction * 100);
  return (
    <div
      className={`cc-progress${percent === null ? ' cc-progress-indeterminate' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent ?? undefined}
      data-testid="import-progress-bar"
    >
      <div className="cc-progress-fill" style={percent === null ? undefined : { width: `${percent}%` }} />
    </div>
  );
}
