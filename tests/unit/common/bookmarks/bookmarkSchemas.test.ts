import { describe, expect, it } from 'vitest';
import {
  BookmarkCreateInputSchema,
  BookmarkListFilterSchema,
  BookmarkSchema,
  BookmarkUpdateInputSchema,
  DeliveryStateSchema,
  type DeliveryState,
} from '../../../../common/bookmarks/bookmarkSchemas';
import { BookmarkCategoryListSchema, DEFAULT_CATEGORIES, bookmarkWindow, categoryName } from '../../../../common/bookmarks/categories';
import { matchesFilter, summarizeDeliveries } from '../../../../common/bookmarks/bookmarkFilter';

const bookmark = {
  id: '6f1c2c9e-4b1a-4f7e-9a51-3f1b0d6f2a10',
  revision: 1,
  createdAt: 1_700_000_000_000,
  updatedAt: 1_700_000_000_000,
  time: 1_700_000_000_000,
  startTime: 1_699_999_970_000,
  endTime: 1_700_000_060_000,
  cameraIds: ['cam-1'],
  category: 'incident',
  priority: 'high' as const,
  note: '',
  location: { lat: -34.6, lng: -58.4 },
  operator: 'maria',
  updatedBy: 'maria',
};

describe('bookmark schemas', () => {
  it('accepts a well-formed bookmark and rejects a window that does not contain the marked time', () => {
    expect(BookmarkSchema.safeParse(bookmark).success).toBe(true);
    expect(BookmarkSchema.safeParse({ ...bookmark, startTime: bookmark.time + 1 }).success).toBe(false);
    expect(BookmarkSchema.safeParse({ ...bookmark, id: 'not-a-uuid' }).success).toBe(false);
  });

  it('needs at least one camera, distinct, in a create', () => {
    expect(BookmarkCreateInputSchema.safeParse({ cameraIds: [], category: 'incident' }).success).toBe(false);
    expect(BookmarkCreateInputSchema.safeParse({ cameraIds: ['a', 'a'], category: 'incident' }).success).toBe(false);
    expect(BookmarkCreateInputSchema.safeParse({ cameraIds: ['a'], category: 'incident', preRollS: 30, postRollS: 60 }).success).toBe(true);
    expect(BookmarkCreateInputSchema.safeParse({ cameraIds: ['a'], category: 'incident', preRollS: 7200 }).success).toBe(false);
    expect(BookmarkCreateInputSchema.safeParse({ cameraIds: ['a'], category: 'incident', time: 5 }).success).toBe(false);
  });

  it('lets an edit clear the location but not change cameras', () => {
    expect(BookmarkUpdateInputSchema.safeParse({ id: bookmark.id, location: null }).success).toBe(true);
    expect(BookmarkUpdateInputSchema.safeParse({ id: bookmark.id, cameraIds: ['x'] }).success).toBe(false);
  });

  it('fills list-filter paging defaults', () => {
    expect(BookmarkListFilterSchema.parse({})).toEqual({ offset: 0, limit: 500 });
  });

  it('describes each delivery state with what the console needs to show', () => {
    expect(DeliveryStateSchema.safeParse({ state: 'retrying', revision: 1, attempt: 2, nextAttemptAt: 5, lastError: 'refused' }).success).toBe(true);
    expect(DeliveryStateSchema.safeParse({ state: 'failed', revision: 1, status: 422, message: 'bad camera', at: 5 }).success).toBe(true);
    expect(DeliveryStateSchema.safeParse({ state: 'failed', revision: 1 }).success).toBe(false);
  });
});

describe('categories', () => {
  it('ships valid defaults in the three languages of the rooms', () => {
    expect(BookmarkCategoryListSchema.safeParse(DEFAULT_CATEGORIES).success).toBe(true);
    for (const category of DEFAULT_CATEGORIES) {
      expect(category.names.es).toBeTruthy();
      expect(category.names.pt).toBeTruthy();
    }
    expect(categoryName(DEFAULT_CATEGORIES[0]!, 'es')).toBe('Incidente');
  });

  it('derives the footage window from the category, explicit rolls winning', () => {
    const incident = { preRollS: 30, postRollS: 60 };
    expect(bookmarkWindow(100_000, incident)).toEqual({ startTime: 70_000, endTime: 160_000 });
    expect(bookmarkWindow(100_000, incident, 0, 10)).toEqual({ startTime: 100_000, endTime: 110_000 });
  });
});

describe('delivery summary and list filter', () => {
  const view = (deliveries: Record<string, DeliveryState>) => ({
    ...bookmark,
    deliveries,
    delivery: summarizeDeliveries(deliveries),
  });

  it('summarises a bookmark by its worst target', () => {
    expect(summarizeDeliveries({})).toBe('local');
    expect(summarizeDeliveries({ a: { state: 'delivered', revision: 1, at: 1 }, b: { state: 'pending', revision: 1 } })).toBe('pending');
    expect(
      summarizeDeliveries({
        a: { state: 'retrying', revision: 1, attempt: 1, nextAttemptAt: 2, lastError: 'x' },
        b: { state: 'failed', revision: 1, message: 'no', at: 1 },
      }),
    ).toBe('failed');
  });

  it('filters by time, camera, category, and delivery state overall or per target', () => {
    const v = view({ nx: { state: 'delivered', revision: 1, at: 1 }, hook: { state: 'failed', revision: 1, message: 'no', at: 1 } });
    const f = (extra: object) => matchesFilter(v, BookmarkListFilterSchema.parse(extra));
    expect(f({ from: bookmark.time, to: bookmark.time + 1 })).toBe(true);
    expect(f({ to: bookmark.time })).toBe(false);
    expect(f({ cameraId: 'cam-1' })).toBe(true);
    expect(f({ cameraId: 'cam-2' })).toBe(false);
    expect(f({ category: 'traffic' })).toBe(false);
    expect(f({ delivery: 'failed' })).toBe(true);
    expect(f({ delivery: 'delivered' })).toBe(false);
    expect(f({ delivery: 'delivered', targetId: 'nx' })).toBe(true);
    expect(f({ targetId: 'milestone' })).toBe(false);
  });
});
