import { describe, expect, it } from 'vitest';
import { PlacementChangeSchema, PlacementHistory, patchSiteJson, placementOf, tidyPlacement, withChange, type PlacementEdit } from '../../../../common/map/cameraPlacement';

const placement = { position: { lat: -21.47, lng: -70.06 }, heading: 90, fov: 60, range: 100 };

describe('placement changes', () => {
  it('need at least one field and stay within the site schema’s limits', () => {
    expect(PlacementChangeSchema.safeParse({}).success).toBe(false);
    expect(PlacementChangeSchema.safeParse({ heading: 400 }).success).toBe(false);
    expect(PlacementChangeSchema.safeParse({ range: 0 }).success).toBe(false);
    expect(PlacementChangeSchema.safeParse({ position: { lat: 91, lng: 0 } }).success).toBe(false);
    expect(PlacementChangeSchema.safeParse({ fov: 360 }).success).toBe(true);
    expect(PlacementChangeSchema.safeParse({ heading: 10, colour: 'red' }).success).toBe(false);
  });

  it('are rounded for people reading the site file; heading 360 is 0', () => {
    expect(tidyPlacement({ position: { lat: -21.470000049, lng: -70.0600000151 }, heading: 359.96, fov: 59.94, range: 100.04 })).toEqual({
      position: { lat: -21.47, lng: -70.06 },
      heading: 0,
      fov: 59.9,
      range: 100,
    });
    expect(tidyPlacement({ fov: 0.01, range: 0.01 })).toEqual({ fov: 0.1, range: 0.1 });
  });

  it('change only the fields given', () => {
    expect(withChange(placement, { heading: 10 })).toEqual({ ...placement, heading: 10 });
    expect(placementOf({ ...placement, id: 'x' } as never)).toEqual(placement);
  });
});

describe('patchSiteJson', () => {
  const raw = {
    name: 'Site',
    cameras: [
      { id: 'a', number: 1, note: 'kept', position: { lat: 1, lng: 2 }, heading: 0, fov: 10, range: 5 },
      { id: 'b', number: 2, position: { lat: 3, lng: 4 }, heading: 0, fov: 10, range: 5 },
    ],
    map: { whatever: true },
  };

  it('replaces one camera’s placement and keeps everything else as written, in order', () => {
    const out = patchSiteJson(raw, 'b', placement) as typeof raw;
    expect(out.cameras[1]).toEqual({ id: 'b', number: 2, ...placement });
    expect(out.cameras[0]).toBe(raw.cameras[0]);
    expect(Object.keys(out)).toEqual(['name', 'cameras', 'map']);
    expect(Object.keys(out.cameras[1]!)).toEqual(['id', 'number', 'position', 'heading', 'fov', 'range']);
    // The input is not changed.
    expect(raw.cameras[1]!.heading).toBe(0);
  });

  it('returns null when there is no such camera or no camera list', () => {
    expect(patchSiteJson(raw, 'zz', placement)).toBeNull();
    expect(patchSiteJson({ cameras: 'no' }, 'a', placement)).toBeNull();
    expect(patchSiteJson(null, 'a', placement)).toBeNull();
  });
});

describe('PlacementHistory', () => {
  const edit = (cameraId: string, heading: number): PlacementEdit => ({ cameraId, before: placement, after: { ...placement, heading }, actor: 'sup', at: 0 });

  it('undo moves to redo, a new edit forgets redo, the limit drops the oldest', () => {
    const history = new PlacementHistory(2);
    history.record(edit('a', 1));
    history.record(edit('b', 2));
    history.record(edit('c', 3));
    expect(history.undoCount).toBe(2);
    expect(history.markUndone()?.cameraId).toBe('c');
    expect(history.peekRedo()?.cameraId).toBe('c');
    expect(history.markRedone()?.cameraId).toBe('c');
    history.markUndone();
    history.record(edit('d', 4));
    expect(history.redoCount).toBe(0);
    expect(history.peekUndo()?.cameraId).toBe('d');
    history.dropUndo();
    expect(history.peekUndo()?.cameraId).toBe('b');
    history.clear();
    expect(history.undoCount + history.redoCount).toBe(0);
  });
});
