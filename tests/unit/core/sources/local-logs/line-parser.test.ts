import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LineParser } from '../../../../../electron/core/sources/local-logs/line-parser';

function parse(line: string): LineParser | null {
  const p = new LineParser();
  const b = Buffer.from(line);
  return p.parse(b, 0, b.length) ? p : null;
}

describe('LineParser', () => {
  it('reads the message fields at the right depth and ignores look-alikes in content and tool results', () => {
    const line = JSON.stringify({
      toolUseResult: { usage: { input_tokens: 999, output_tokens: 999 }, model: 'decoy' },
      message: {
        content: [{ type: 'tool_use', input: { model: 'haiku', usage: { input_tokens: 5 }, id: 'decoy-id' } }],
        id: 'msg_1',
        model: 'claude-opus-4-5-20251101',
        usage: {
          input_tokens: 10,
          output_tokens: 358,
          cache_creation_input_tokens: 8889,
          cache_read_input_tokens: 17919,
          cache_creation: { ephemeral_5m_input_tokens: 8000, ephemeral_1h_input_tokens: 889 },
        },
      },
      requestId: 'req_1',
      timestamp: '2026-01-06T09:16:08.374Z',
      sessionId: 's1',
      costUSD: 0.5,
    });
    const p = parse(line)!;
    expect(p).not.toBeNull();
    expect(p.text(p.messageId)).toBe('msg_1');
    expect(p.text(p.model)).toBe('claude-opus-4-5-20251101');
    expect(p.text(p.requestId)).toBe('req_1');
    expect(p.text(p.sessionId)).toBe('s1');
    expect([p.inputTokens, p.outputTokens, p.cacheCreationTokens, p.cacheReadTokens]).toEqual([10, 358, 8889, 17919]);
    expect([p.ephemeral5m, p.ephemeral1h]).toEqual([8000, 889]);
    expect(p.costUSD).toBe(0.5);
  });

  it('accepts whitespace between tokens (re-serialised logs)', () => {
    const p = parse(
      '{ "message" : { "id" : "m", "model" : "x", "usage" : { "input_tokens" : 3 , "output_tokens" : 4 } } , "timestamp" : "2026-01-01T00:00:00Z" }\r',
    )!;
    expect(p.inputTokens).toBe(3);
    expect(p.outputTokens).toBe(4);
  });

  it('decodes escaped strings and survives null values', () => {
    const p = parse(
      '{"message":{"id":"m\\u0031","model":null,"usage":{"input_tokens":1,"output_tokens":2,"cache_read_input_tokens":null,"cache_creation":null}},"costUSD":null}',
    )!;
    expect(p.text(p.messageId)).toBe('m1');
    expect(p.model.start).toBe(-1);
    expect(p.cacheReadTokens).toBe(0);
    expect(Number.isNaN(p.costUSD)).toBe(true);
  });

  it('reads a digits-only number too long for a double as NaN, like one with a fraction or exponent', () => {
    const huge = '9'.repeat(309);
    const p = parse(
      `{"message":{"id":"m","usage":{"input_tokens":${huge},"output_tokens":1e400,"cache_read_input_tokens":${'9'.repeat(308)}}}}`,
    )!;
    expect(p).not.toBeNull();
    expect(Number.isNaN(p.inputTokens)).toBe(true);
    expect(Number.isNaN(p.outputTokens)).toBe(true);
    expect(Number.isFinite(p.cacheReadTokens)).toBe(true);
  });

  it('rejects a line cut off mid-write, at every cut point', () => {
    const line =
      '{"message":{"id":"m","usage":{"input_tokens":1,"output_tokens":2}},"timestamp":"2026-01-01T00:00:00.000Z","requestId":"r"}';
    expect(parse(line)).not.toBeNull();
    for (let cut = 1; cut < line.length; cut++) expect(parse(line.slice(0, cut))).toBeNull();
  });

  it('agrees with JSON.parse on arbitrary usage objects nested among arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), fc.nat(), fc.string(), (noise, inp, out, id) => {
        const obj = {
          noise,
          message: { content: noise, id, usage: { input_tokens: inp, output_tokens: out, other: noise } },
          requestId: id,
        };
        const p = parse(JSON.stringify(obj, null, inp % 3))!;
        expect(p).not.toBeNull();
        expect(p.inputTokens).toBe(inp);
        expect(p.outputTokens).toBe(out);
        expect(p.text(p.messageId)).toBe(id);
      }),
      { numRuns: 300 },
    );
  });
});
