/**
 * A loopback fake of the Messages API (ANTHROPIC_BASE_URL) for the real Claude Code. It answers
 * `POST /v1/messages` as the real API does: a stream of SSE events (`message_start` with usage,
 * `content_block_*`, `message_delta` with the final usage, `message_stop`) and the unified
 * rate-limit headers a subscription login gets. Conversations are scripted by markers: a prompt
 * containing `[[name]]` gets the turn registered under that name. Each answer's usage is distinct
 * and recorded (`handedOut`), which is the ground truth the logs tests compare against.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startLoopbackServer } from '../../../support/loopback-server';

export interface Limits {
  fiveHour: { utilization: number; resetsAt: number };
  sevenDay: { utilization: number; resetsAt: number };
}

export type Turn = { kind: 'text'; text: string } | { kind: 'tool'; name: string; input: Record<string, unknown>; answer: string };

export interface Usage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  /** The split of the cache write by lifetime, which the real API always sends and the client logs as given. */
  cache_creation: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
}

export interface HandedOut {
  id: string;
  model: string;
  usage: Usage;
  /** The scripted turn it answered, or null for the client's own side requests. */
  marker: string | null;
  at: number;
}

export interface SeenRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown> | null;
}

export interface FakeMessages {
  url: string;
  readonly requests: SeenRequest[];
  readonly handedOut: HandedOut[];
  /** The headers sent with the last answer to a scripted turn. */
  readonly lastLimitHeaders: Record<string, string>;
  script(marker: string, turn: Turn): void;
  setLimits(limits: Limits): void;
  /**
   * Delays the answer to the client's start-up quota check (`max_tokens: 1`, no tools) by this
   * long, as a slow network would: the first status line of a session then runs before the
   * client has seen any rate-limit header.
   */
  delayQuotaCheck(ms: number): void;
  close(): Promise<void>;
}

type Block = { type: string; text?: string; tool_use_id?: string };
type Message = { role: string; content: string | Block[] };

export function limitHeaders(l: Limits): Record<string, string> {
  return {
    'anthropic-ratelimit-unified-status': 'allowed',
    'anthropic-ratelimit-unified-reset': String(l.fiveHour.resetsAt),
    'anthropic-ratelimit-unified-representative-claim': 'five_hour',
    'anthropic-ratelimit-unified-fallback-percentage': '0.5',
    'anthropic-ratelimit-unified-5h-status': 'allowed',
    'anthropic-ratelimit-unified-5h-utilization': String(l.fiveHour.utilization),
    'anthropic-ratelimit-unified-5h-reset': String(l.fiveHour.resetsAt),
    'anthropic-ratelimit-unified-7d-status': 'allowed',
    'anthropic-ratelimit-unified-7d-utilization': String(l.sevenDay.utilization),
    'anthropic-ratelimit-unified-7d-reset': String(l.sevenDay.resetsAt),
    'anthropic-ratelimit-unified-overage-status': 'rejected',
    'anthropic-ratelimit-unified-overage-disabled-reason': 'org_level_disabled',
  };
}

function texts(m: Message | undefined): string[] {
  if (!m) return [];
  if (typeof m.content === 'string') return [m.content];
  return m.content.filter((b) => b.type === 'text' && typeof b.text === 'string').map((b) => b.text as string);
}

type AnswerMessage = { content: Array<Record<string, unknown>>; stop_reason: string; usage: Usage } & Record<string, unknown>;

/** The answer as JSON, or as the Messages API streams it: the events a real SDK parses. */
function writeAnswer(res: ServerResponse, message: AnswerMessage, headers: Record<string, string>, stream: boolean): void {
  if (!stream) {
    res.writeHead(200, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(message));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...headers });
  const send = (event: string, data: Record<string, unknown>): void => {
    res.write(`event: ${event}\ndata: ${JSON.stringify({ type: event, ...data })}\n\n`);
  };
  send('message_start', { message: { ...message, content: [], stop_reason: null, usage: { ...message.usage, output_tokens: 1 } } });
  message.content.forEach((block, index) => {
    if (block['type'] === 'text') {
      send('content_block_start', { index, content_block: { type: 'text', text: '' } });
      send('content_block_delta', { index, delta: { type: 'text_delta', text: block['text'] } });
    } else {
      send('content_block_start', { index, content_block: { ...block, input: {} } });
      send('content_block_delta', { index, delta: { type: 'input_json_delta', partial_json: JSON.stringify(block['input']) } });
    }
    send('content_block_stop', { index });
  });
  send('message_delta', { delta: { stop_reason: message.stop_reason, stop_sequence: null }, usage: message.usage });
  send('message_stop', {});
  res.end();
}

export async function startFakeMessages(opts: { model: string; limits: Limits }): Promise<FakeMessages> {
  const requests: SeenRequest[] = [];
  const handedOut: HandedOut[] = [];
  const turns = new Map<string, Turn>();
  /** tool_use id → the marker whose follow-up answers its result. */
  const pendingTools = new Map<string, string>();
  let limits = opts.limits;
  let lastLimitHeaders: Record<string, string> = {};
  let n = 0;
  let quotaDelayMs = 0;
  const timers = new Set<NodeJS.Timeout>();

  const pick = (body: Record<string, unknown>): { marker: string | null; turn: Turn | { kind: 'after-tool'; text: string } } => {
    const messages = Array.isArray(body['messages']) ? (body['messages'] as Message[]) : [];
    const last = messages[messages.length - 1];
    const hasTools = Array.isArray(body['tools']) && body['tools'].length > 0;
    if (hasTools && last && Array.isArray(last.content)) {
      for (const b of last.content) {
        const marker = b.type === 'tool_result' && b.tool_use_id ? pendingTools.get(b.tool_use_id) : undefined;
        const turn = marker ? turns.get(marker) : undefined;
        if (marker && turn?.kind === 'tool') return { marker, turn: { kind: 'after-tool', text: turn.answer } };
      }
    }
    if (hasTools && last?.role === 'user') {
      const joined = texts(last).join('\n');
      for (const [marker, turn] of turns) if (joined.includes(`[[${marker}]]`)) return { marker, turn };
    }
    return { marker: null, turn: { kind: 'text', text: 'ok' } };
  };

  const answer = (res: ServerResponse, body: Record<string, unknown>): void => {
    n += 1;
    const { marker, turn } = pick(body);
    const model = marker ? opts.model : String(body['model'] ?? opts.model);
    const id = `msg_e2e_${String(n).padStart(4, '0')}`;
    const usage: Usage = {
      input_tokens: 100 + n,
      output_tokens: 10 + n,
      cache_creation_input_tokens: 1000 * n,
      cache_read_input_tokens: 300 * n,
      cache_creation: { ephemeral_5m_input_tokens: 400 * n, ephemeral_1h_input_tokens: 600 * n },
    };
    handedOut.push({ id, model, usage, marker, at: Date.now() });
    const headers = { ...limitHeaders(limits), 'request-id': `req_e2e_${n}` };
    if (marker) lastLimitHeaders = headers;
    const content: Array<Record<string, unknown>> = [];
    let stop = 'end_turn';
    if (turn.kind === 'tool') {
      const toolId = `toolu_e2e_${String(n).padStart(4, '0')}`;
      pendingTools.set(toolId, marker as string);
      content.push({ type: 'tool_use', id: toolId, name: turn.name, input: turn.input });
      stop = 'tool_use';
    } else content.push({ type: 'text', text: turn.text });
    const message = { id, type: 'message', role: 'assistant', model, content, stop_reason: stop, stop_sequence: null, usage };
    writeAnswer(res, message, headers, body['stream'] === true);
  };

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      let body: Record<string, unknown> | null = null;
      try {
        body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>) : null;
      } catch {
        body = null;
      }
      requests.push({ method: req.method ?? '?', path: pathname, headers: { ...req.headers }, body });
      if (req.method === 'POST' && pathname === '/v1/messages' && body) {
        const quotaCheck = body['max_tokens'] === 1 && !Array.isArray(body['tools']);
        if (!quotaCheck || quotaDelayMs === 0) return answer(res, body);
        const t = setTimeout(() => {
          timers.delete(t);
          if (!res.destroyed) answer(res, body);
        }, quotaDelayMs);
        timers.add(t);
        return;
      }
      if (req.method === 'POST' && pathname === '/v1/messages/count_tokens') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ input_tokens: 42 }));
        return;
      }
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ type: 'error', error: { type: 'not_found_error', message: `no fake for ${pathname}` } }));
    });
  };

  const server = await startLoopbackServer(handler, timers);
  return {
    url: server.url,
    requests,
    handedOut,
    get lastLimitHeaders() {
      return lastLimitHeaders;
    },
    script(marker, turn) {
      turns.set(marker, turn);
    },
    setLimits(l) {
      limits = l;
    },
    delayQuotaCheck(ms) {
      quotaDelayMs = ms;
    },
    close: () => server.close(),
  };
}
