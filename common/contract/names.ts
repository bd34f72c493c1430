import type { MethodName } from './contract';

export { EVENT_NAMES, METHOD_NAMES, type EventName, type MethodName } from './contract';

/** IPC channel names: one per method, plus one for all push events. */
export const ipcChannel = (method: MethodName): string => `atalaya:${method}`;
export const IPC_EVENT_CHANNEL = 'atalaya:event';

/** Largest params payload a method accepts (serialized JSON), on every transport. */
export const MAX_PARAMS_BYTES = 256 * 1024;
