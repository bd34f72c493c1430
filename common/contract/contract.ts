import type { z } from 'zod';
import type { MethodSpec } from './methodSpec';
import { authMethods } from './methods/auth';
import { coreEvents, coreMethods } from './methods/core';

/**
 * The one contract between the renderer and the app. Each method has an input schema (applied
 * to an `unknown` payload by main, whatever the transport) and an output schema (what the
 * renderer may rely on); each push event has a payload schema. Each namespace lives in
 * methods/<namespace>.ts and is listed here once.
 */
export const methods = {
  ...coreMethods,
  ...authMethods,
} as const satisfies Record<string, MethodSpec>;

export const events = {
  ...coreEvents,
} as const;

export type MethodName = keyof typeof methods;
export type EventName = keyof typeof events;

export const METHOD_NAMES = Object.keys(methods) as MethodName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export type MethodInput<M extends MethodName> = z.input<(typeof methods)[M]['input']>;
export type MethodParams<M extends MethodName> = z.output<(typeof methods)[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<(typeof methods)[M]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export * from './methods/auth';
export * from './methods/core';
