import { randomUUID } from 'node:crypto';
import type { Bookmark } from '../../../../../common/bookmarks/bookmarkSchemas';
import { DEFAULT_CATEGORIES } from '../../../../../common/bookmarks/categories';
import type { DeliveryCamera, DeliveryContext, SecretStore } from '../../../../../main/services/vms/adapter';
import { VmsError } from '../../../../../main/services/vms/vmsError';

/** What the outbox would have on disk for one bookmark at one target, kept in memory. */
export interface TargetState {
  deliveredRevision: number;
  remote: Record<string, string>;
  attempted: Set<string>;
}

export const secrets = (values: Record<string, string>): SecretStore => ({ get: (ref) => Promise.resolve(values[ref]) });

export function makeBookmark(extra: Partial<Bookmark> = {}): Bookmark {
  const time = Date.now();
  return {
    id: randomUUID(),
    revision: 1,
    createdAt: time,
    updatedAt: time,
    time,
    startTime: time - 30_000,
    endTime: time + 60_000,
    cameraIds: ['cam-1'],
    category: 'incident',
    priority: 'high',
    note: 'Two people fighting\nnear the kiosk',
    location: { lat: -34.6037, lng: -58.3816 },
    operator: 'maria',
    updatedBy: 'maria',
    ...extra,
  };
}

/** A delivery context over `state`, the way the runner builds one for each attempt. */
export function contextFor(bookmark: Bookmark, cameras: DeliveryCamera[], state: TargetState): DeliveryContext {
  return {
    bookmark,
    category: DEFAULT_CATEGORIES.find((c) => c.id === bookmark.category)!,
    cameras,
    deliveredRevision: state.deliveredRevision,
    remoteIds: { ...state.remote },
    unconfirmed: new Set(state.attempted),
    beforeCreate: (camera) => {
      state.attempted.add(camera);
      return Promise.resolve();
    },
    created: (camera, remoteId) => {
      state.remote[camera] = remoteId;
      state.attempted.delete(camera);
      return Promise.resolve();
    },
    signal: new AbortController().signal,
  };
}

export const freshState = (): TargetState => ({ deliveredRevision: 0, remote: {}, attempted: new Set() });

/** Runs one delivery like the runner does, recording success; returns the error if any. */
export async function attempt(deliver: (c: DeliveryContext) => Promise<void>, bookmark: Bookmark, cameras: DeliveryCamera[], state: TargetState): Promise<VmsError | undefined> {
  try {
    await deliver(contextFor(bookmark, cameras, state));
    state.deliveredRevision = bookmark.revision;
    return undefined;
  } catch (error) {
    if (error instanceof VmsError) return error;
    throw error;
  }
}
