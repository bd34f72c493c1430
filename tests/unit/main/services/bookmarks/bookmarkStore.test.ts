import { randomUUID } from 'node:crypto';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Bookmark } from '../../../../../common/bookmarks/bookmarkSchemas';
import { BookmarkStore, StorageError } from '../../../../../main/services/bookmarks/bookmarkStore';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atalaya-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const T0 = Date.UTC(2026, 10, 29, 12);
function bookmark(i: number, extra: Partial<Bookmark> = {}): Bookmark {
  const time = T0 + i * 1000;
  return {
    id: randomUUID(),
    revision: 1,
    createdAt: time,
    updatedAt: time,
    time,
    startTime: time - 30_000,
    endTime: time + 60_000,
    cameraIds: ['cam-1', 'cam-2'],
    category: 'incident',
    priority: 'high',
    note: `note ${i}`,
    location: null,
    operator: 'maria',
    updatedBy: 'maria',
    ...extra,
  };
}

describe('BookmarkStore', () => {
  it('keeps bookmarks and everything known about their delivery across a restart', async () => {
    const store = await BookmarkStore.open(dir);
    const a = bookmark(1);
    await store.create(a, ['nx', 'hook']);
    await store.update({ ...a, revision: 2, note: 'edited', updatedBy: 'joão' });
    await store.recordAttempt(a.id, 'nx', 'cam-1');
    await store.recordAttempt(a.id, 'nx', 'cam-2');
    await store.recordRemote(a.id, 'nx', 'cam-1', 'nx-bookmark-1');
    await store.markFailed(a.id, 'hook', { revision: 2, status: 422, message: 'no such camera', at: T0 });
    await store.markDelivered(a.id, 'nx', 2, T0 + 5);
    await store.close();

    const reopened = await BookmarkStore.open(dir);
    const record = reopened.get(a.id)!;
    expect(record.bookmark).toEqual({ ...a, revision: 2, note: 'edited', updatedBy: 'joão' });
    expect(record.durable).toEqual(record.bookmark);
    expect(record.targets.nx).toEqual({ deliveredRevision: 2, deliveredAt: T0 + 5, remote: { 'cam-1': 'nx-bookmark-1' }, attempted: ['cam-2'] });
    expect(record.targets.hook).toMatchObject({ deliveredRevision: 0, failed: { revision: 2, status: 422, message: 'no such camera' } });
    await reopened.clearFailed(a.id, 'hook');
    expect(reopened.get(a.id)!.targets.hook!.failed).toBeUndefined();
    await reopened.close();
  });

  it('refuses an edit that does not follow the latest revision', async () => {
    const store = await BookmarkStore.open(dir);
    const a = bookmark(1);
    await store.create(a, []);
    await expect(store.update({ ...a, revision: 3 })).rejects.toThrow(/does not follow/);
    await store.close();
  });

  it('takes back a change whose journal write failed', async () => {
    const store = await BookmarkStore.open(dir);
    await store.close();
    const a = bookmark(1);
    await expect(store.create(a, ['nx'])).rejects.toBeInstanceOf(StorageError);
    expect(store.get(a.id)).toBeUndefined();
    expect([...store.newestFirst()]).toEqual([]);
  });

  it('undoes, newest first, every change of a batch the disk refused, and carries on cleanly', async () => {
    const store = await BookmarkStore.open(dir);
    const a = bookmark(1);
    await store.create(a, ['nx']);
    // Every FileHandle shares one prototype: make the next write fail as a full disk would.
    const probe = await open(join(dir, 'probe'), 'w');
    const write = vi.spyOn(Object.getPrototypeOf(probe) as { write: () => Promise<unknown> }, 'write').mockRejectedValueOnce(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }));
    await probe.close();
    try {
      const results = await Promise.allSettled([
        store.update({ ...a, revision: 2, note: 'second' }),
        store.update({ ...a, revision: 3, note: 'third' }),
        store.markDelivered(a.id, 'nx', 3, T0),
      ]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
      expect((results[0] as PromiseRejectedResult).reason).toBeInstanceOf(StorageError);
    } finally {
      write.mockRestore();
    }
    expect(store.get(a.id)!.bookmark).toEqual(a);
    expect(store.get(a.id)!.targets.nx!.deliveredRevision).toBe(0);

    await store.update({ ...a, revision: 2, note: 'after the disk recovered' });
    await store.close();
    const reopened = await BookmarkStore.open(dir);
    expect(reopened.recovery).toMatchObject({ skipped: 0, truncatedBytes: 0 });
    expect(reopened.get(a.id)!.bookmark.note).toBe('after the disk recovered');
    await reopened.close();
  });

  it('lists newest first whatever order they were written in', async () => {
    const store = await BookmarkStore.open(dir);
    const list = [3, 1, 2].map((i) => bookmark(i));
    for (const b of list) await store.create(b, []);
    expect([...store.newestFirst()].map((r) => r.bookmark.note)).toEqual(['note 3', 'note 2', 'note 1']);
    await store.close();
  });

  it('compacts as it goes and reopens to the same state', async () => {
    const store = await BookmarkStore.open(dir, { compactAfterRecords: 10 });
    const created: Bookmark[] = [];
    for (let i = 0; i < 40; i += 1) {
      const b = bookmark(i);
      created.push(b);
      await store.create(b, ['nx']);
      await store.recordAttempt(b.id, 'nx', 'cam-1');
      await store.recordRemote(b.id, 'nx', 'cam-1', `r${i}`);
      await store.markDelivered(b.id, 'nx', 1, T0);
    }
    const before = [...store.oldestFirst()].map((r) => structuredClone({ bookmark: r.bookmark, targets: r.targets }));
    await store.close();
    const reopened = await BookmarkStore.open(dir, { compactAfterRecords: 10 });
    // 160 records were written; compaction folded most of them into one snapshot per bookmark.
    expect(reopened.recovery.records).toBeLessThan(160);
    expect([...reopened.oldestFirst()].map((r) => ({ bookmark: r.bookmark, targets: r.targets }))).toEqual(before);
    await reopened.close();
  });

  it('stays quick with thousands of bookmarks', async () => {
    const store = await BookmarkStore.open(dir);
    const n = 5000;
    const started = performance.now();
    // Issued together, as a busy outbox does: group commit shares the fsyncs.
    await Promise.all(Array.from({ length: n }, (_, i) => store.create(bookmark(i), ['nx', 'hook'])));
    const writeMs = performance.now() - started;
    await store.close();
    const opening = performance.now();
    const reopened = await BookmarkStore.open(dir);
    const openMs = performance.now() - opening;
    expect(reopened.size).toBe(n);
    const listing = performance.now();
    const newest = [...reopened.newestFirst()].slice(0, 500);
    const listMs = performance.now() - listing;
    expect(newest[0]!.bookmark.note).toBe(`note ${n - 1}`);
    console.info(`store: ${n} creates ${writeMs.toFixed(0)} ms, reopen ${openMs.toFixed(0)} ms, newest 500 ${listMs.toFixed(1)} ms`);
    await reopened.close();
  });
});
