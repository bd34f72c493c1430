import { z } from 'zod';
import { CameraIdSchema, LatLngSchema } from '../site/siteSchema';
import { CategoryIdSchema, PrioritySchema, RollSecondsSchema } from './categories';

/**
 * Incident bookmarks as they cross the contract: what the operator asks for, what main stores,
 * and how far each bookmark has got towards each VMS. Times are epoch milliseconds (UTC).
 */

export const BookmarkIdSchema = z.uuid();
export const EpochMsSchema = z.number().int().nonnegative();
export const TargetIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const NoteSchema = z.string().max(2000);
const OperatorSchema = z.string().min(1).max(120);
/** A bookmark spans the cameras that saw the incident; 64 is far beyond any real wall selection. */
const CameraIdsSchema = z
  .array(CameraIdSchema)
  .min(1)
  .max(64)
  .refine((ids) => new Set(ids).size === ids.length, { message: 'camera ids must be unique' });

const bookmarkShape = {
  /** UUID made by main; also the idempotency key towards every VMS. */
  id: BookmarkIdSchema,
  /** Starts at 1 and grows with each edit, so a VMS can tell an edit from a replay. */
  revision: z.number().int().min(1),
  createdAt: EpochMsSchema,
  updatedAt: EpochMsSchema,
  /** The moment the operator marked. */
  time: EpochMsSchema,
  /** time − pre-roll and time + post-roll: the footage the VMS should find and keep. */
  startTime: EpochMsSchema,
  endTime: EpochMsSchema,
  cameraIds: CameraIdsSchema,
  category: CategoryIdSchema,
  priority: PrioritySchema,
  note: NoteSchema,
  location: LatLngSchema.nullable(),
  /** Who marked it. */
  operator: OperatorSchema,
  /** Who edited it last (the operator until someone edits). */
  updatedBy: OperatorSchema,
};

const windowHolds = (b: { startTime: number; time: number; endTime: number }) => b.startTime <= b.time && b.time <= b.endTime;
const windowMessage = { message: 'startTime ≤ time ≤ endTime must hold', path: ['time'] };

export const BookmarkSchema = z.object(bookmarkShape).strict().refine(windowHolds, windowMessage);

export const BookmarkCreateInputSchema = z
  .object({
    cameraIds: CameraIdsSchema,
    category: CategoryIdSchema,
    note: NoteSchema.optional(),
    priority: PrioritySchema.optional(),
    /** Defaults to the first camera's position. */
    location: LatLngSchema.optional(),
    /** Default: the category's pre-roll. */
    preRollS: RollSecondsSchema.optional(),
    postRollS: RollSecondsSchema.optional(),
  })
  .strict();

/**
 * An edit. Cameras and the marked time are fixed once created: changing them would mean
 * deleting bookmarks on some VMS devices and making others, which is a new bookmark.
 */
export const BookmarkUpdateInputSchema = z
  .object({
    id: BookmarkIdSchema,
    /** When given, the edit is refused if someone else edited in between. */
    expectedRevision: z.number().int().min(1).optional(),
    category: CategoryIdSchema.optional(),
    note: NoteSchema.optional(),
    priority: PrioritySchema.optional(),
    /** null clears the location. */
    location: LatLngSchema.nullable().optional(),
    preRollS: RollSecondsSchema.optional(),
    postRollS: RollSecondsSchema.optional(),
  })
  .strict();

export const DELIVERY_STATES = ['pending', 'delivering', 'delivered', 'retrying', 'failed'] as const;

/** Where one bookmark stands with one VMS target; `revision` is the bookmark revision it concerns. */
export const DeliveryStateSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('pending'), revision: z.number().int().min(1) }).strict(),
  z.object({ state: z.literal('delivering'), revision: z.number().int().min(1), attempt: z.number().int().min(1) }).strict(),
  z.object({ state: z.literal('delivered'), revision: z.number().int().min(1), at: EpochMsSchema }).strict(),
  z
    .object({
      state: z.literal('retrying'),
      revision: z.number().int().min(1),
      attempt: z.number().int().min(1),
      nextAttemptAt: EpochMsSchema,
      lastError: z.string(),
    })
    .strict(),
  z
    .object({
      state: z.literal('failed'),
      revision: z.number().int().min(1),
      /** The HTTP status the VMS answered, when it answered. */
      status: z.number().int().optional(),
      /** The VMS's own words where it gave any. */
      message: z.string(),
      at: EpochMsSchema,
    })
    .strict(),
]);

/**
 * One word for a bookmark across all its targets, worst first: failed, retrying, delivering,
 * pending, delivered. `local` means no VMS target was configured when it was made.
 */
export const DeliverySummarySchema = z.enum(['local', ...DELIVERY_STATES]);

export const BookmarkViewSchema = z
  .object({
    ...bookmarkShape,
    deliveries: z.record(TargetIdSchema, DeliveryStateSchema),
    delivery: DeliverySummarySchema,
  })
  .strict()
  .refine(windowHolds, windowMessage);

export const BookmarkListFilterSchema = z
  .object({
    /** Marked at or after (inclusive). */
    from: EpochMsSchema.optional(),
    /** Marked before (exclusive). */
    to: EpochMsSchema.optional(),
    cameraId: CameraIdSchema.optional(),
    category: CategoryIdSchema.optional(),
    /** The summary over all targets, or the state at `targetId` when that is given. */
    delivery: DeliverySummarySchema.optional(),
    targetId: TargetIdSchema.optional(),
    /** Newest first; `offset` pages through. */
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(10_000).default(500),
  })
  .strict();

export const BookmarkListSchema = z
  .object({
    items: z.array(BookmarkViewSchema),
    /** How many match the filter, before paging. */
    total: z.number().int().min(0),
  })
  .strict();

export const BookmarkRetryInputSchema = z
  .object({
    /** Absent: every failed or waiting delivery (of `targetId` if given). */
    bookmarkId: BookmarkIdSchema.optional(),
    targetId: TargetIdSchema.optional(),
  })
  .strict();

export const VMS_TYPES = ['webhook', 'nx', 'milestone', 'frigate'] as const;

/**
 * A VMS target as the console shows it: connected, retrying in N s (nextAttemptAt), or failing
 * with the reason (the last answer was a refusal a retry will not fix). `unknown` until the
 * first delivery attempt.
 */
export const TargetStatusSchema = z
  .object({
    targetId: TargetIdSchema,
    type: z.enum(VMS_TYPES),
    name: z.string(),
    state: z.enum(['unknown', 'connected', 'retrying', 'failing']),
    /** When the target entered this state. */
    since: EpochMsSchema.optional(),
    nextAttemptAt: EpochMsSchema.optional(),
    /** Consecutive failed attempts while retrying. */
    attempt: z.number().int().min(1).optional(),
    lastError: z.string().optional(),
    status: z.number().int().optional(),
    /** Deliveries waiting or under way, and deliveries that failed for good. */
    pending: z.number().int().min(0),
    failed: z.number().int().min(0),
    lastDeliveredAt: EpochMsSchema.optional(),
  })
  .strict();

/** The push event: a bookmark (or its delivery) changed, or a target changed state. */
export const BookmarkEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('bookmark'), bookmark: BookmarkViewSchema }).strict(),
  z.object({ type: z.literal('target'), target: TargetStatusSchema }).strict(),
]);

export type Bookmark = z.infer<typeof BookmarkSchema>;
export type BookmarkCreateInput = z.input<typeof BookmarkCreateInputSchema>;
export type BookmarkUpdateInput = z.input<typeof BookmarkUpdateInputSchema>;
export type DeliveryState = z.infer<typeof DeliveryStateSchema>;
export type DeliverySummary = z.infer<typeof DeliverySummarySchema>;
export type BookmarkView = z.infer<typeof BookmarkViewSchema>;
export type BookmarkListFilter = z.infer<typeof BookmarkListFilterSchema>;
export type BookmarkListFilterInput = z.input<typeof BookmarkListFilterSchema>;
export type BookmarkList = z.infer<typeof BookmarkListSchema>;
export type BookmarkRetryInput = z.infer<typeof BookmarkRetryInputSchema>;
export type VmsType = (typeof VMS_TYPES)[number];
export type TargetStatus = z.infer<typeof TargetStatusSchema>;
export type BookmarkEvent = z.infer<typeof BookmarkEventSchema>;
