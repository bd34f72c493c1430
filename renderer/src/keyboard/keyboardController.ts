import type { WallAction } from '../../../common/wall/wallActions';
import type { SavedLayout, Screen } from '../../../common/wall/wallSchema';
import { presetWithTiles, stepPreset, stepSavedLayout } from './layoutSteps';
import { commandFor, digitOf, keyOf, type CommandId, type KeyLike, type ShortcutContext, type Shortcuts } from './shortcuts';

/**
 * What a key does on the wall or in the console, as data: the window's hook feeds it key events
 * and carries out the effects (dispatch an action, retarget, open the help). No DOM, no timers:
 * the entry's idle timeout is measured against the `now` passed in.
 *
 * CCTV habits: digits build a number shown on screen; Enter calls that camera into the selected
 * tile; Esc cancels. A number typed before another key gives that key an argument, as on a CCTV
 * keyboard's MON key: `2 *` goes to screen 2, `13 +` gives the 13-tile layout.
 */

/** Longest call-up number (the contract's 99999). */
export const MAX_ENTRY_DIGITS = 5;
/** An entry left this long is dropped, so a stray digit is not called up by a later Enter. */
export const ENTRY_IDLE_MS = 10_000;

export interface Entry {
  digits: string;
  /** When the last digit was typed. */
  at: number;
}

export const EMPTY_ENTRY: Entry = { digits: '', at: 0 };

export interface KeyContext {
  context: ShortcutContext;
  shortcuts: Shortcuts;
  /** The screen the keyboard drives now. */
  target: Screen | undefined;
  /** All screens, in number order. */
  screens: readonly Screen[];
  layouts: readonly SavedLayout[];
  cameraNumbers: ReadonlySet<number>;
  /** The screen this window belongs to (a wall window's own screen, the console's first target). */
  homeScreenId: string;
  helpOpen: boolean;
  now: number;
}

export type KeyProblem =
  | { kind: 'unknownCamera'; number: number }
  | { kind: 'unknownScreen'; number: number }
  | { kind: 'noPreset'; tiles: number }
  | { kind: 'layoutLimit' }
  | { kind: 'noSavedLayouts' }
  | { kind: 'noScreen' };

export type KeyEffect =
  | { kind: 'dispatch'; action: WallAction }
  | { kind: 'target'; screenId: string }
  | { kind: 'help'; open: boolean }
  | { kind: 'focusSearch' }
  | { kind: 'problem'; problem: KeyProblem };

export interface KeyOutcome {
  entry: Entry;
  /** True when the key was used: the caller prevents the browser's default for it. */
  handled: boolean;
  effects: KeyEffect[];
  command: CommandId | null;
}

/** Commands that do something once per press; holding the key must not repeat them. */
const ONCE: ReadonlySet<CommandId> = new Set<CommandId>([
  'callUp.commit',
  'callUp.cancel',
  'tile.maximize',
  'tile.clear',
  'screen.next',
  'screen.previous',
  'layout.next',
  'layout.previous',
  'view.next',
  'view.previous',
  'help.toggle',
  'search.focus',
]);

export function handleKey(entryIn: Entry, event: KeyLike & { repeat?: boolean }, ctx: KeyContext): KeyOutcome {
  const entry = entryIn.digits !== '' && ctx.now - entryIn.at > ENTRY_IDLE_MS ? EMPTY_ENTRY : entryIn;
  const result = (handled: boolean, effects: KeyEffect[] = [], next: Entry = entry, command: CommandId | null = null): KeyOutcome => ({
    entry: next,
    handled,
    effects,
    command,
  });

  const digit = digitOf(event);
  if (digit !== null) {
    // The help is a reference card: typing a number closes it and starts the entry.
    const effects: KeyEffect[] = ctx.helpOpen ? [{ kind: 'help', open: false }] : [];
    if (entry.digits.length >= MAX_ENTRY_DIGITS) return result(true, effects, { digits: entry.digits, at: ctx.now });
    return result(true, effects, { digits: entry.digits + digit, at: ctx.now });
  }

  const key = keyOf(event);
  if (key === null) return result(false);
  const command = commandFor(ctx.shortcuts, key, ctx.context);
  if (command === null) return result(false);
  if (event.repeat && ONCE.has(command)) return result(true, [], entry, command);

  const done = (effects: KeyEffect[], next: Entry = EMPTY_ENTRY) => result(true, effects, next, command);
  const pass = () => result(false, [], entry, command);
  const number = entry.digits === '' ? null : Number(entry.digits);
  const target = ctx.target;
  const needTarget = (make: (screen: Screen) => KeyEffect[]): KeyOutcome => (target ? done(make(target), entry) : done([{ kind: 'problem', problem: { kind: 'noScreen' } }], entry));

  switch (command) {
    case 'callUp.commit': {
      // With nothing typed, Enter is left to whatever has focus (a console button).
      if (number === null) return pass();
      if (!target) return done([{ kind: 'problem', problem: { kind: 'noScreen' } }]);
      if (!ctx.cameraNumbers.has(number)) return done([{ kind: 'problem', problem: { kind: 'unknownCamera', number } }]);
      return done([{ kind: 'dispatch', action: { type: 'camera.callUp', screenId: target.id, number } }]);
    }
    case 'callUp.erase':
      if (entry.digits === '') return pass();
      return done([], entry.digits.length > 1 ? { digits: entry.digits.slice(0, -1), at: ctx.now } : EMPTY_ENTRY);
    case 'callUp.cancel':
      // Esc backs out one thing at a time: the entry, the help, the other screen, the maximize.
      if (entry.digits !== '') return done([]);
      if (ctx.helpOpen) return done([{ kind: 'help', open: false }]);
      if (target && target.id !== ctx.homeScreenId && ctx.screens.some((s) => s.id === ctx.homeScreenId)) return done([{ kind: 'target', screenId: ctx.homeScreenId }]);
      if (target && target.maximized !== null) return done([{ kind: 'dispatch', action: { type: 'maximize.toggle', screenId: target.id, cell: target.maximized } }]);
      return pass();
    case 'selection.up':
    case 'selection.down':
    case 'selection.left':
    case 'selection.right': {
      const direction = command.slice('selection.'.length) as 'up' | 'down' | 'left' | 'right';
      return needTarget((screen) => [{ kind: 'dispatch', action: { type: 'selection.move', screenId: screen.id, direction } }]);
    }
    case 'tile.maximize':
      return needTarget((screen) => [{ kind: 'dispatch', action: { type: 'maximize.toggle', screenId: screen.id } }]);
    case 'tile.clear':
      return needTarget((screen) => [{ kind: 'dispatch', action: { type: 'tile.clear', screenId: screen.id } }]);
    case 'screen.next':
    case 'screen.previous': {
      if (number !== null) {
        const screen = ctx.screens.find((s) => Number(s.id) === number);
        return done(screen ? [{ kind: 'target', screenId: screen.id }] : [{ kind: 'problem', problem: { kind: 'unknownScreen', number } }]);
      }
      if (ctx.screens.length === 0) return done([{ kind: 'problem', problem: { kind: 'noScreen' } }], entry);
      const at = target ? ctx.screens.findIndex((s) => s.id === target.id) : -1;
      const step = command === 'screen.next' ? 1 : -1;
      const next = ctx.screens[at === -1 ? 0 : (at + step + ctx.screens.length) % ctx.screens.length] as Screen;
      return done([{ kind: 'target', screenId: next.id }], entry);
    }
    case 'layout.next':
    case 'layout.previous': {
      if (!target) return done([{ kind: 'problem', problem: { kind: 'noScreen' } }]);
      if (number !== null) {
        const preset = presetWithTiles(number);
        return done(preset ? [{ kind: 'dispatch', action: { type: 'screen.setLayout', screenId: target.id, layout: { kind: 'preset', preset } } }] : [{ kind: 'problem', problem: { kind: 'noPreset', tiles: number } }]);
      }
      const preset = stepPreset(target.layout, command === 'layout.next' ? 1 : -1);
      return done(preset ? [{ kind: 'dispatch', action: { type: 'screen.setLayout', screenId: target.id, layout: { kind: 'preset', preset } } }] : [{ kind: 'problem', problem: { kind: 'layoutLimit' } }], entry);
    }
    case 'view.next':
    case 'view.previous': {
      if (!target) return done([{ kind: 'problem', problem: { kind: 'noScreen' } }], entry);
      const saved = stepSavedLayout(target, ctx.layouts, command === 'view.next' ? 1 : -1);
      return done(saved ? [{ kind: 'dispatch', action: { type: 'screen.setLayout', screenId: target.id, layout: { kind: 'saved', layoutId: saved.id } } }] : [{ kind: 'problem', problem: { kind: 'noSavedLayouts' } }], entry);
    }
    case 'help.toggle':
      return done([{ kind: 'help', open: !ctx.helpOpen }], entry);
    case 'search.focus':
      return done([{ kind: 'focusSearch' }], entry);
    case 'bookmark.create':
      // The bookmark layer (renderer/src/bookmarks/useBookmarkKey) opens the incident form on
      // this key; it is left unhandled here so that layer sees it, and the entry stays as it was.
      return pass();
  }
}
