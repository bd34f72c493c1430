import { describe, expect, it } from 'vitest';
import { gridLayout, LAYOUT_PRESET_IDS, presetLayout } from '../../../common/wall/layoutMath';
import type { SavedLayout, Screen, Tile } from '../../../common/wall/wallSchema';
import { currentPreset, PRESETS_BY_TILES, presetWithTiles, savedLayoutsInOrder, stepPreset, stepSavedLayout } from '../../../renderer/src/keyboard/layoutSteps';

const empty: Tile = { kind: 'empty' };
const cam = (id: string): Tile => ({ kind: 'camera', cameraId: id });

function screen(layout = presetLayout('16'), tiles?: Tile[]): Screen {
  return { id: '1', name: '', binding: { kind: 'unbound' }, layout, tiles: tiles ?? layout.cells.map(() => empty), selected: 0, maximized: null };
}

describe('stepping through presets', () => {
  it('orders every preset by tile count, each count naming one preset', () => {
    expect(PRESETS_BY_TILES).toEqual(['1', '4', '1+5', '1+7', '9', '2+8', '1+12', '16', '25', '36', '49', '64']);
    expect([...PRESETS_BY_TILES].sort()).toEqual([...LAYOUT_PRESET_IDS].sort());
    expect(presetWithTiles(13)).toBe('1+12');
    expect(presetWithTiles(6)).toBe('1+5');
    expect(presetWithTiles(7)).toBeNull();
  });

  it('steps up and down and stops at the ends', () => {
    expect(stepPreset(presetLayout('16'), 1)).toBe('25');
    expect(stepPreset(presetLayout('16'), -1)).toBe('1+12');
    expect(stepPreset(presetLayout('64'), 1)).toBeNull();
    expect(stepPreset(presetLayout('1'), -1)).toBeNull();
  });

  it('recognises a preset by its grid even without the name', () => {
    const { name: _name, ...unnamed } = presetLayout('1+7');
    expect(currentPreset(unnamed)).toBe('1+7');
    expect(stepPreset(unnamed, 1)).toBe('9');
  });

  it('from a drawn layout goes to the nearest preset with more or fewer tiles', () => {
    const drawn = gridLayout(2, 3); // 6 tiles, not the 1+5 preset
    expect(currentPreset(drawn)).toBeNull();
    expect(stepPreset(drawn, 1)).toBe('1+7');
    expect(stepPreset(drawn, -1)).toBe('4');
  });
});

describe('stepping through saved layouts', () => {
  const a: SavedLayout = { id: 'layout-1', name: 'Puerto', shared: true, layout: presetLayout('4'), tiles: [cam('c1'), cam('c2'), empty, empty] };
  const b: SavedLayout = { id: 'layout-2', name: 'centro', shared: false, layout: presetLayout('9') };
  const c: SavedLayout = { id: 'layout-3', name: 'Norte 10', shared: false, layout: presetLayout('4'), tiles: [cam('c3'), empty, empty, empty] };
  const d: SavedLayout = { id: 'layout-4', name: 'Norte 9', shared: false, layout: presetLayout('1') };

  it('orders by name as people read it', () => {
    expect(savedLayoutsInOrder([a, b, c, d]).map((l) => l.name)).toEqual(['centro', 'Norte 9', 'Norte 10', 'Puerto']);
  });

  it('starts at the first or the last from a screen showing none of them', () => {
    expect(stepSavedLayout(screen(), [a, b, c, d], 1)?.id).toBe('layout-2');
    expect(stepSavedLayout(screen(), [a, b, c, d], -1)?.id).toBe('layout-1');
    expect(stepSavedLayout(screen(), [], 1)).toBeNull();
  });

  it('goes on from the view the screen shows, wrapping round', () => {
    const showingC = screen(presetLayout('4'), [cam('c3'), empty, empty, empty]);
    expect(stepSavedLayout(showingC, [a, b, c, d], 1)?.id).toBe('layout-1');
    const showingA = screen(presetLayout('4'), [cam('c1'), cam('c2'), empty, empty]);
    expect(stepSavedLayout(showingA, [a, b, c, d], 1)?.id).toBe('layout-2');
    expect(stepSavedLayout(showingA, [a, b, c, d], -1)?.id).toBe('layout-3');
  });
});
