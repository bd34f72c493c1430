import type { EventPayload, MethodInput, MethodOutput } from './contract';
import type { EventName, MethodName } from './names';
import type { Result } from './result';

/**
 * What the renderer sees of the app. Two implementations: over Electron IPC (window.atalaya)
 * and over the web host's WebSocket (JSON-RPC 2.0). The renderer never knows which.
 */
export interface WallApi {
  readonly transport: 'ipc' | 'ws';
  call<M extends MethodName>(method: M, params: MethodInput<M>): Promise<Result<MethodOutput<M>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** The shape the preload exposes as `window.atalaya`: one function per method, plus `on`. */
export type PreloadApi = {
  readonly [M in MethodName]: (params: unknown) => Promise<unknown>;
} & {
  on(event: EventName, listener: (payload: unknown) => void): () => void;
};
