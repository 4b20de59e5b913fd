/**
 * A pure, incremental parser for the text/event-stream format (the WHATWG "server-sent events" rules).
 * EventSource cannot send an Authorization header, so browser mode reads /api/events with fetch and feeds
 * the decoded text through this parser. Chunks may split lines (and even a CR LF pair) anywhere.
 */

export interface SseMessage {
  /** The `event:` field, "message" when absent. */
  event: string;
  /** The `data:` lines joined with "\n". */
  data: string;
  /** The last `id:` seen on the stream so far, if any. */
  lastEventId: string | undefined;
}

export interface SseParser {
  /** Feeds decoded text; returns the messages completed by it, in order. */
  push(chunk: string): SseMessage[];
  /** The reconnection delay the server asked for with `retry:`, if any. */
  readonly retryMs: number | undefined;
}

export function createSseParser(): SseParser {
  let buffer = '';
  let atStreamStart = true;
  // A chunk ending in CR may be followed by LF in the next chunk: one line break, not two.
  let skipLeadingLf = false;
  let dataLines: string[] = [];
  let hasData = false;
  let eventType = '';
  let lastEventId: string | undefined;
  let retryMs: number | undefined;

  function processLine(line: string, out: SseMessage[]): void {
    if (line === '') {
      if (hasData) out.push({ event: eventType || 'message', data: dataLines.join('\n'), lastEventId });
      dataLines = [];
      hasData = false;
      eventType = '';
      return;
    }
    if (line.startsWith(':')) return; // comment / keep-alive
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    switch (field) {
      case 'data':
        dataLines.push(value);
        hasData = true;
        break;
      case 'event':
        eventType = value;
        break;
      case 'id':
        if (!value.includes('\0')) lastEventId = value;
        break;
      case 'retry':
        if (/^\d+$/.test(value)) retryMs = Number(value);
        break;
      default:
        break; // unknown fields are ignored, as the spec requires
    }
  }

  return {
    push(chunk: string): SseMessage[] {
      const out: SseMessage[] = [];
      let text = chunk;
      if (atStreamStart && text.length > 0) {
        if (text.startsWith('\uFEFF')) text = text.slice(1);
        atStreamStart = false;
      }
      if (skipLeadingLf && text.length > 0) {
        if (text.startsWith('\n')) text = text.slice(1);
        skipLeadingLf = false;
      }
      buffer += text;
      let start = 0;
      for (let i = 0; i < buffer.length; i++) {
        const c = buffer.charCodeAt(i);
        if (c !== 10 && c !== 13) continue;
        processLine(buffer.slice(start, i), out);
        if (c === 13) {
          if (i + 1 < buffer.length) {
            if (buffer.charCodeAt(i + 1) === 10) i++;
          } else {
            skipLeadingLf = true;
          }
        }
        start = i + 1;
      }
      buffer = buffer.slice(start);
      return out;
    },
    get retryMs() {
      return retryMs;
    },
  };
}
