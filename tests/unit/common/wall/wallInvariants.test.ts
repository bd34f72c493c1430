import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exportLayoutFile } from '../../../../common/wall/layoutFile';
import { gridLayout, LAYOUT_PRESET_IDS, mergeCells } from '../../../../common/wall/layoutMath';
import { WallActionSchema } from '../../../../common/wall/wallActions';
import { wallContextOf } from '../../../../common/wall/wallContext';
import { initialWallState, wallReducer } from '../../../../common/wall/wallReducer';
import type { Layout, WallState } from '../../../../common/wall/wallSchema';
import { reconcileWallState, restoreWallState, validateWallState } from '../../../../common/wall/wallValidation';
import { deepFreeze, replacedSomewhere, siteContext, wallViolations } from './wallFixtures';

/**
 * Property: whatever arrives — valid actions, actions naming things that do not exist, and
 * plain garbage — the wall stays valid. Checked after every step by the independent oracle in
 * wallFixtures and by the model's own validation, which must agree.
 */

const CAMERAS = 24;
const ctx = siteContext(CAMERAS);

// Mostly names that exist, some that do not, so both paths of every handler are exercised.
const screenId = fc.oneof({ weight: 8, arbitrary: fc.constantFrom('1', '2', '3', '4', '5') }, { weight: 1, arbitrary: fc.constantFrom('0', '9', '64', 'x', '') });
const cell = fc.oneof({ weight: 6, arbitrary: fc.nat(15) }, { weight: 2, arbitrary: fc.nat(70) }, { weight: 1, arbitrary: fc.constantFrom(-1, 1.5, NaN) });
const cameraId = fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 1, max: CAMERAS }).map((n) => `cam-${n}`) }, { weight: 1, arbitrary: fc.constantFrom('cam-99', 'gone', '') });
const tourId = fc.constantFrom('tour-1', 'tour-2', 'tour-3', 'night', 'nope');
const layoutId = fc.constantFrom('layout-1', 'layout-2', 'layout-3', 'layout-4', 'nope');
const name = fc.oneof(fc.constantFrom('Noche', 'noche', 'Día', 'Puerto', 'Centro', '  ', ''), fc.string({ maxLength: 90 }));

const tile = fc.oneof(
  fc.constant({ kind: 'empty' }),
  cameraId.map((id) => ({ kind: 'camera', cameraId: id })),
  tourId.map((id) => ({ kind: 'tour', tourId: id })),
);

/** Valid layouts as the editor makes them: a grid with a few merges. */
const editedLayout = fc
  .tuple(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 }), fc.array(fc.tuple(fc.nat(7), fc.nat(7), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 })), { maxLength: 4 }))
  .map(([rows, cols, merges]) =>
    merges.reduce((layout: Layout, [r, c, rs, cs]) => {
      const edit = mergeCells(layout, { row: r % rows, col: c % cols, rowSpan: rs, colSpan: cs });
      return edit.ok ? edit.layout : layout;
    }, gridLayout(rows, cols)),
  );

/** Any number a client could send where a grid size or position belongs. */
const gridNumber = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 9 }) }, { weight: 1, arbitrary: fc.constantFrom(-1, 1.5, 1e9, -1e9, Infinity, NaN) }, { weight: 1, arbitrary: fc.double() });

/** Mostly broken layouts, as a bad client or a hand-edited file would send. */
const arbitraryLayout = fc.record({
  rows: gridNumber,
  cols: gridNumber,
  cells: fc.array(fc.record({ row: gridNumber, col: gridNumber, rowSpan: gridNumber, colSpan: gridNumber }), { maxLength: 10 }),
});

const layoutRef = fc.oneof(
  fc.constantFrom(...LAYOUT_PRESET_IDS, '3', '2+2').map((preset) => ({ kind: 'preset', preset })),
  editedLayout.map((layout) => ({ kind: 'explicit', layout })),
  arbitraryLayout.map((layout) => ({ kind: 'explicit', layout })),
  layoutId.map((id) => ({ kind: 'saved', layoutId: id })),
);

const layoutFileText = fc.oneof(
  fc.tuple(name, editedLayout, fc.boolean(), fc.array(tile, { maxLength: 64 })).map(([n, layout, withTiles, tiles]) => {
    const fitted = Array.from({ length: layout.cells.length }, (_, i) => tiles[i] ?? { kind: 'empty' });
    return exportLayoutFile({ id: 'x', name: n.trim() || 'Importada', shared: false, layout, ...(withTiles ? { tiles: fitted as never } : {}) });
  }),
  arbitraryLayout.map((layout) => JSON.stringify({ format: 'atalaya.layout', version: 1, name: 'Mala', layout })),
  fc.string(),
  fc.json(),
);

const direction = fc.constantFrom('up', 'down', 'left', 'right', 'diagonal');

const validShaped = fc.oneof(
  fc.record({ type: fc.constant('screen.add'), name: fc.option(name, { nil: undefined }), layout: fc.option(layoutRef, { nil: undefined }) }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constant('screen.remove'), screenId }),
  fc.record({ type: fc.constant('screen.rename'), screenId, name }),
  fc.record({
    type: fc.constant('screen.bind'),
    screenId,
    binding: fc.oneof(
      fc.record({ kind: fc.constant('display'), displayId: fc.nat(3), bounds: fc.record({ x: fc.integer({ min: -4000, max: 4000 }), y: fc.constant(0), width: fc.constant(1920), height: fc.constant(1080) }) }),
      fc.constant({ kind: 'client' }),
      fc.constant({ kind: 'unbound' }),
    ),
  }),
  fc.record({ type: fc.constant('screen.setLayout'), screenId, layout: layoutRef }),
  fc.record({ type: fc.constant('screen.setLayoutCycle'), screenId, cycle: fc.option(fc.record({ layoutIds: fc.array(layoutId, { maxLength: 4 }), dwellS: fc.integer({ min: 1, max: 120 }) }), { nil: null }) }),
  fc.record({ type: fc.constant('tile.assign'), screenId, cell, tile }),
  fc.record({ type: fc.constant('tile.swap'), a: fc.record({ screenId, cell }), b: fc.record({ screenId, cell }) }),
  fc.record({ type: fc.constant('tile.clear'), screenId, cell }),
  fc.record({ type: fc.constant('select'), screenId, cell }),
  fc.record({ type: fc.constant('selection.move'), screenId, direction }),
  fc.record({ type: fc.constant('maximize.toggle'), screenId, cell }),
  fc.record({ type: fc.constant('camera.callUp'), screenId, number: fc.integer({ min: 0, max: CAMERAS + 3 }) }),
  fc.record({
    type: fc.constant('layout.save'),
    name,
    shared: fc.boolean(),
    source: fc.oneof(
      screenId.map((id) => ({ kind: 'screen', screenId: id })),
      fc.tuple(editedLayout, fc.option(fc.array(tile, { maxLength: 64 }), { nil: undefined })).map(([layout, tiles]) => ({ kind: 'layout', layout, ...(tiles ? { tiles } : {}) })),
    ),
  }),
  fc.record({ type: fc.constant('layout.delete'), layoutId }),
  fc.record({ type: fc.constant('layout.import'), text: layoutFileText, shared: fc.boolean(), name: fc.option(name, { nil: undefined }) }, { requiredKeys: ['type', 'text', 'shared'] }),
  fc.record({ type: fc.constant('tour.upsert'), tour: fc.record({ id: fc.option(tourId, { nil: undefined }), name, cameraIds: fc.array(cameraId, { maxLength: 6 }), dwellS: fc.integer({ min: 1, max: 60 }) }, { requiredKeys: ['name', 'cameraIds', 'dwellS'] }) }),
  fc.record({ type: fc.constant('tour.delete'), tourId }),
);

const garbage = fc.oneof(
  fc.anything(),
  fc.record({ type: fc.constantFrom('select', 'tile.assign', 'screen.setLayout', 'layout.import', 'tour.upsert'), screenId: fc.anything(), cell: fc.anything() }),
  // A valid action with one value, at any depth, replaced by junk.
  fc.tuple(validShaped, fc.nat(), fc.anything()).map(([action, pick, junk]) => replacedSomewhere(action, pick, junk)),
  fc.tuple(validShaped, fc.string({ maxLength: 8 }), fc.anything()).map(([action, key, junk]) => ({ ...action, [key]: junk })),
);

const anyAction = fc.oneof({ weight: 6, arbitrary: validShaped }, { weight: 1, arbitrary: garbage });

const startingWall = fc.integer({ min: 1, max: 4 }).map((screenCount) => deepFreeze(initialWallState({ screenCount, cameraIds: [...ctx.cameraIds] })));

function expectValid(state: WallState) {
  expect(wallViolations(state, ctx)).toEqual([]);
  const own = validateWallState(state, ctx);
  expect(own.ok ? [] : own.problems).toEqual([]);
}

describe('wall invariants under arbitrary action sequences', () => {
  it('no sequence of actions, valid or not, yields an invalid wall; refusals change nothing', () => {
    const outcomes = { accepted: 0, refused: 0 };
    const acceptedTypes = new Set<string>();
    fc.assert(
      fc.property(startingWall, fc.array(anyAction, { minLength: 20, maxLength: 60 }), (initial, actions) => {
        let state = initial;
        for (const action of actions) {
          const result = wallReducer(state, action, ctx);
          if (result.ok) {
            outcomes.accepted++;
            acceptedTypes.add((action as { type: string }).type);
            // Frozen so a handler that mutates its input throws instead of passing unnoticed.
            state = deepFreeze(result.state);
            expectValid(state);
          } else {
            outcomes.refused++;
            expect(result.state).toBe(state);
            expect(result.error.message.length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 400 },
    );
    // Both kinds of step must be common, or the property proves little.
    expect(outcomes.accepted).toBeGreaterThan(2000);
    expect(outcomes.refused).toBeGreaterThan(2000);
    expect([...acceptedTypes].sort()).toEqual(WallActionSchema.options.map((o) => o.shape.type.value).sort());
  });

  it('every wall reached survives a restart (JSON round trip) unchanged', () => {
    fc.assert(
      fc.property(startingWall, fc.array(validShaped, { maxLength: 40 }), (initial, actions) => {
        const state = actions.reduce((s, a) => wallReducer(s, a, ctx).state, initial);
        expect(restoreWallState(JSON.parse(JSON.stringify(state)), ctx)).toEqual({ ok: true, state, repaired: [] });
      }),
      { numRuns: 200 },
    );
  });

  it('after the site loses cameras, reconciling gives a valid wall for the new site', () => {
    fc.assert(
      fc.property(startingWall, fc.array(validShaped, { maxLength: 40 }), fc.subarray([...Array(CAMERAS).keys()].map((i) => i + 1)), (initial, actions, kept) => {
        const state = actions.reduce((s, a) => wallReducer(s, a, ctx).state, initial);
        const smaller = wallContextOf(kept.map((n) => ({ id: `cam-${n}`, number: n })));
        const { state: repaired } = reconcileWallState(state, smaller);
        expect(wallViolations(repaired, smaller)).toEqual([]);
        expect(validateWallState(repaired, smaller).ok).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('a damaged persisted wall is repaired or refused with problems, never thrown on', () => {
    fc.assert(
      fc.property(startingWall, fc.array(validShaped, { maxLength: 30 }), fc.nat(), fc.anything(), (initial, actions, pick, junk) => {
        const state = actions.reduce((s, a) => wallReducer(s, a, ctx).state, initial);
        const damaged = replacedSomewhere(JSON.parse(JSON.stringify(state)), pick, junk);
        const restored = restoreWallState(damaged, ctx);
        if (restored.ok) expectValid(restored.state);
        else expect(restored.problems.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
