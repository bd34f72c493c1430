import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WallActionSchema } from '../../../common/wall/wallActions';
import { wallContextOf } from '../../../common/wall/wallContext';
import { initialWallState, wallReducer } from '../../../common/wall/wallReducer';
import type { WallState } from '../../../common/wall/wallSchema';
import { EMPTY_ENTRY, ENTRY_IDLE_MS, handleKey, MAX_ENTRY_DIGITS, type Entry, type KeyContext, type KeyOutcome } from '../../../renderer/src/keyboard/keyboardController';
import { resolveShortcuts, type KeyLike } from '../../../renderer/src/keyboard/shortcuts';

const CAMERAS = Array.from({ length: 40 }, (_, i) => ({ id: `cam-${i + 1}`, number: i + 1 }));
const site = wallContextOf(CAMERAS);
const wall = () => initialWallState({ screenCount: 3, cameraIds: CAMERAS.map((c) => c.id) });

function ctx(state: WallState, over: Partial<KeyContext> = {}): KeyContext {
  return {
    context: 'wall',
    shortcuts: resolveShortcuts(),
    target: state.screens.find((s) => s.id === (over.target?.id ?? '1')),
    screens: state.screens,
    layouts: state.layouts,
    cameraNumbers: new Set(CAMERAS.map((c) => c.number)),
    homeScreenId: '1',
    helpOpen: false,
    now: 1000,
    ...over,
  };
}

/** A key as the browser reports it: the main row by default, `code` for the keypad. */
const press = (key: string, code = key.length === 1 && /\d/.test(key) ? `Digit${key}` : key, mods: Partial<KeyLike> & { repeat?: boolean } = {}) => ({
  key,
  code,
  ctrlKey: false,
  altKey: false,
  shiftKey: false,
  metaKey: false,
  ...mods,
});

function typeKeys(keys: Array<ReturnType<typeof press>>, context: KeyContext, entry: Entry = EMPTY_ENTRY): KeyOutcome {
  let outcome: KeyOutcome = { entry, handled: false, effects: [], command: null };
  for (const k of keys) outcome = handleKey(outcome.entry, k, context);
  return outcome;
}

describe('calling up a camera by number', () => {
  it('builds the number from digits and calls it into the selected tile of the target screen on Enter', () => {
    const state = wall();
    const typed = typeKeys([press('1'), press('2')], ctx(state));
    expect(typed.entry.digits).toBe('12');
    expect(typed.handled).toBe(true);
    const done = handleKey(typed.entry, press('Enter'), ctx(state));
    expect(done.effects).toEqual([{ kind: 'dispatch', action: { type: 'camera.callUp', screenId: '1', number: 12 } }]);
    expect(done.entry).toEqual(EMPTY_ENTRY);
  });

  it('takes the numeric keypad: Numpad digits and NumpadEnter', () => {
    const state = wall();
    const out = typeKeys([press('3', 'Numpad3'), press('7', 'Numpad7'), press('Enter', 'NumpadEnter')], ctx(state, { target: state.screens[1] }));
    expect(out.effects).toEqual([{ kind: 'dispatch', action: { type: 'camera.callUp', screenId: '2', number: 37 } }]);
    // NumLock off: the browser reports ArrowDown and End, the keypad still types 2 and 1.
    const off = typeKeys([press('ArrowDown', 'Numpad2'), press('End', 'Numpad1'), press('Enter', 'NumpadEnter')], ctx(state));
    expect(off.effects).toEqual([{ kind: 'dispatch', action: { type: 'camera.callUp', screenId: '1', number: 21 } }]);
  });

  it('refuses a number no camera has, without asking main', () => {
    const out = typeKeys([press('9'), press('9'), press('Enter')], ctx(wall()));
    expect(out.effects).toEqual([{ kind: 'problem', problem: { kind: 'unknownCamera', number: 99 } }]);
    expect(out.entry.digits).toBe('');
  });

  it('leaves Enter to the focused control when nothing was typed', () => {
    expect(handleKey(EMPTY_ENTRY, press('Enter'), ctx(wall())).handled).toBe(false);
  });

  it('erases with Backspace and cancels with Esc', () => {
    const state = wall();
    expect(typeKeys([press('1'), press('2'), press('Backspace')], ctx(state)).entry.digits).toBe('1');
    const cancelled = typeKeys([press('1'), press('2'), press('Escape')], ctx(state));
    expect(cancelled.entry.digits).toBe('');
    expect(cancelled.effects).toEqual([]);
  });

  it(`stops at ${MAX_ENTRY_DIGITS} digits`, () => {
    const out = typeKeys('1234567'.split('').map((d) => press(d)), ctx(wall()));
    expect(out.entry.digits).toBe('12345');
  });

  it('drops an entry left idle, so a stray digit is not called up later', () => {
    const state = wall();
    const typed = handleKey(EMPTY_ENTRY, press('5'), ctx(state, { now: 1000 }));
    const late = handleKey(typed.entry, press('Enter'), ctx(state, { now: 1000 + ENTRY_IDLE_MS + 1 }));
    expect(late.handled).toBe(false);
    expect(late.effects).toEqual([]);
    const inTime = handleKey(typed.entry, press('Enter'), ctx(state, { now: 1000 + ENTRY_IDLE_MS - 1 }));
    expect(inTime.effects).toEqual([{ kind: 'dispatch', action: { type: 'camera.callUp', screenId: '1', number: 5 } }]);
  });
});

describe('moving around the wall', () => {
  it('moves the selection with the arrows, keeping a number being typed', () => {
    const state = wall();
    const out = typeKeys([press('4'), press('ArrowRight')], ctx(state));
    expect(out.effects).toEqual([{ kind: 'dispatch', action: { type: 'selection.move', screenId: '1', direction: 'right' } }]);
    expect(out.entry.digits).toBe('4');
  });

  it('steps the target through the screens with * and /, wrapping', () => {
    const state = wall();
    expect(handleKey(EMPTY_ENTRY, press('*', 'NumpadMultiply'), ctx(state)).effects).toEqual([{ kind: 'target', screenId: '2' }]);
    expect(handleKey(EMPTY_ENTRY, press('*'), ctx(state, { target: state.screens[2] })).effects).toEqual([{ kind: 'target', screenId: '1' }]);
    expect(handleKey(EMPTY_ENTRY, press('/'), ctx(state)).effects).toEqual([{ kind: 'target', screenId: '3' }]);
  });

  it('goes straight to a screen by number, like a CCTV keyboard’s MON key', () => {
    const state = wall();
    expect(typeKeys([press('3'), press('*')], ctx(state)).effects).toEqual([{ kind: 'target', screenId: '3' }]);
    expect(typeKeys([press('7'), press('*')], ctx(state)).effects).toEqual([{ kind: 'problem', problem: { kind: 'unknownScreen', number: 7 } }]);
  });

  it('backs out with Esc: the help, then the other screen, then the maximize', () => {
    let state = wall();
    expect(handleKey(EMPTY_ENTRY, press('Escape'), ctx(state, { helpOpen: true })).effects).toEqual([{ kind: 'help', open: false }]);
    expect(handleKey(EMPTY_ENTRY, press('Escape'), ctx(state, { target: state.screens[1] })).effects).toEqual([{ kind: 'target', screenId: '1' }]);
    state = apply(state, { type: 'maximize.toggle', screenId: '1', cell: 3 });
    expect(handleKey(EMPTY_ENTRY, press('Escape'), ctx(state)).effects).toEqual([{ kind: 'dispatch', action: { type: 'maximize.toggle', screenId: '1', cell: 3 } }]);
    expect(handleKey(EMPTY_ENTRY, press('Escape'), ctx(wall())).handled).toBe(false);
  });

  it('maximizes and clears the selected tile', () => {
    let state = wall();
    state = apply(state, { type: 'select', screenId: '1', cell: 5 });
    // No cell: main applies them to the selection it has, so a key right after a click cannot hit the old tile.
    const maximize = handleKey(EMPTY_ENTRY, press('m', 'KeyM'), ctx(state)).effects;
    expect(maximize).toEqual([{ kind: 'dispatch', action: { type: 'maximize.toggle', screenId: '1' } }]);
    expect(apply(state, (maximize[0] as { action: unknown }).action).screens[0]!.maximized).toBe(5);
    const clear = handleKey(EMPTY_ENTRY, press('Delete'), ctx(state)).effects;
    expect(clear).toEqual([{ kind: 'dispatch', action: { type: 'tile.clear', screenId: '1' } }]);
    expect(apply(state, (clear[0] as { action: unknown }).action).screens[0]!.tiles[5]).toEqual({ kind: 'empty' });
  });

  it('does not repeat one-shot commands while a key is held, but repeats the arrows', () => {
    const state = wall();
    expect(handleKey(EMPTY_ENTRY, press('m', 'KeyM', { repeat: true }), ctx(state)).effects).toEqual([]);
    expect(handleKey(EMPTY_ENTRY, press('ArrowDown', 'ArrowDown', { repeat: true }), ctx(state)).effects).toHaveLength(1);
  });

  it('uses the operator’s own keys', () => {
    const state = wall();
    const shortcuts = resolveShortcuts({ 'tile.maximize': 'F11', 'callUp.commit': 'Shift+Enter' });
    expect(handleKey(EMPTY_ENTRY, press('F11'), ctx(state, { shortcuts })).effects[0]).toMatchObject({ action: { type: 'maximize.toggle' } });
    expect(handleKey(EMPTY_ENTRY, press('m', 'KeyM'), ctx(state, { shortcuts })).handled).toBe(false);
    const out = typeKeys([press('2'), press('Enter', 'Enter', { shiftKey: true })], ctx(state, { shortcuts }));
    expect(out.effects).toEqual([{ kind: 'dispatch', action: { type: 'camera.callUp', screenId: '1', number: 2 } }]);
  });
});

describe('layouts from the keyboard', () => {
  it('steps presets with + and -', () => {
    const state = wall();
    expect(handleKey(EMPTY_ENTRY, press('+', 'NumpadAdd'), ctx(state)).effects).toEqual([{ kind: 'dispatch', action: { type: 'screen.setLayout', screenId: '1', layout: { kind: 'preset', preset: '25' } } }]);
    expect(handleKey(EMPTY_ENTRY, press('-', 'NumpadSubtract'), ctx(state)).effects).toEqual([{ kind: 'dispatch', action: { type: 'screen.setLayout', screenId: '1', layout: { kind: 'preset', preset: '1+12' } } }]);
  });

  it('picks the layout with a typed number of tiles', () => {
    const state = wall();
    expect(typeKeys([press('1'), press('3'), press('+')], ctx(state)).effects).toEqual([{ kind: 'dispatch', action: { type: 'screen.setLayout', screenId: '1', layout: { kind: 'preset', preset: '1+12' } } }]);
    expect(typeKeys([press('7'), press('+')], ctx(state)).effects).toEqual([{ kind: 'problem', problem: { kind: 'noPreset', tiles: 7 } }]);
  });

  it('steps saved layouts with PageDown, or says there are none', () => {
    let state = wall();
    expect(handleKey(EMPTY_ENTRY, press('PageDown'), ctx(state)).effects).toEqual([{ kind: 'problem', problem: { kind: 'noSavedLayouts' } }]);
    state = apply(state, { type: 'layout.save', name: 'Centro', shared: true, source: { kind: 'screen', screenId: '2' } });
    expect(handleKey(EMPTY_ENTRY, press('PageDown'), ctx(state)).effects).toEqual([{ kind: 'dispatch', action: { type: 'screen.setLayout', screenId: '1', layout: { kind: 'saved', layoutId: 'layout-1' } } }]);
  });
});

describe('help and search', () => {
  it('toggles the help with ?, and a digit closes it to start a number', () => {
    const state = wall();
    expect(handleKey(EMPTY_ENTRY, press('?', 'Slash', { shiftKey: true }), ctx(state)).effects).toEqual([{ kind: 'help', open: true }]);
    expect(handleKey(EMPTY_ENTRY, press('?', 'Slash', { shiftKey: true }), ctx(state, { helpOpen: true })).effects).toEqual([{ kind: 'help', open: false }]);
    const digit = handleKey(EMPTY_ENTRY, press('4'), ctx(state, { helpOpen: true }));
    expect(digit.effects).toEqual([{ kind: 'help', open: false }]);
    expect(digit.entry.digits).toBe('4');
  });

  it('focuses the camera search in the console only', () => {
    const state = wall();
    const ctrlF = press('f', 'KeyF', { ctrlKey: true });
    expect(handleKey(EMPTY_ENTRY, ctrlF, ctx(state, { context: 'console' })).effects).toEqual([{ kind: 'focusSearch' }]);
    expect(handleKey(EMPTY_ENTRY, ctrlF, ctx(state)).handled).toBe(false);
  });

  it('leaves keys it does not know (H, letters, F5) to the page', () => {
    const state = wall();
    for (const k of [press('h', 'KeyH'), press('x', 'KeyX'), press('F5'), press('Tab')]) expect(handleKey(EMPTY_ENTRY, k, ctx(state)).handled).toBe(false);
  });
});

function apply(state: WallState, action: unknown): WallState {
  const result = wallReducer(state, action, site);
  if (!result.ok) throw new Error(result.error.message);
  return result.state;
}

describe('whatever is typed', () => {
  it('every action the keyboard sends is valid and accepted by the reducer', () => {
    const keys = [
      ...'0123456789'.split('').map((d) => press(d)),
      press('1', 'Numpad1'),
      press('Enter'),
      press('Enter', 'NumpadEnter'),
      press('Backspace'),
      press('Escape'),
      press('ArrowUp'),
      press('ArrowDown'),
      press('ArrowLeft'),
      press('ArrowRight'),
      press('m', 'KeyM'),
      press('Delete'),
      press('*'),
      press('/'),
      press('+'),
      press('-'),
      press('PageDown'),
      press('PageUp'),
      press('?', 'Slash', { shiftKey: true }),
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...keys), { maxLength: 60 }), (sequence) => {
        let state = apply(wall(), { type: 'layout.save', name: 'Vista', shared: false, source: { kind: 'screen', screenId: '1' } });
        let entry = EMPTY_ENTRY;
        let target = '1';
        let helpOpen = false;
        for (const k of sequence) {
          const out = handleKey(entry, k, ctx(state, { target: state.screens.find((s) => s.id === target), helpOpen }));
          entry = out.entry;
          for (const effect of out.effects) {
            if (effect.kind === 'dispatch') {
              expect(WallActionSchema.safeParse(effect.action).success).toBe(true);
              const result = wallReducer(state, effect.action, site);
              expect(result.ok, JSON.stringify(effect.action)).toBe(true);
              state = result.state;
            } else if (effect.kind === 'target') target = effect.screenId;
            else if (effect.kind === 'help') helpOpen = effect.open;
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
