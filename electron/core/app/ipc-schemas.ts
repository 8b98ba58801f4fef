/**
 * zod schemas for every request the renderer may send. The IPC adapter validates each payload
 * before a handler sees it; the handlers can then trust their types.
 */
import { z } from 'zod';
import { HISTORY_DAY_CHOICES, SECRET_NAMES, isSecretName, type InvokeChannel, type InvokeMap } from '../../../shared/ipc';
import { SETTINGS_SECTIONS } from '../../../shared/settings';
import { settingsPatchSchema } from '../../../shared/settings-schema';
import { MAX_SECRET_LENGTH } from '../platform/secret-store';

const none = z.undefined();
const secretName = z.string().max(64).refine(isSecretName, 'not a secret name');

export const ipcRequestSchemas: { [K in InvokeChannel]: z.ZodType<InvokeMap[K]['request'], unknown> } = {
  'brimline:get-state': none,
  'brimline:refresh': none,
  'brimline:update-settings': settingsPatchSchema,
  'brimline:save-secret': z.object({ name: secretName, value: z.string().min(1).max(MAX_SECRET_LENGTH) }).strict(),
  'brimline:remove-secret': z.object({ name: secretName }).strict(),
  'brimline:open-external': z.object({ url: z.string().min(1).max(2048) }).strict(),
  'brimline:open-settings': z
    .object({ section: z.enum(SETTINGS_SECTIONS).optional() })
    .strict()
    .optional(),
  'brimline:open-data-folder': none,
  'brimline:test-notification': none,
  'brimline:set-statusline': z.object({ enabled: z.boolean() }).strict(),
  'brimline:quit': none,
  'brimline:get-history': z.object({ days: z.literal(HISTORY_DAY_CHOICES) }).strict(),
  'brimline:export-history': z.object({ days: z.literal(HISTORY_DAY_CHOICES) }).strict(),
  'brimline:add-key': z.object({ kind: z.enum(SECRET_NAMES), value: z.string().min(1).max(MAX_SECRET_LENGTH) }).strict(),
  'brimline:remove-account': z.object({ accountId: z.string().min(1).max(300), deleteHistory: z.boolean() }).strict(),
};

/**
 * Every invoke channel, read off the schema map: the map is typed over the whole contract, so a
 * channel without a schema fails to compile, and a channel with one is registered.
 */
export const INVOKE_CHANNELS = Object.keys(ipcRequestSchemas) as InvokeChannel[];

/** Channels whose payload may hold a secret: their payloads are never logged. */
export const SENSITIVE_CHANNELS: ReadonlySet<InvokeChannel> = new Set(['brimline:save-secret', 'brimline:add-key']);

export function isInvokeChannel(channel: string): channel is InvokeChannel {
  return Object.prototype.hasOwnProperty.call(ipcRequestSchemas, channel);
}

export type ParsedRequest<K extends InvokeChannel> = { ok: true; value: InvokeMap[K]['request'] } | { ok: false; error: string };

/** Validates a payload; the error names the fields at fault, never their values. */
export function parseRequest<K extends InvokeChannel>(channel: K, payload: unknown): ParsedRequest<K> {
  const schema = ipcRequestSchemas[channel] as z.ZodType<InvokeMap[K]['request'], unknown>;
  const res = schema.safeParse(payload);
  if (res.success) return { ok: true, value: res.data };
  const where = res.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`).join('; ');
  return { ok: false, error: `Invalid request for ${channel}: ${where}` };
}
