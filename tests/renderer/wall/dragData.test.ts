import { describe, expect, it } from 'vitest';
import { CAMERA_MIME, dropAction, dropEffectFor, TILE_MIME, TOUR_MIME, writeCameraDrag, writeTileDrag, writeTourDrag, type DragDataLike } from '../../../renderer/src/wall/dragData';

/** What a DataTransfer keeps, as a browser does across windows of one app. */
class FakeTransfer implements DragDataLike {
  private readonly data = new Map<string, string>();
  effectAllowed = 'uninitialized';
  dropEffect = 'none';
  get types() {
    return [...this.data.keys()];
  }
  getData(format: string) {
    return this.data.get(format) ?? '';
  }
  setData(format: string, value: string) {
    this.data.set(format, value);
  }
}

const target = { screenId: '2', cell: 3 };

describe('drag data between the console and the wall', () => {
  it('turns a camera dropped on a tile into tile.assign, with plain text for other apps', () => {
    const dt = new FakeTransfer();
    writeCameraDrag(dt, { id: 'cam-12', number: 12, name: 'Plaza' });
    expect(dt.getData('text/plain')).toBe('12 Plaza');
    expect(dropEffectFor(dt.types)).toBe('copy');
    expect(dropAction(dt, target)).toEqual({ type: 'tile.assign', screenId: '2', cell: 3, tile: { kind: 'camera', cameraId: 'cam-12' } });
  });

  it('turns a tile dropped on another into tile.swap, across screens', () => {
    const dt = new FakeTransfer();
    writeTileDrag(dt, { screenId: '1', cell: 0 });
    expect(dropEffectFor(dt.types)).toBe('move');
    expect(dropAction(dt, target)).toEqual({ type: 'tile.swap', a: { screenId: '1', cell: 0 }, b: { screenId: '2', cell: 3 } });
  });

  it('ignores a tile dropped on itself', () => {
    const dt = new FakeTransfer();
    writeTileDrag(dt, target);
    expect(dropAction(dt, target)).toBeNull();
  });

  it('runs a tour dropped on a tile', () => {
    const dt = new FakeTransfer();
    writeTourDrag(dt, { id: 'tour-1', name: 'Centro' });
    expect(dropAction(dt, target)).toEqual({ type: 'tile.assign', screenId: '2', cell: 3, tile: { kind: 'tour', tourId: 'tour-1' } });
  });

  it('refuses drags from elsewhere and forged data', () => {
    const text = new FakeTransfer();
    text.setData('text/plain', 'cam-12');
    expect(dropEffectFor(text.types)).toBeNull();
    expect(dropAction(text, target)).toBeNull();
    for (const [mime, value] of [
      [TILE_MIME, 'not json'],
      [TILE_MIME, JSON.stringify({ screenId: '1', cell: -1 })],
      [TILE_MIME, JSON.stringify({ screenId: '../1', cell: 0 })],
      [TILE_MIME, JSON.stringify({ screenId: '1', cell: 0, extra: true })],
      [CAMERA_MIME, 'x'.repeat(500)],
      [TOUR_MIME, 'bad id!'],
    ] as const) {
      const dt = new FakeTransfer();
      dt.setData(mime, value);
      expect(dropAction(dt, target), `${mime} ${value.slice(0, 30)}`).toBeNull();
    }
  });
});
