import type { z } from 'zod';
import type { MethodSpec } from './methodSpec';
import { analyticsEvents, analyticsMethods } from './methods/analytics';
import { authMethods } from './methods/auth';
import { bookmarkEvents, bookmarkMethods } from './methods/bookmarks';
import { coreEvents, coreMethods } from './methods/core';
import { maskEvents, maskMethods } from './methods/masks';
import { exerciseEvents, exerciseMethods } from './methods/exercises';
import { mapEvents, mapMethods } from './methods/map';

/**
 * The one contract between the renderer and the app. Each method has an input schema (applied
 * to an `unknown` payload by main, whatever the transport) and an output schema (what the
 * renderer may rely on); each push event has a payload schema. Each namespace lives in
 * methods/<namespace>.ts and is listed here once.
 */
export const methods = {
  ...coreMethods,
  ...exerciseMethods,
  ...authMethods,
  ...bookmarkMethods,
  ...maskMethods,
  ...mapMethods,
  ...analyticsMethods,
} as const satisfies Record<string, MethodSpec>;

export const events = {
  ...coreEvents,
  ...bookmarkEvents,
  ...maskEvents,
  ...exerciseEvents,
  ...mapEvents,
  ...analyticsEvents,
} as const;

export type MethodName = keyof typeof methods;
export type EventName = keyof typeof events;

export const METHOD_NAMES = Object.keys(methods) as MethodName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export type MethodInput<M extends MethodName> = z.input<(typeof methods)[M]['input']>;
export type MethodParams<M extends MethodName> = z.output<(typeof methods)[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<(typeof methods)[M]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export * from './methods/analytics';
export * from './methods/auth';
export * from './methods/bookmarks';
export * from './methods/core';
export * from './methods/masks';
export * from './methods/exercises';
export * from './methods/map';
