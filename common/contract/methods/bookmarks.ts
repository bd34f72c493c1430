import { z } from 'zod';
import {
  BookmarkCreateInputSchema,
  BookmarkIdSchema,
  BookmarkListFilterSchema,
  BookmarkListSchema,
  BookmarkRetryInputSchema,
  BookmarkUpdateInputSchema,
  BookmarkViewSchema,
  DeliveryStateSchema,
  DeliverySummarySchema,
  EpochMsSchema,
  TargetIdSchema,
  TargetStatusSchema,
} from '../../bookmarks/bookmarkSchemas';
import { BookmarkCategorySchema, CategoryIdSchema } from '../../bookmarks/categories';
import { CameraIdSchema } from '../../site/siteSchema';
import { EMPTY_PARAMS as empty, type MethodSpec } from '../methodSpec';

/**
 * Incident bookmarks: mark, edit, list, export, and follow their delivery to each VMS target.
 * The same methods serve the wall's one-keystroke form, the console's incident list and any
 * script on the web host's JSON-RPC API.
 *
 * Access: creating and editing need `bookmark.create` for every camera of the bookmark, reading
 * needs `bookmark.read` for every camera of it (main checks each camera's group); exports are
 * incident reports (`export.create`); a VMS credential is written by `secrets.manage` and never
 * read back by anyone.
 */

/**
 * How long ago the operator pressed the bookmark key, measured by the window's own monotonic
 * clock. Main subtracts it from its own clock, so the footage window starts from the keystroke
 * even after half a minute spent typing the note, whatever the workstation's clock says.
 */
export const MAX_MARKED_AGO_MS = 10 * 60_000;

export const BookmarkCreateParamsSchema = BookmarkCreateInputSchema.extend({
  markedAgoMs: z.number().int().min(0).max(MAX_MARKED_AGO_MS).optional(),
}).strict();

/**
 * What the push event says about a bookmark: enough to place it in a filtered list and to show
 * its delivery, but not its note, location or operator. Events reach every connection; the
 * content is read through `bookmarks.get`/`bookmarks.list`, where main checks who asks.
 */
export const BookmarkChangeSchema = z
  .object({
    id: BookmarkIdSchema,
    revision: z.number().int().min(1),
    updatedAt: EpochMsSchema,
    time: EpochMsSchema,
    cameraIds: z.array(CameraIdSchema),
    category: CategoryIdSchema,
    deliveries: z.record(TargetIdSchema, DeliveryStateSchema),
    delivery: DeliverySummarySchema,
  })
  .strict();

/**
 * `bookmarks.changed`: every bookmark and target that changed since the last event, latest
 * state only, at most a few times a second (a VMS coming back drains thousands of deliveries).
 * `now` is main's clock when sent, so a window can count "retrying in N s" down correctly.
 */
export const BookmarksChangedSchema = z
  .object({
    now: EpochMsSchema,
    bookmarks: z.array(BookmarkChangeSchema),
    targets: z.array(TargetStatusSchema),
  })
  .strict();

/**
 * Whether a target's credential is usable: `none` = the target takes none, `set`, `missing`
 * from the credential store, or `unreadable` (encrypted on another machine, or tampered with).
 */
export const CredentialStateSchema = z.enum(['none', 'set', 'missing', 'unreadable']);

export const TargetViewSchema = z
  .object({
    ...TargetStatusSchema.shape,
    credential: CredentialStateSchema,
  })
  .strict();

export const BookmarkTargetsSchema = z
  .object({
    now: EpochMsSchema,
    targets: z.array(TargetViewSchema),
    /**
     * How VMS credentials are kept. `secure` is false when the key sits in a file next to them
     * (web host; Electron without an OS keyring): the console says so instead of pretending.
     */
    credentialStore: z.object({ secure: z.boolean(), description: z.string() }).strict(),
  })
  .strict();

export const BOOKMARK_EXPORT_FORMATS = ['csv', 'geojson'] as const;
export const BookmarkExportFormatSchema = z.enum(BOOKMARK_EXPORT_FORMATS);

/** An export is the whole filtered list, not a page of it. */
export const BookmarkExportFilterSchema = BookmarkListFilterSchema.omit({ offset: true, limit: true }).strict();

export const BookmarkExportSchema = z
  .object({
    format: BookmarkExportFormatSchema,
    fileName: z.string(),
    mimeType: z.string(),
    text: z.string(),
    count: z.number().int().min(0),
  })
  .strict();

export const bookmarkMethods = {
  /** Resolves once the bookmark is on disk (fsynced): only then may a UI say "saved". */
  'bookmarks.create': { access: 'bookmark.create', input: BookmarkCreateParamsSchema, output: BookmarkViewSchema },
  /** An edit: a new revision, delivered to every target like the first. */
  'bookmarks.update': { access: 'bookmark.create', input: BookmarkUpdateInputSchema, output: BookmarkViewSchema },
  /** Newest first, filtered by time, camera, category and delivery state, paged. */
  'bookmarks.list': { access: 'bookmark.read', input: BookmarkListFilterSchema, output: BookmarkListSchema },
  /** Particular bookmarks (after a `bookmarks.changed`); unknown or hidden ids are left out. */
  'bookmarks.get': {
    access: 'bookmark.read',
    input: z.object({ ids: z.array(BookmarkIdSchema).min(1).max(500) }).strict(),
    output: z.object({ items: z.array(BookmarkViewSchema) }).strict(),
  },
  /** Manual retry of failed or waiting deliveries: of one bookmark, one target, or all. */
  'bookmarks.retry': { access: 'bookmark.create', input: BookmarkRetryInputSchema, output: z.object({ retried: z.number().int().min(0) }).strict() },
  /** The categories with their colours and default pre/post-roll and priority. */
  'bookmarks.categories': { access: 'signedIn', input: empty, output: z.object({ categories: z.array(BookmarkCategorySchema) }).strict() },
  /** Each VMS target: connected / retrying (when next) / failing (why), and its credential. */
  'bookmarks.targets': { access: 'bookmark.read', input: empty, output: BookmarkTargetsSchema },
  /** CSV (UTF-8, RFC 4180) or GeoJSON (RFC 7946) of every bookmark matching the filter; `language` names the categories. */
  'bookmarks.export': {
    access: 'export.create',
    input: z
      .object({ format: BookmarkExportFormatSchema, filter: BookmarkExportFilterSchema.default({}), language: z.enum(['en', 'es', 'pt']).default('en') })
      .strict(),
    output: BookmarkExportSchema,
  },
  /** Stores the credential a target's `secretRef` names, encrypted; it is never sent back. */
  'bookmarks.setCredential': {
    access: 'secrets.manage',
    input: z.object({ targetId: TargetIdSchema, value: z.string().min(1).max(4096) }).strict(),
    output: BookmarkTargetsSchema,
  },
} as const satisfies Record<string, MethodSpec>;

export const bookmarkEvents = {
  'bookmarks.changed': BookmarksChangedSchema,
} as const satisfies Record<string, z.ZodType>;

export type BookmarkCreateParams = z.input<typeof BookmarkCreateParamsSchema>;
export type BookmarkChange = z.infer<typeof BookmarkChangeSchema>;
export type BookmarksChanged = z.infer<typeof BookmarksChangedSchema>;
export type CredentialState = z.infer<typeof CredentialStateSchema>;
export type TargetView = z.infer<typeof TargetViewSchema>;
export type BookmarkTargets = z.infer<typeof BookmarkTargetsSchema>;
export type BookmarkExportFormat = z.infer<typeof BookmarkExportFormatSchema>;
export type BookmarkExport = z.infer<typeof BookmarkExportSchema>;
