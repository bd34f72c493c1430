import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_NAMES, IPC_EVENT_CHANNEL, ipcChannel, METHOD_NAMES, type EventName } from '../common/contract/names';

/**
 * Exposes `window.atalaya`: one named function per contract method and `on(event, listener)` for
 * push events. Never `ipcRenderer` itself, no logic: main validates everything it receives.
 */
const api: Record<string, unknown> = {};
for (const method of METHOD_NAMES) {
  api[method] = (params: unknown) => ipcRenderer.invoke(ipcChannel(method), params);
}

api.on = (event: EventName, listener: (payload: unknown) => void): (() => void) => {
  if (!(EVENT_NAMES as readonly string[]).includes(event)) throw new Error(`unknown event ${String(event)}`);
  const handler = (_e: IpcRendererEvent, name: unknown, payload: unknown) => {
    if (name === event) listener(payload);
  };
  ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
  return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
};

contextBridge.exposeInMainWorld('atalaya', api);
