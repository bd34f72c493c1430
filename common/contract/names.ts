/**
 * The names of every contract method and push event, without their schemas, so the sandboxed
 * preload can expose them without bundling zod. `contract.ts` checks at compile time that this
 * list and the schemas agree.
 */
export const METHOD_NAMES = [
  'app.info',
  'site.get',
  'site.load',
  'settings.get',
  'settings.set',
  'wall.get',
  'wall.dispatch',
] as const;

export const EVENT_NAMES = ['site.changed', 'wall.changed', 'settings.changed', 'app.notice'] as const;

export type MethodName = (typeof METHOD_NAMES)[number];
export type EventName = (typeof EVENT_NAMES)[number];

/** IPC channel names: one per method, plus one for all push events. */
export const ipcChannel = (method: MethodName): string => `atalaya:${method}`;
export const IPC_EVENT_CHANNEL = 'atalaya:event';

/** Largest params payload a method accepts (serialized JSON), on every transport. */
export const MAX_PARAMS_BYTES = 256 * 1024;
