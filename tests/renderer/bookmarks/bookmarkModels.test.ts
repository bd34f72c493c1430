import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BookmarkView } from '../../../common/bookmarks/bookmarkSchemas';
import { DEFAULT_CATEGORIES } from '../../../common/bookmarks/categories';
import type { BookmarkChange } from '../../../common/contract/methods/bookmarks';
import { presetLayout } from '../../../common/wall/layoutMath';
import type { Screen } from '../../../common/wall/wallSchema';
import { createInput, draftProblems, editDraft, newDraft, parseLatLng, updateInput, withCategory, withField } from '../../../renderer/src/bookmarks/formModel';
import { placeForm, type Rect } from '../../../renderer/src/bookmarks/formPlacement';
import { admits, applyChanges, mergeFetched } from '../../../renderer/src/bookmarks/incidentList';
import { showCamerasActions } from '../../../renderer/src/bookmarks/openOnWall';

const incident = DEFAULT_CATEGORIES.find((c) => c.id === 'incident')!;
const suspicious = DEFAULT_CATEGORIES.find((c) => c.id === 'suspicious')!;
const HERE = { lat: -34.6037, lng: -58.3816 };

const overlaps = (a: Rect, b: Rect) => a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;

describe('form placement', () => {
  const viewport = { width: 1280, height: 720 };
  const form = { width: 340, height: 400 };

  it('goes beside the tile when there is room, else below, else to its left', () => {
    expect(placeForm(viewport, [{ left: 0, top: 0, width: 320, height: 180 }], form)).toEqual({ kind: 'float', left: 328, top: 8 });
    expect(placeForm(viewport, [{ left: 960, top: 0, width: 320, height: 180 }], form)).toEqual({ kind: 'float', left: 932, top: 188 });
    expect(placeForm(viewport, [{ left: 640, top: 360, width: 640, height: 360 }], form)).toEqual({ kind: 'float', left: 292, top: 312 });
  });

  it('takes the rail when one tile fills the screen', () => {
    expect(placeForm(viewport, [{ left: 0, top: 0, width: 1280, height: 720 }], form)).toEqual({ kind: 'rail' });
  });

  it('never covers a tile it is about, and stays on screen', () => {
    const rect = fc.record({ left: fc.integer({ min: 0, max: 1200 }), top: fc.integer({ min: 0, max: 650 }), width: fc.integer({ min: 40, max: 1280 }), height: fc.integer({ min: 30, max: 720 }) });
    fc.assert(
      fc.property(fc.array(rect, { minLength: 1, maxLength: 4 }), (tiles) => {
        const placed = placeForm(viewport, tiles, form);
        if (placed.kind === 'rail') return;
        const r = { ...placed, ...form };
        expect(r.left).toBeGreaterThanOrEqual(0);
        expect(r.top).toBeGreaterThanOrEqual(0);
        expect(r.left + r.width).toBeLessThanOrEqual(viewport.width);
        expect(r.top + r.height).toBeLessThanOrEqual(viewport.height);
        for (const tile of tiles) expect(overlaps(r, tile)).toBe(false);
      }),
    );
  });
});

describe('the form model', () => {
  it('starts from the category, and a category change brings its defaults except what the operator set', () => {
    const draft = newDraft(incident, HERE);
    expect(draft).toMatchObject({ category: 'incident', priority: 'high', preRollS: '30', postRollS: '60', location: '-34.603700, -58.381600' });
    const typed = withField(withField(draft, 'postRollS', '90'), 'note', 'smoke');
    expect(withCategory(typed, suspicious)).toMatchObject({ category: 'suspicious', priority: 'normal', preRollS: '120', postRollS: '90', note: 'smoke' });
  });

  it('sends only what differs from the defaults on create', () => {
    expect(createInput(newDraft(incident, HERE), ['cam-1'], incident, HERE)).toEqual({ cameraIds: ['cam-1'], category: 'incident' });
    const draft = withField(withField(withField(newDraft(incident, HERE), 'note', '  Fight  '), 'preRollS', '45'), 'location', '-34.6, -58.4');
    expect(createInput(draft, ['cam-1', 'cam-2'], incident, HERE)).toEqual({ cameraIds: ['cam-1', 'cam-2'], category: 'incident', note: 'Fight', preRollS: 45, location: { lat: -34.6, lng: -58.4 } });
  });

  it('checks rolls and the location', () => {
    expect(draftProblems(withField(withField(newDraft(incident, HERE), 'preRollS', '-1'), 'location', 'north'))).toEqual(['preRoll', 'location']);
    expect(draftProblems(withField(newDraft(incident, HERE), 'postRollS', '3601'))).toEqual(['postRoll']);
    expect(parseLatLng('-34.6; -58.4')).toEqual({ lat: -34.6, lng: -58.4 });
    expect(parseLatLng('91, 0')).toBeUndefined();
  });

  it('an edit sends only the changes, on the revision it started from; an emptied location clears it', () => {
    const view = bookmark({ revision: 3, note: 'old', location: HERE });
    const draft = withField(withField(editDraft(view), 'note', 'new'), 'location', '');
    expect(updateInput(draft, view)).toEqual({ id: view.id, expectedRevision: 3, note: 'new', location: null });
    expect(updateInput(editDraft(view), view)).toEqual({ id: view.id, expectedRevision: 3 });
  });
});

function bookmark(patch: Partial<BookmarkView> = {}): BookmarkView {
  const time = patch.time ?? 1_000_000;
  return {
    id: '6f1c2c9e-4b1a-4f7e-9a51-3f1b0d6f2a10',
    revision: 1,
    createdAt: time,
    updatedAt: time,
    time,
    startTime: time - 30_000,
    endTime: time + 60_000,
    cameraIds: ['cam-1'],
    category: 'incident',
    priority: 'high',
    note: '',
    location: null,
    operator: 'ana',
    updatedBy: 'ana',
    deliveries: { hook: { state: 'pending', revision: 1 } },
    delivery: 'pending',
    ...patch,
  };
}

const change = (view: BookmarkView, patch: Partial<BookmarkChange> = {}): BookmarkChange => ({
  id: view.id,
  revision: view.revision,
  updatedAt: view.updatedAt,
  time: view.time,
  cameraIds: view.cameraIds,
  category: view.category,
  deliveries: view.deliveries,
  delivery: view.delivery,
  ...patch,
});

describe('the incident list under push events', () => {
  const a = bookmark({ id: 'aaaaaaaa-0000-4000-8000-000000000001', time: 3000 });
  const b = bookmark({ id: 'aaaaaaaa-0000-4000-8000-000000000002', time: 2000 });

  it('updates a listed bookmark’s delivery in place and asks for edited or new ones', () => {
    const delivered = { hook: { state: 'delivered' as const, revision: 1, at: 5 } };
    const fresh = bookmark({ id: 'aaaaaaaa-0000-4000-8000-000000000003', time: 4000 });
    const { state, fetch } = applyChanges({ items: [a, b], total: 2 }, [change(a, { deliveries: delivered, delivery: 'delivered' }), change(b, { revision: 2 }), change(fresh)], {});
    expect(state.items[0]).toMatchObject({ id: a.id, delivery: 'delivered' });
    expect(fetch).toEqual([b.id, fresh.id]);
    expect(mergeFetched(state, [fresh], {}).items.map((i) => i.id)).toEqual([fresh.id, a.id, b.id]);
  });

  it('drops what leaves the filter and ignores what never entered it', () => {
    const filter = { delivery: 'pending' as const };
    const { state, fetch } = applyChanges({ items: [a, b], total: 5 }, [change(a, { delivery: 'delivered' }), change(bookmark({ id: 'aaaaaaaa-0000-4000-8000-000000000009', category: 'fire' }), { delivery: 'delivered' })], filter);
    expect(state).toEqual({ items: [b], total: 4 });
    expect(fetch).toEqual([]);
    expect(admits({ cameraId: 'cam-2' }, a)).toBe(false);
    expect(admits({ from: 2500 }, b)).toBe(false);
  });

  it('does not insert an old bookmark into a page that has more after it', () => {
    const old = bookmark({ id: 'aaaaaaaa-0000-4000-8000-000000000004', time: 10 });
    expect(mergeFetched({ items: [a, b], total: 10 }, [old], {})).toEqual({ items: [a, b], total: 11 });
  });
});

describe('showing a bookmark’s cameras on the wall', () => {
  const screen = (preset: '1' | '4' | '16', selected = 0, maximized: number | null = null): Screen =>
    ({ id: '2', name: '', layout: presetLayout(preset), tiles: presetLayout(preset).cells.map(() => ({ kind: 'empty' })), selected, maximized }) as unknown as Screen;

  it('calls the cameras into the selected tile and the ones after it', () => {
    expect(showCamerasActions(screen('4', 3), ['c1', 'c2'])).toEqual([
      { type: 'tile.assign', screenId: '2', cell: 3, tile: { kind: 'camera', cameraId: 'c1' } },
      { type: 'tile.assign', screenId: '2', cell: 0, tile: { kind: 'camera', cameraId: 'c2' } },
      { type: 'select', screenId: '2', cell: 3 },
    ]);
  });

  it('switches to a grid that holds them all, and restores a maximized tile to show several', () => {
    expect(showCamerasActions(screen('1'), ['c1', 'c2', 'c3'])[0]).toEqual({ type: 'screen.setLayout', screenId: '2', layout: { kind: 'preset', preset: '4' } });
    expect(showCamerasActions(screen('16', 5, 5), ['c1', 'c2'])[0]).toEqual({ type: 'maximize.toggle', screenId: '2', cell: 5 });
    expect(showCamerasActions(screen('16', 5, 5), ['c1'])).toHaveLength(2);
  });
});
