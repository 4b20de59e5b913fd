/**
 * A target's value in a few words, for conflict reasons and the conflicts panel ("L20 3", "approved",
 * "comment “bubbles”"). Values come from other workstations too, so nothing is assumed about their shape.
 */
function field(value: unknown, name: string): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined;
}

function clip(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function describeValue(kind: string, value: unknown): string {
  if (value === null || value === undefined) {
    if (kind === 'flag' || kind === 'value-flag') return 'no flag';
    if (kind === 'comment') return 'no comment';
    if (kind === 'review') return 'unreviewed';
    return 'nothing';
  }
  switch (kind) {
    case 'flag':
    case 'value-flag': {
      const scheme = field(value, 'scheme');
      const code = field(value, 'code');
      return `${typeof scheme === 'string' ? scheme : 'L20'} ${String(code)}`;
    }
    case 'review': {
      const state = field(value, 'state');
      return typeof state === 'string' ? state : 'a review';
    }
    case 'comment': {
      const text = field(value, 'text');
      return typeof text === 'string' ? `comment “${clip(text, 40)}”` : 'a comment';
    }
    case 'template': {
      const name = field(field(value, 'template'), 'name');
      return typeof name === 'string' ? `template “${clip(name, 40)}”` : 'a template version';
    }
    case 'template-assignment': {
      const id = field(value, 'templateId');
      return typeof id === 'string' ? `template ${id}` : 'a template';
    }
    case 'gate-override':
      return 'an override of the gate';
    case 'volume': {
      const method = field(field(value, 'volume'), 'method');
      return typeof method === 'string' ? `volume by ${method}` : 'a volume method';
    }
    case 'trigger-confirmation':
      return field(value, 'confirmed') === true ? 'confirmed' : 'not confirmed';
    case 'dataset': {
      const title = field(field(value, 'metadata'), 'title');
      return typeof title === 'string' ? `dataset “${clip(title, 40)}”` : 'a dataset version';
    }
    default:
      return clip(JSON.stringify(value));
  }
}

/** The reason of the event that keeps one's own version over someone else's. */
export function keptMineReason(kind: string, mine: unknown, theirs: unknown, theirActor: string): string {
  return `conflict resolved: kept ${describeValue(kind, mine)} over ${theirActor}'s ${describeValue(kind, theirs)}`;
}
