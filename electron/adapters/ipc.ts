/**
 * IPC handlers. Every call is checked twice before a handler runs: the sender must be one of
 * Brimline's own windows showing Brimline's own page, and the payload must match its schema.
 * A refused call throws a clear error to the renderer and logs a warning without the payload.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { InvokeChannel, InvokeMap } from '../../shared/ipc';
import { INVOKE_CHANNELS, parseRequest } from '../core/app/ipc-schemas';
import { isAppRendererUrl, type RendererOrigin } from '../core/platform/security';
import type { Logger } from '../core/platform/log';

export type IpcHandlers = {
  [K in InvokeChannel]: (request: InvokeMap[K]['request']) => Promise<InvokeMap[K]['response']> | InvokeMap[K]['response'];
};

export interface SenderCheck {
  /** True when the webContents id is the popover's or the settings window's. */
  ownsWebContents: (id: number) => boolean;
  origin: RendererOrigin;
}

/** Why a sender is refused, or null when it is one of ours. */
export function senderProblem(event: IpcMainInvokeEvent, check: SenderCheck): string | null {
  if (!check.ownsWebContents(event.sender.id)) return 'the sender is not a Brimline window';
  const frame = event.senderFrame;
  if (!frame) return 'the sending frame is gone';
  if (frame.parent !== null) return 'the sender is a sub-frame';
  if (!isAppRendererUrl(frame.url, check.origin)) return 'the sender is not showing the Brimline page';
  return null;
}

export function registerIpcHandlers(handlers: IpcHandlers, check: SenderCheck, logger: Logger): () => void {
  const register = <K extends InvokeChannel>(channel: K): void => {
    ipcMain.handle(channel, async (event, payload: unknown) => {
      const refused = senderProblem(event, check);
      if (refused) {
        logger.warn(`IPC ${channel} refused: ${refused}.`);
        throw new Error(`Refused: ${refused}.`);
      }
      const parsed = parseRequest(channel, payload);
      if (!parsed.ok) {
        logger.warn(`IPC ${channel} refused: ${parsed.error}`);
        throw new Error(parsed.error);
      }
      return handlers[channel](parsed.value);
    });
  };
  for (const channel of INVOKE_CHANNELS) register(channel);
  return () => {
    for (const channel of INVOKE_CHANNELS) ipcMain.removeHandler(channel);
  };
}
