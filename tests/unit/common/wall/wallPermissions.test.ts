import { describe, expect, it } from 'vitest';
import type { WallAction } from '../../../../common/wall/wallActions';
import { camerasShownBy, requiredPermission, requiredRole } from '../../../../common/wall/wallPermissions';
import { initialWallState } from '../../../../common/wall/wallReducer';
import { apply, siteContext } from './wallFixtures';

const ctx = siteContext(20);
const state = [
  { type: 'layout.save', name: 'Compartida', shared: true, source: { kind: 'screen', screenId: '1' } },
  { type: 'layout.save', name: 'Mía', shared: false, source: { kind: 'layout', layout: { rows: 1, cols: 1, cells: [{ row: 0, col: 0, rowSpan: 1, colSpan: 1 }] }, tiles: [{ kind: 'camera', cameraId: 'cam-20' }] } },
  { type: 'tour.upsert', tour: { name: 'T', cameraIds: ['cam-3', 'cam-4'], dwellS: 5 } },
].reduce((s, a) => apply(s, a, ctx), initialWallState({ screenCount: 1, cameraIds: [...ctx.cameraIds] }));

describe('requiredRole', () => {
  it.each<[WallAction, 'operator' | 'supervisor']>([
    [{ type: 'camera.callUp', screenId: '1', number: 3 }, 'operator'],
    [{ type: 'tile.assign', screenId: '1', cell: 0, tile: { kind: 'empty' } }, 'operator'],
    [{ type: 'tile.swap', a: { screenId: '1', cell: 0 }, b: { screenId: '1', cell: 1 } }, 'operator'],
    [{ type: 'select', screenId: '1', cell: 2 }, 'operator'],
    [{ type: 'maximize.toggle', screenId: '1', cell: 2 }, 'operator'],
    [{ type: 'screen.setLayout', screenId: '1', layout: { kind: 'saved', layoutId: 'layout-1' } }, 'operator'],
    [{ type: 'layout.save', name: 'x', shared: false, source: { kind: 'screen', screenId: '1' } }, 'operator'],
    [{ type: 'layout.save', name: 'x', shared: true, source: { kind: 'screen', screenId: '1' } }, 'supervisor'],
    [{ type: 'layout.import', text: '{}', shared: true }, 'supervisor'],
    [{ type: 'layout.import', text: '{}', shared: false }, 'operator'],
    [{ type: 'layout.delete', layoutId: 'layout-1' }, 'supervisor'],
    [{ type: 'layout.delete', layoutId: 'layout-2' }, 'operator'],
    [{ type: 'tour.upsert', tour: { name: 'T', cameraIds: ['cam-1'], dwellS: 5 } }, 'supervisor'],
    [{ type: 'tour.delete', tourId: 'tour-1' }, 'supervisor'],
    [{ type: 'screen.add' }, 'supervisor'],
    [{ type: 'screen.bind', screenId: '1', binding: { kind: 'client' } }, 'supervisor'],
    [{ type: 'screen.setLayoutCycle', screenId: '1', cycle: null }, 'supervisor'],
  ])('%o needs %s', (action, role) => {
    expect(requiredRole(action, state)).toBe(role);
  });

  it('speaks the security model’s permissions', () => {
    expect(requiredPermission({ type: 'layout.save', name: 'x', shared: true, source: { kind: 'screen', screenId: '1' } }, state)).toBe('layout.shared.write');
    expect(requiredPermission({ type: 'screen.setLayout', screenId: '1', layout: { kind: 'saved', layoutId: 'layout-1' } }, state)).toBe('layout.apply');
    expect(requiredPermission({ type: 'camera.callUp', screenId: '1', number: 3 }, state)).toBe('wall.operate');
  });
});

describe('camerasShownBy', () => {
  it('names the cameras an action brings on screen, for the camera-group check', () => {
    expect(camerasShownBy({ type: 'camera.callUp', screenId: '1', number: 7 }, state, ctx)).toEqual(['cam-7']);
    expect(camerasShownBy({ type: 'camera.callUp', screenId: '1', number: 70 }, state, ctx)).toEqual([]);
    expect(camerasShownBy({ type: 'tile.assign', screenId: '1', cell: 0, tile: { kind: 'tour', tourId: 'tour-1' } }, state, ctx)).toEqual(['cam-3', 'cam-4']);
    expect(camerasShownBy({ type: 'screen.setLayout', screenId: '1', layout: { kind: 'saved', layoutId: 'layout-2' } }, state, ctx)).toEqual(['cam-20']);
    expect(camerasShownBy({ type: 'select', screenId: '1', cell: 1 }, state, ctx)).toEqual([]);
  });
});
