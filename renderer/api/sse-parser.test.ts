import { describe, expect, it } from 'vitest';
import { createSseParser } from './sse-parser.js';

function feedAll(chunks: string[]) {
  const parser = createSseParser();
  return { messages: chunks.flatMap((c) => parser.push(c)), parser };
}

describe('createSseParser', () => {
  it('parses one data event', () => {
    const { messages } = feedAll(['data: {"type":"progress"}\n\n']);
    expect(messages).toEqual([{ event: 'message', data: '{"type":"progress"}', lastEventId: undefined }]);
  });

  it('ignores keep-alive comments', () => {
    const { messages } = feedAll([': keep-alive\n\n', ':\n\n', 'data: 1\n\n', ': ping\n\n']);
    expect(messages.map((m) => m.data)).toEqual(['1']);
  });

  it('joins multi-line data with newlines', () => {
    const { messages } = feedAll(['data: a\ndata: b\ndata:c\n\n']);
    expect(messages[0]?.data).toBe('a\nb\nc');
  });

  it('handles chunks split anywhere, including inside a field name and value', () => {
    const whole = 'data: {"a":1}\n\n: ka\n\ndata: {"b":2}\n\n';
    for (let size = 1; size <= 5; size++) {
      const chunks: string[] = [];
      for (let i = 0; i < whole.length; i += size) chunks.push(whole.slice(i, i + size));
      const { messages } = feedAll(chunks);
      expect(messages.map((m) => m.data)).toEqual(['{"a":1}', '{"b":2}']);
    }
  });

  it('accepts CRLF and CR line endings, even when CR and LF arrive in different chunks', () => {
    expect(feedAll(['data: x\r\n\r\n']).messages.map((m) => m.data)).toEqual(['x']);
    expect(feedAll(['data: y\r\r']).messages.map((m) => m.data)).toEqual(['y']);
    // "data: z\r" + "\n\r\n": the split CR LF must count as one line break.
    expect(feedAll(['data: z\r', '\n', 'data: w\r\n\r\n']).messages.map((m) => m.data)).toEqual(['z\nw']);
  });

  it('does not dispatch an event until its blank line arrives', () => {
    const parser = createSseParser();
    expect(parser.push('data: pending\n')).toEqual([]);
    expect(parser.push('\n')).toHaveLength(1);
  });

  it('does not dispatch blocks without data', () => {
    const { messages } = feedAll(['event: nothing\n\n', 'id: 7\n\n']);
    expect(messages).toEqual([]);
  });

  it('reads event, id and retry fields and strips a leading BOM', () => {
    const { messages, parser } = feedAll(['\uFEFFretry: 2500\nid: 42\nevent: custom\ndata: d\n\ndata: e\n\n']);
    expect(messages).toEqual([
      { event: 'custom', data: 'd', lastEventId: '42' },
      { event: 'message', data: 'e', lastEventId: '42' },
    ]);
    expect(parser.retryMs).toBe(2500);
  });

  it('keeps only one leading space of a value and treats a bare field name as empty', () => {
    const { messages } = feedAll(['data:  two spaces\ndata\n\n']);
    expect(messages[0]?.data).toBe(' two spaces\n');
  });

  it('ignores an invalid retry value and unknown fields', () => {
    const { messages, parser } = feedAll(['retry: soon\nfoo: bar\ndata: ok\n\n']);
    expect(parser.retryMs).toBeUndefined();
    expect(messages.map((m) => m.data)).toEqual(['ok']);
  });
});
