import { z } from 'zod';
import { SiteSchema } from '../site/siteSchema';
import { WallActionSchema } from '../wall/wallActions';
import { WallStateSchema } from '../wall/wallSchema';
import type { EventName, MethodName } from './names';

/**
 * The one contract between the renderer and the app. Each method has an input schema (applied
 * to an `unknown` payload by main, whatever the transport) and an output schema (what the
 * renderer may rely on); each push event has a payload schema.
 */

export const LocaleSettingSchema = z.enum(['auto', 'en', 'es', 'pt']);

export const SettingsSchema = z
  .object({
    locale: LocaleSettingSchema,
    /** The site file in use; null = the built-in demo site. */
    sitePath: z.string().nullable(),
  })
  .strict();

export const SettingsPatchSchema = SettingsSchema.partial().strict();

export const LoadedSiteSchema = z
  .object({
    site: SiteSchema,
    /** Absolute path of the site file, or "demo". */
    source: z.string(),
    demo: z.boolean(),
    /** Base URL of the built-in simulator for `sim://` streams; null = same origin as the page. */
    simulatorBase: z.string().nullable(),
    loadedAt: z.string(),
  })
  .strict();

export const AppInfoSchema = z
  .object({
    name: z.string(),
    version: z.string(),
    transport: z.enum(['ipc', 'ws']),
    demo: z.boolean(),
  })
  .strict();

export const NoticeSchema = z
  .object({
    level: z.enum(['info', 'warning', 'error']),
    code: z.string(),
    message: z.string(),
    at: z.string(),
  })
  .strict();

const empty = z.object({}).strict();

export const WallChangedSchema = z.object({ rev: z.number().int().nonnegative(), state: WallStateSchema }).strict();

interface MethodSpec {
  input: z.ZodType;
  output: z.ZodType;
}

export const methods = {
  'app.info': { input: empty, output: AppInfoSchema },
  'site.get': { input: empty, output: LoadedSiteSchema },
  'site.load': { input: z.object({ path: z.string().min(1).max(4096) }).strict(), output: LoadedSiteSchema },
  'settings.get': { input: empty, output: SettingsSchema },
  'settings.set': { input: SettingsPatchSchema, output: SettingsSchema },
  'wall.get': { input: empty, output: WallChangedSchema },
  'wall.dispatch': { input: z.object({ action: WallActionSchema }).strict(), output: WallChangedSchema },
} as const satisfies Record<MethodName, MethodSpec>;

export const events = {
  'site.changed': LoadedSiteSchema,
  'wall.changed': WallChangedSchema,
  'settings.changed': SettingsSchema,
  'app.notice': NoticeSchema,
} as const satisfies Record<EventName, z.ZodType>;

// Compile-time proof that names.ts lists exactly the methods and events defined here.
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const _methodsAgree: Exact<keyof typeof methods, MethodName> = true;
const _eventsAgree: Exact<keyof typeof events, EventName> = true;
void _methodsAgree;
void _eventsAgree;

export type MethodInput<M extends MethodName> = z.input<(typeof methods)[M]['input']>;
export type MethodParams<M extends MethodName> = z.output<(typeof methods)[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<(typeof methods)[M]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export type Settings = z.infer<typeof SettingsSchema>;
export type LoadedSite = z.infer<typeof LoadedSiteSchema>;
export type AppInfo = z.infer<typeof AppInfoSchema>;
export type Notice = z.infer<typeof NoticeSchema>;
