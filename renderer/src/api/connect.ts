import type { PreloadApi, WallApi } from '../../../common/contract/wallApi';
import { IpcWallApi } from './ipcWallApi';
import { WsWallApi } from './wsWallApi';

declare global {
  interface Window {
    atalaya?: PreloadApi;
  }
}

/** One WallApi for the whole renderer: Electron's bridge when present, else the web host's socket. */
export function connectWallApi(): WallApi {
  if (window.atalaya) return new IpcWallApi(window.atalaya);
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return new WsWallApi(`${scheme}//${location.host}/api`);
}
