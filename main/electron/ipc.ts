import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { IPC_EVENT_CHANNEL, ipcChannel, METHOD_NAMES } from '../../common/contract/names';
import { fail } from '../../common/contract/result';
import type { Dispatcher } from '../services/contract/dispatcher';
import type { EventHub } from '../services/contract/eventHub';

/** The part of `ipcMain` used here, so tests can drive it without Electron's binary. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

/**
 * Registers one `ipcMain.handle` per contract method. The sender must be one of the app's own
 * windows, showing the app's own page (not a page it was navigated to); the payload is handed to
 * the dispatcher as `unknown`, exactly as the WebSocket transport does.
 */
export function registerIpc(ipcMain: IpcMainLike, dispatcher: Dispatcher, isOwnSender: (event: IpcMainInvokeEvent) => boolean): () => void {
  for (const method of METHOD_NAMES) {
    ipcMain.handle(ipcChannel(method), async (event, params: unknown) => {
      if (!isOwnSender(event)) return fail('forbidden', 'IPC from a frame that is not an Atalaya window');
      return dispatcher.call(method, params, { transport: 'ipc', clientId: `window-${event.sender.id}` });
    });
  }
  return () => {
    for (const method of METHOD_NAMES) ipcMain.removeHandler(ipcChannel(method));
  };
}

/** Pushes every hub event to every live window. */
export function forwardEvents(hub: EventHub, windows: () => Iterable<WebContents>): () => void {
  return hub.subscribe((event, payload) => {
    for (const contents of windows()) if (!contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, event, payload);
  });
}
