import { describe, expect, it } from 'vitest';
import { exportLayoutFile, parseLayoutFile } from '../../../../common/wall/layoutFile';
import { presetLayout } from '../../../../common/wall/layoutMath';

describe('layout files', () => {
  it('round-trips a view and a template, without id or shared flag', () => {
    const view = { id: 'layout-3', name: 'Puerto', shared: true, layout: presetLayout('4'), tiles: [{ kind: 'camera' as const, cameraId: 'cam-1' }, { kind: 'empty' as const }, { kind: 'empty' as const }, { kind: 'empty' as const }] };
    const text = exportLayoutFile(view);
    expect(JSON.parse(text)).toEqual({ format: 'atalaya.layout', version: 1, name: 'Puerto', layout: presetLayout('4'), tiles: view.tiles });
    expect(parseLayoutFile(text)).toEqual({ ok: true, value: JSON.parse(text) });
    const template = exportLayoutFile({ id: 'l', name: 'Solo rejilla', shared: false, layout: presetLayout('1+7') });
    expect(JSON.parse(template)).not.toHaveProperty('tiles');
  });

  it('reports each problem of a malformed file at its path', () => {
    const result = parseLayoutFile(JSON.stringify({ format: 'atalaya.layout', version: 2, name: '', layout: { rows: 9, cols: 1, cells: [] }, extra: 1 }));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((p) => p.path)).toEqual(expect.arrayContaining(['version', 'name', 'layout.rows', 'layout.cells', '(root)']));
  });
});
