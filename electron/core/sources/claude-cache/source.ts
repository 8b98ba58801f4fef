/**
 * The usage Claude Code already caches in its global config (`cachedUsageUtilization`): no request,
 * no token. It can be days old, so it is returned with its real age (`observedAt`) and the account
 * it belongs to; the usage store decides whether a fresher source wins.
 */
import { readFile, stat } from 'node:fs/promises';
import { z } from 'zod';
import { badResponse, fail } from '../claude-oauth/errors';
import { parseUsageResponse } from '../claude-oauth/usage-parser';
import type { PollContext, PollData, PollResult, UsageSource } from '../source';
import { claudeGlobalConfigFiles } from './locate';

/** ~/.claude.json grows with project history; past this it is not read at all. */
export const DEFAULT_MAX_CONFIG_BYTES = 64 * 1024 * 1024;

const cacheSchema = z.object({
  accountUuid: z.string().max(100).nullish(),
  fetchedAtMs: z.number().refine(Number.isFinite),
  utilization: z.unknown(),
});

export interface ClaudeCacheOptions {
  /** Candidate files, first existing one wins; defaults to Claude Code's own lookup. */
  files?: () => string[];
  maxBytes?: number;
}

interface Memo {
  file: string;
  mtimeMs: number;
  size: number;
  result: Parsed;
}

type Parsed = { ok: true; data: Omit<PollData, 'observedAt'>; fetchedAtMs: number } | { ok: false; result: PollResult };

export function createClaudeCacheSource(opts: ClaudeCacheOptions = {}): UsageSource {
  const files = opts.files ?? (() => claudeGlobalConfigFiles());
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_CONFIG_BYTES;
  // The file is rewritten often by Claude Code but can be large: parse it only when it changed.
  let memo: Memo | null = null;

  return {
    id: 'claude-cache',
    local: true,
    async poll(ctx: PollContext): Promise<PollResult> {
      const candidates = files();
      let found: { file: string; mtimeMs: number; size: number } | null = null;
      for (const file of candidates) {
        try {
          const st = await stat(file);
          if (st.isFile()) {
            found = { file, mtimeMs: st.mtimeMs, size: st.size };
            break;
          }
        } catch {
          // Missing or unreadable: try the next candidate.
        }
      }
      if (!found) {
        return fail('unconfigured', {
          code: 'no_credentials',
          message: `Claude Code's config file was not found (${candidates.join(', ')}). Install Claude Code and run \`claude\`; its cached usage then shows here.`,
          action: { kind: 'run_command', command: 'claude' },
        });
      }
      if (found.size > maxBytes) {
        return badResponse(`Claude Code's config file is ${Math.round(found.size / 1024 / 1024)} MB, more than Brimline reads`);
      }
      let parsed: Parsed;
      if (memo && memo.file === found.file && memo.mtimeMs === found.mtimeMs && memo.size === found.size) parsed = memo.result;
      else {
        parsed = await readCache(found.file, maxBytes);
        memo = { ...found, result: parsed };
      }
      if (!parsed.ok) return parsed.result;
      // After a clock change the cache may look newer than now; it is never newer than now.
      const observed = Math.min(parsed.fetchedAtMs, ctx.now());
      return { ok: true, data: { ...parsed.data, observedAt: new Date(observed).toISOString() } };
    },
  };
}

async function readCache(file: string, maxBytes: number): Promise<Parsed> {
  let text: string;
  try {
    const buf = await readFile(file);
    if (buf.byteLength > maxBytes) return { ok: false, result: badResponse("Claude Code's config file grew past the size Brimline reads") };
    text = buf.toString('utf8');
  } catch (err) {
    const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : 'error';
    return { ok: false, result: badResponse(`Claude Code's config file could not be read (${code})`) };
  }
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    // Claude Code rewrites the file in place; a half-written file reads fine on the next poll.
    return { ok: false, result: badResponse("Claude Code's config file is not valid JSON right now, perhaps half-written") };
  }
  if (typeof root !== 'object' || root === null || Array.isArray(root)) {
    return { ok: false, result: badResponse("Claude Code's config file is not a JSON object") };
  }
  const raw = (root as Record<string, unknown>).cachedUsageUtilization;
  if (raw === undefined || raw === null) {
    return {
      ok: false,
      result: fail('unconfigured', {
        code: 'no_credentials',
        message:
          'Claude Code has not cached any usage yet (recent versions do after checking your usage). Update Claude Code and use it once.',
        action: { kind: 'run_command', command: 'claude' },
      }),
    };
  }
  const cache = cacheSchema.safeParse(raw);
  if (!cache.success) return { ok: false, result: badResponse("the cached usage in Claude Code's config is not in the expected shape") };
  if (cache.data.fetchedAtMs < Date.UTC(2020, 0, 1)) return { ok: false, result: badResponse('the cached usage has an impossible date') };
  const usage = parseUsageResponse(cache.data.utilization);
  if (!usage.ok) return { ok: false, result: badResponse(`the cached usage: ${usage.error}`) };
  return {
    ok: true,
    fetchedAtMs: cache.data.fetchedAtMs,
    data: {
      windows: usage.value.windows,
      extraUsage: usage.value.extraUsage,
      plan: null,
      account: { accountUuid: cache.data.accountUuid ?? null },
    },
  };
}
