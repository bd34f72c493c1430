import type { EventPayload, MethodInput, MethodOutput } from '../../../common/contract/contract';
import type { EventName, MethodName } from '../../../common/contract/names';
import type { Result } from '../../../common/contract/result';
import type { PreloadApi, WallApi } from '../../../common/contract/wallApi';

/** The contract over Electron IPC, through the named methods the preload exposes. */
export class IpcWallApi implements WallApi {
  readonly transport = 'ipc' as const;

  constructor(private readonly bridge: PreloadApi) {}

  async call<M extends MethodName>(method: M, params: MethodInput<M>): Promise<Result<MethodOutput<M>>> {
    try {
      return (await this.bridge[method](params)) as Result<MethodOutput<M>>;
    } catch (err) {
      return { ok: false, error: { code: 'unavailable', message: (err as Error).message } };
    }
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    return this.bridge.on(event, listener as (payload: unknown) => void);
  }
}
