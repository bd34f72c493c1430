import { presetLayout } from '../../../common/wall/layoutMath';
import type { WallAction } from '../../../common/wall/wallActions';
import type { Screen } from '../../../common/wall/wallSchema';

/** Plain grids, smallest first: the layout a bookmark's cameras are opened in when the screen has too few tiles. */
const GRID_PRESETS = ['1', '4', '9', '16', '25', '36', '49', '64'] as const;

/**
 * The wall actions that put a bookmark's cameras on a screen, as an operator calls cameras up:
 * into the selected tile and the tiles after it. A screen with fewer tiles than the bookmark has
 * cameras first switches to the smallest grid that holds them all. A maximized tile is restored
 * when more than one camera is shown, so all of them are seen.
 */
export function showCamerasActions(screen: Screen, cameraIds: readonly string[]): WallAction[] {
  const actions: WallAction[] = [];
  const count = cameraIds.length;
  if (count === 0) return actions;
  let cells = screen.layout.cells.length;
  let start = screen.selected;
  if (count > cells) {
    const preset = GRID_PRESETS.find((id) => presetLayout(id).cells.length >= count) ?? '64';
    actions.push({ type: 'screen.setLayout', screenId: screen.id, layout: { kind: 'preset', preset } });
    cells = presetLayout(preset).cells.length;
    start = 0;
  } else if (count > 1 && screen.maximized !== null) {
    actions.push({ type: 'maximize.toggle', screenId: screen.id, cell: screen.maximized });
  }
  cameraIds.slice(0, cells).forEach((cameraId, i) => {
    actions.push({ type: 'tile.assign', screenId: screen.id, cell: (start + i) % cells, tile: { kind: 'camera', cameraId } });
  });
  actions.push({ type: 'select', screenId: screen.id, cell: start });
  return actions;
}
