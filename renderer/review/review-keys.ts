/**
 * The review keyboard: which key does what. Keys are ignored while the user types in a field, and when a
 * modifier (Ctrl, Alt, Meta) is held, so browser and system shortcuts keep working.
 */
export type ReviewCommand =
  | { type: 'next' }
  | { type: 'previous' }
  | { type: 'flag'; code: string }
  | { type: 'approve' }
  | { type: 'attention' }
  | { type: 'comment' }
  | { type: 'undo' }
  | { type: 'help' }
  | { type: 'escape' };

export interface KeyLike {
  key: string;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
}

export function reviewCommand(e: KeyLike): ReviewCommand | null {
  if (e.ctrlKey || e.altKey || e.metaKey) return null;
  if (/^[0-9]$/.test(e.key)) return { type: 'flag', code: e.key };
  switch (e.key) {
    case 'j':
    case 'ArrowDown':
      return { type: 'next' };
    case 'k':
    case 'ArrowUp':
      return { type: 'previous' };
    case 'a':
      return { type: 'approve' };
    case 'n':
      return { type: 'attention' };
    case 'c':
      return { type: 'comment' };
    case 'u':
      return { type: 'undo' };
    case '?':
      return { type: 'help' };
    case 'Escape':
      return { type: 'escape' };
    default:
      return null;
  }
}

/** True for text fields, selects and editable content: keys typed there are text, not commands. */
export function isTypingTarget(target: unknown): boolean {
  if (typeof target !== 'object' || target === null) return false;
  const el = target as { tagName?: string; isContentEditable?: boolean; type?: string };
  if (el.isContentEditable) return true;
  const tag = (el.tagName ?? '').toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes((el.type ?? 'text').toLowerCase());
}

/** The shortcuts as the help overlay lists them. */
export const shortcutList = [
  { keys: ['j', '↓'], what: 'help.next' },
  { keys: ['k', '↑'], what: 'help.previous' },
  { keys: ['0', '…', '9'], what: 'help.flag' },
  { keys: ['a'], what: 'help.approve' },
  { keys: ['n'], what: 'help.attention' },
  { keys: ['c'], what: 'help.comment' },
  { keys: ['u'], what: 'help.undo' },
  { keys: ['Enter'], what: 'help.open' },
  { keys: ['?'], what: 'help.help' },
  { keys: ['Esc'], what: 'help.escape' },
] as const;
