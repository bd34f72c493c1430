import { z } from 'zod';
import { SiteSchema } from '../../site/siteSchema';
import { WallActionSchema } from '../../wall/wallActions';
import { WallStateSchema } from '../../wall/wallSchema';
import { EMPTY_PARAMS as empty, type MethodSpec } from '../methodSpec';

/** The app, its site, settings and the wall: what every window needs. */

export const LocaleSettingSchema = z.enum(['auto', 'en', 'es', 'pt']);

export const SettingsSchema = z
  .object({
    locale: LocaleSettingSchema,
    /** The site file in use; null = the built-in demo site. */
    sitePath: z.string().nullable(),
    /** Keyboard shortcuts the operator changed: command id → key (KeyboardEvent.key, with modifiers "Ctrl+", "Alt+", "Shift+"). */
    shortcuts: z.record(z.string().regex(/^[a-z][a-zA-Z0-9.]{0,63}$/), z.string().min(1).max(40)).default({}),
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


export const WallChangedSchema = z.object({ rev: z.number().int().nonnegative(), state: WallStateSchema }).strict();

export const TourTilesSchema = z
  .object({
    tiles: z.array(z.object({ screenId: z.string(), cell: z.number().int().nonnegative(), tourId: z.string(), cameraId: z.string(), paused: z.boolean() }).strict()),
  })
  .strict();

export const coreMethods = {
  'app.info': { access: 'public', input: empty, output: AppInfoSchema },
  /** Desktop app: open another kind of window (a browser opens a tab instead). */
  'app.openView': {
    access: 'signedIn',
    input: z.object({ view: z.enum(['console', 'map', 'trainer', 'analytics', 'wall']), screenId: z.string().regex(/^[1-9][0-9]{0,2}$/).optional() }).strict(),
    output: z.object({ opened: z.boolean() }).strict(),
  },
  'site.get': { access: 'wall.view', input: empty, output: LoadedSiteSchema },
  'site.load': { access: 'settings.manage', input: z.object({ path: z.string().min(1).max(4096) }).strict(), output: LoadedSiteSchema },
  'settings.get': { access: 'signedIn', input: empty, output: SettingsSchema },
  'settings.set': { access: 'dynamic', input: SettingsPatchSchema, output: SettingsSchema },
  'wall.get': { access: 'wall.view', input: empty, output: WallChangedSchema },
  'wall.tours': { access: 'wall.view', input: empty, output: TourTilesSchema },
  'wall.dispatch': { access: 'dynamic', input: z.object({ action: WallActionSchema }).strict(), output: WallChangedSchema },
} as const satisfies Record<string, MethodSpec>;

export const coreEvents = {
  /** What each tour tile shows now; main's tour runner decides so every window switches together. */
  'wall.tours': TourTilesSchema,
  'site.changed': LoadedSiteSchema,
  'wall.changed': WallChangedSchema,
  'settings.changed': SettingsSchema,
  'app.notice': NoticeSchema,
} as const satisfies Record<string, z.ZodType>;

export type Settings = z.infer<typeof SettingsSchema>;
export type LoadedSite = z.infer<typeof LoadedSiteSchema>;
export type AppInfo = z.infer<typeof AppInfoSchema>;
export type Notice = z.infer<typeof NoticeSchema>;
