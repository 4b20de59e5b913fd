/**
 * The list of files and folders chosen for an import, as full paths. A folder is imported with everything
 * under it, so choosing a folder absorbs anything already chosen inside it, and an entry inside a chosen
 * folder is already covered (it is not listed twice).
 */
import { isInside } from './path-names.js';

/** The selected path that covers `p` (itself or a selected folder above it), or null. */
export function coveringSelection(selection: readonly string[], p: string): string | null {
  return selection.find((s) => s === p || isInside(s, p)) ?? null;
}

export function addToSelection(selection: readonly string[], p: string): string[] {
  if (coveringSelection(selection, p) !== null) return [...selection];
  return [...selection.filter((s) => !isInside(p, s)), p];
}

export function removeFromSelection(selection: readonly string[], p: string): string[] {
  return selection.filter((s) => s !== p);
}

/** Checkbox behaviour: select when not selected, unselect when selected itself (not when covered by a parent). */
export function toggleInSelection(selection: readonly string[], p: string): string[] {
  return selection.includes(p) ? removeFromSelection(selection, p) : addToSelection(selection, p);
}
