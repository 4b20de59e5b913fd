/** A command's string option as given (`--name VALUE`), or null when absent or given as a flag. */
export function textOption(ctx: { values: Record<string, unknown> }, name: string): string | null {
  const v = ctx.values[name];
  return typeof v === 'string' ? v : null;
}
