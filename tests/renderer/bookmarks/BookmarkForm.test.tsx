import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { BookmarkView } from '../../../common/bookmarks/bookmarkSchemas';
import { DEFAULT_CATEGORIES } from '../../../common/bookmarks/categories';
import type { BookmarkTargets } from '../../../common/contract/methods/bookmarks';
import type { Result } from '../../../common/contract/result';
import type { WallApi } from '../../../common/contract/wallApi';
import type { Camera } from '../../../common/site/siteSchema';
import { AppStore } from '../../../renderer/src/app/appStore';
import { BookmarkForm } from '../../../renderer/src/bookmarks/BookmarkForm';
import { IncidentsPanel } from '../../../renderer/src/bookmarks/IncidentsPanel';
import { useBookmarkKey } from '../../../renderer/src/bookmarks/useBookmarkKey';
import { initI18n } from '../../../renderer/src/i18n/i18n';

beforeAll(async () => {
  await initI18n('en');
});
afterEach(cleanup);

const camera = { id: 'cam-2', number: 2, name: 'Plaza north', position: { lat: -34.6, lng: -58.38 } } as Camera;

const VIEW: BookmarkView = {
  id: '6f1c2c9e-4b1a-4f7e-9a51-3f1b0d6f2a10',
  revision: 1,
  createdAt: 1000,
  updatedAt: 1000,
  time: 1000,
  startTime: 0,
  endTime: 61_000,
  cameraIds: ['cam-2'],
  category: 'incident',
  priority: 'high',
  note: 'Fight',
  location: null,
  operator: 'ana',
  updatedBy: 'ana',
  deliveries: {},
  delivery: 'local',
};

type Call = (method: string, params: unknown) => Promise<Result<unknown>>;

function fakeApi(call: Call) {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const api = {
    transport: 'ws',
    call: vi.fn(call),
    on: (event: string, listener: (payload: unknown) => void) => {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)!.add(listener);
      return () => listeners.get(event)!.delete(listener);
    },
  };
  const emit = (event: string, payload: unknown) => listeners.get(event)?.forEach((l) => l(payload));
  return { api: api as unknown as WallApi, call: api.call, emit };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('the bookmark form', () => {
  it('has the focus in the note; Enter saves, and "saved" comes only once main has answered', async () => {
    const answer = deferred<Result<unknown>>();
    const { api, call } = fakeApi(() => answer.promise);
    const onSaved = vi.fn();
    render(<BookmarkForm api={api} mode={{ kind: 'create', cameras: [camera], markedAt: performance.now() - 12_000, markedClock: Date.now() }} categories={DEFAULT_CATEGORIES} onSaved={onSaved} onCancel={() => undefined} />);
    const note = document.querySelector('[data-bookmark-note]') as HTMLTextAreaElement;
    expect(document.activeElement).toBe(note);
    fireEvent.change(note, { target: { value: 'Two people fighting' } });
    fireEvent.keyDown(note, { key: 'Enter', shiftKey: true });
    expect(call).not.toHaveBeenCalled();
    fireEvent.keyDown(note, { key: 'Enter' });
    expect(call).toHaveBeenCalledTimes(1);
    const [method, params] = call.mock.calls[0]!;
    expect(method).toBe('bookmarks.create');
    expect(params).toMatchObject({ cameraIds: ['cam-2'], category: 'incident', note: 'Two people fighting' });
    // The footage window starts from the key press, 12 s ago, not from the Enter.
    expect((params as { markedAgoMs: number }).markedAgoMs).toBeGreaterThanOrEqual(12_000);
    expect(screen.getByText('Saving…')).toBeTruthy();
    // A second Enter while saving does not make a second bookmark.
    fireEvent.keyDown(note, { key: 'Enter' });
    expect(call).toHaveBeenCalledTimes(1);
    expect(onSaved).not.toHaveBeenCalled();
    await act(async () => answer.resolve({ ok: true, value: VIEW }));
    expect(onSaved).toHaveBeenCalledWith(VIEW);
  });

  it('keeps what was typed and says why when main refuses', async () => {
    const { api } = fakeApi(async () => ({ ok: false, error: { code: 'unavailable', message: 'the disk is full' } }));
    const onSaved = vi.fn();
    render(<BookmarkForm api={api} mode={{ kind: 'create', cameras: [camera], markedAt: performance.now(), markedClock: Date.now() }} categories={DEFAULT_CATEGORIES} onSaved={onSaved} onCancel={() => undefined} />);
    const note = document.querySelector('[data-bookmark-note]') as HTMLTextAreaElement;
    fireEvent.change(note, { target: { value: 'Smoke from the roof' } });
    await act(async () => {
      fireEvent.keyDown(note, { key: 'Enter' });
    });
    expect(onSaved).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toContain('Not saved: the disk is full');
    expect(note.value).toBe('Smoke from the roof');
  });

  it('Esc cancels without a call and the wall never sees the key', () => {
    const { api, call } = fakeApi(async () => ({ ok: true, value: VIEW }));
    const onCancel = vi.fn();
    const wallKey = vi.fn();
    window.addEventListener('keydown', wallKey);
    render(<BookmarkForm api={api} mode={{ kind: 'create', cameras: [camera], markedAt: 0, markedClock: 0 }} categories={DEFAULT_CATEGORIES} onSaved={() => undefined} onCancel={onCancel} />);
    fireEvent.keyDown(document.querySelector('[data-bookmark-note]')!, { key: 'Escape' });
    window.removeEventListener('keydown', wallKey);
    expect(onCancel).toHaveBeenCalled();
    expect(call).not.toHaveBeenCalled();
    expect(wallKey).not.toHaveBeenCalled();
  });

  it('edits send only what changed, on the revision shown', async () => {
    const { api, call } = fakeApi(async () => ({ ok: true, value: { ...VIEW, revision: 2 } }));
    render(<BookmarkForm api={api} mode={{ kind: 'edit', bookmark: VIEW, cameras: [camera] }} categories={DEFAULT_CATEGORIES} onSaved={() => undefined} onCancel={() => undefined} />);
    fireEvent.click(screen.getByLabelText('Fire'));
    await act(async () => {
      fireEvent.keyDown(document.querySelector('[data-bookmark-note]')!, { key: 'Enter' });
    });
    expect(call).toHaveBeenCalledWith('bookmarks.update', { id: VIEW.id, expectedRevision: 1, category: 'fire' });
  });
});

function KeyProbe({ shortcut, onPress }: { shortcut: string; onPress: () => void }) {
  const [, setCount] = useState(0);
  useBookmarkKey(shortcut, () => {
    setCount((c) => c + 1);
    onPress();
  });
  return <textarea data-probe-field />;
}

describe('the bookmark key', () => {
  it('answers B (or the key the operator chose), not in a text field, not repeated, and not when something else took it', () => {
    const onPress = vi.fn();
    const { rerender } = render(<KeyProbe shortcut="B" onPress={onPress} />);
    fireEvent.keyDown(window, { key: 'b', code: 'KeyB' });
    expect(onPress).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(window, { key: 'b', code: 'KeyB', repeat: true });
    fireEvent.keyDown(document.querySelector('[data-probe-field]')!, { key: 'b', code: 'KeyB' });
    expect(onPress).toHaveBeenCalledTimes(1);

    // An exercise on the wall claims B first (its capture listener prevents the default).
    const claim = (event: KeyboardEvent) => event.preventDefault();
    window.addEventListener('keydown', claim, true);
    fireEvent.keyDown(window, { key: 'b', code: 'KeyB' });
    window.removeEventListener('keydown', claim, true);
    expect(onPress).toHaveBeenCalledTimes(1);

    rerender(<KeyProbe shortcut="F2" onPress={onPress} />);
    fireEvent.keyDown(window, { key: 'b', code: 'KeyB' });
    fireEvent.keyDown(window, { key: 'F2', code: 'F2' });
    expect(onPress).toHaveBeenCalledTimes(2);
  });
});

describe('the incident panel', () => {
  const targets = (patch: Partial<BookmarkTargets['targets'][number]>, secure = false): BookmarkTargets => ({
    now: 10_000,
    targets: [{ targetId: 'evidence', type: 'webhook', name: 'Evidence store', state: 'retrying', nextAttemptAt: 22_000, attempt: 3, lastError: 'webhook: 503 upgrading', status: 503, pending: 2, failed: 0, credential: 'set', ...patch }],
    credentialStore: { secure, description: 'a key file' },
  });

  function mount(answers: Record<string, unknown>) {
    const fake = fakeApi(async (method) => {
      if (method in answers) return { ok: true, value: answers[method] };
      return { ok: false, error: { code: 'unknown_method', message: method } };
    });
    const store = new AppStore(fake.api);
    render(<IncidentsPanel api={fake.api} store={store} screenId="1" />);
    return fake;
  }

  it('shows each target as retrying in N s with the VMS’s words, says the credential store is not secure, and lists bookmarks', async () => {
    const fake = mount({
      'auth.status': { signedIn: true, user: null, demo: false, needsSetup: false, locked: false, permissions: ['bookmark.read', 'bookmark.create'] },
      'bookmarks.categories': { categories: DEFAULT_CATEGORIES },
      'bookmarks.targets': targets({}),
      'bookmarks.list': { items: [VIEW], total: 1 },
    });
    const target = await screen.findByText('Evidence store');
    const row = target.closest('[data-target-id]')!;
    expect(row.getAttribute('data-target-state')).toBe('retrying');
    expect(row.textContent).toMatch(/Retrying in 12 s/);
    expect(row.textContent).toContain('HTTP 503 · webhook: 503 upgrading');
    expect(document.querySelector('[data-insecure-credentials]')?.textContent).toContain('a key file');
    expect((await screen.findByText('Fight')).closest('[data-bookmark-id]')?.getAttribute('data-delivery')).toBe('local');
    // Exports are for those allowed to export.
    expect(document.querySelector('[data-export]')).toBeNull();

    // A push event moves the target on and updates the listed bookmark in place.
    await act(async () => {
      fake.emit('bookmarks.changed', {
        now: 30_000,
        bookmarks: [{ id: VIEW.id, revision: 1, updatedAt: 1000, time: 1000, cameraIds: ['cam-2'], category: 'incident', deliveries: {}, delivery: 'local' }],
        targets: [{ ...targets({ state: 'failing', lastError: 'webhook: 422 unknown camera', status: 422, failed: 1, pending: 0 }).targets[0], credential: undefined }],
      });
    });
    expect(row.getAttribute('data-target-state')).toBe('failing');
    expect(row.textContent).toContain('Failing');
    expect(row.textContent).toContain('422 unknown camera');
  });
});
