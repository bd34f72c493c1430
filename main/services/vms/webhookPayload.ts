import { createHmac } from 'node:crypto';
import type { Bookmark } from '../../../common/bookmarks/bookmarkSchemas';
import { categoryName, type BookmarkCategory } from '../../../common/bookmarks/categories';
import type { DeliveryCamera } from './adapter';

/** The generic webhook's body; documented in README.md next to this file. */
export interface WebhookPayload {
  schema: 'atalaya.bookmark/1';
  event: 'bookmark.created' | 'bookmark.updated';
  id: string;
  revision: number;
  createdAt: string;
  updatedAt: string;
  time: string;
  startTime: string;
  endTime: string;
  cameras: { id: string; name: string | null; vmsDeviceId: string | null }[];
  category: { id: string; name: string; colour: string };
  priority: Bookmark['priority'];
  note: string;
  location: { lat: number; lng: number } | null;
  operator: string;
  updatedBy: string;
}

/** `created` until the receiver has confirmed some revision, `updated` after. */
export function webhookPayload(bookmark: Bookmark, category: BookmarkCategory, cameras: readonly DeliveryCamera[], receiverHasIt: boolean): WebhookPayload {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    schema: 'atalaya.bookmark/1',
    event: receiverHasIt ? 'bookmark.updated' : 'bookmark.created',
    id: bookmark.id,
    revision: bookmark.revision,
    createdAt: iso(bookmark.createdAt),
    updatedAt: iso(bookmark.updatedAt),
    time: iso(bookmark.time),
    startTime: iso(bookmark.startTime),
    endTime: iso(bookmark.endTime),
    cameras: cameras.map((c) => ({ id: c.id, name: c.name ?? null, vmsDeviceId: c.vmsDeviceId ?? null })),
    category: { id: category.id, name: categoryName(category), colour: category.colour },
    priority: bookmark.priority,
    note: bookmark.note,
    location: bookmark.location,
    operator: bookmark.operator,
    updatedBy: bookmark.updatedBy,
  };
}

/**
 * The bookmark id for the first revision and `<id>:<revision>` for edits: a receiver that
 * remembers keys treats a retry as a replay but still takes an edit.
 */
export function idempotencyKey(bookmark: Pick<Bookmark, 'id' | 'revision'>): string {
  return bookmark.revision === 1 ? bookmark.id : `${bookmark.id}:${bookmark.revision}`;
}

/** `sha256=<hex HMAC-SHA256 of the raw body>`, the value of X-Atalaya-Signature. */
export function webhookSignature(secret: string, rawBody: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody, 'utf8').digest('hex')}`;
}
