/**
 * Keyboard shortcuts: the commands an operator can key, their default keys, and how a key event
 * becomes the key string stored in settings (`settings.shortcuts`: command id → key). Pure: no
 * DOM, no React, so the table and the matching are tested as plain data.
 *
 * Key strings are `KeyboardEvent.key` with modifiers in front, "Ctrl+", "Alt+", "Shift+",
 * "Meta+" in that order, e.g. "M", "Shift+M", "Ctrl+F", "PageDown", "+", "?". Rules:
 * - Letters are upper-cased, so CapsLock does not change what a key means; Shift on a letter is
 *   recorded ("Shift+M" is not "M").
 * - Other printable characters carry their Shift already ("?" is Shift+/ on a US keyboard and
 *   Shift+' on a Spanish one), so Shift is not recorded for them: "?" works on every layout.
 * - With Ctrl or Alt the character depends on the OS and layout (Alt+M is "µ" on a Mac), so the
 *   physical key names the letter or digit.
 * - AltGr (Ctrl+Alt on Windows) only selects a character, so it is not a modifier here.
 * - The numeric keypad gives the same keys as the main block ("+", "*", "Enter" for
 *   NumpadEnter), so a CCTV operator can work from the keypad alone. Its digit keys type digits
 *   whatever NumLock says (see `digitOf`): a keypad that stops calling cameras because NumLock
 *   was toggled is a broken keypad to an operator, and the arrow block is there for arrows.
 */

export type ShortcutContext = 'wall' | 'console';

export type CommandGroup = 'callUp' | 'selection' | 'screens' | 'layouts' | 'tiles' | 'general';

export interface CommandInfo {
  id: string;
  defaultKey: string;
  group: CommandGroup;
  /** Windows where the command works. */
  contexts: readonly ShortcutContext[];
}

const BOTH: readonly ShortcutContext[] = ['wall', 'console'];

/**
 * Defaults follow CCTV keyboards: the keypad does everything — digits and Enter call a camera,
 * `+`/`-` step the layout, `*` and `/` step the screen — and the arrows move the selection.
 */
export const COMMANDS = [
  { id: 'callUp.commit', defaultKey: 'Enter', group: 'callUp', contexts: BOTH },
  { id: 'callUp.erase', defaultKey: 'Backspace', group: 'callUp', contexts: BOTH },
  { id: 'callUp.cancel', defaultKey: 'Escape', group: 'callUp', contexts: BOTH },
  { id: 'selection.up', defaultKey: 'ArrowUp', group: 'selection', contexts: BOTH },
  { id: 'selection.down', defaultKey: 'ArrowDown', group: 'selection', contexts: BOTH },
  { id: 'selection.left', defaultKey: 'ArrowLeft', group: 'selection', contexts: BOTH },
  { id: 'selection.right', defaultKey: 'ArrowRight', group: 'selection', contexts: BOTH },
  { id: 'tile.maximize', defaultKey: 'M', group: 'tiles', contexts: BOTH },
  { id: 'tile.clear', defaultKey: 'Delete', group: 'tiles', contexts: BOTH },
  // Carried out by renderer/src/bookmarks (the incident form), which listens for this key itself.
  { id: 'bookmark.create', defaultKey: 'B', group: 'tiles', contexts: BOTH },
  { id: 'screen.next', defaultKey: '*', group: 'screens', contexts: BOTH },
  { id: 'screen.previous', defaultKey: '/', group: 'screens', contexts: BOTH },
  { id: 'layout.next', defaultKey: '+', group: 'layouts', contexts: BOTH },
  { id: 'layout.previous', defaultKey: '-', group: 'layouts', contexts: BOTH },
  { id: 'view.next', defaultKey: 'PageDown', group: 'layouts', contexts: BOTH },
  { id: 'view.previous', defaultKey: 'PageUp', group: 'layouts', contexts: BOTH },
  { id: 'help.toggle', defaultKey: '?', group: 'general', contexts: BOTH },
  { id: 'search.focus', defaultKey: 'Ctrl+F', group: 'general', contexts: ['console'] },
] as const satisfies readonly CommandInfo[];

export type CommandId = (typeof COMMANDS)[number]['id'];

export const COMMAND_IDS: readonly CommandId[] = COMMANDS.map((c) => c.id);

export const COMMAND_GROUPS: readonly CommandGroup[] = ['callUp', 'selection', 'tiles', 'screens', 'layouts', 'general'];

const commandById = new Map<string, CommandInfo>(COMMANDS.map((c) => [c.id, c]));

export function commandInfo(id: CommandId): CommandInfo {
  return commandById.get(id) as CommandInfo;
}

export function isCommandId(id: string): id is CommandId {
  return commandById.has(id);
}

/**
 * Keys that are not commands and cannot be bound: the digits type a camera number, and `H`
 * toggles the engineer's HUD on the wall (a fixed key the tiles' diagnostics rely on).
 */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'H']);

/** What a key event carries that matters here; a DOM KeyboardEvent fits. */
export interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
  /** `event.getModifierState('AltGraph')`. */
  altGraph?: boolean;
}

/** Keys that never stand for themselves: pressing one alone is not a shortcut. */
const NOT_A_KEY = new Set([
  '',
  'Control',
  'Shift',
  'Alt',
  'AltGraph',
  'Meta',
  'OS',
  'Super',
  'Hyper',
  'Fn',
  'FnLock',
  'CapsLock',
  'NumLock',
  'ScrollLock',
  'Dead',
  'Unidentified',
  'Process',
  'Compose',
]);

const MODIFIERS = ['Ctrl', 'Alt', 'Shift', 'Meta'] as const;
export type Modifier = (typeof MODIFIERS)[number];

const isLetter = (s: string) => s.length === 1 && s.toLowerCase() !== s.toUpperCase();
const isPrintable = (s: string) => [...s].length === 1;

/** The key string for an event, or null for a lone modifier, a dead key or an IME composition. */
export function keyOf(event: KeyLike): string | null {
  if (NOT_A_KEY.has(event.key)) return null;
  const altGraph = event.altGraph === true;
  const ctrl = event.ctrlKey && !altGraph;
  const alt = event.altKey && !altGraph;
  let base = event.key === ' ' ? 'Space' : event.key;
  if (ctrl || alt) {
    const physical = /^Key([A-Z])$/.exec(event.code) ?? /^(?:Digit|Numpad)([0-9])$/.exec(event.code);
    if (physical) base = physical[1] as string;
  }
  if (isPrintable(base)) base = base.toUpperCase();
  const mods: Modifier[] = [];
  if (ctrl) mods.push('Ctrl');
  if (alt) mods.push('Alt');
  if (event.shiftKey && (!isPrintable(base) || isLetter(base))) mods.push('Shift');
  if (event.metaKey) mods.push('Meta');
  return [...mods, base].join('+');
}

/**
 * The digit a key types into a camera number, or null. The keypad's digits are read from
 * `event.code` (Numpad0–Numpad9), so they type digits with NumLock off too, when `event.key`
 * says "End" or "ArrowDown".
 */
export function digitOf(event: KeyLike): string | null {
  if ((event.ctrlKey && !event.altGraph) || (event.altKey && !event.altGraph) || event.metaKey) return null;
  const keypad = /^Numpad([0-9])$/.exec(event.code);
  if (keypad) return keypad[1] as string;
  return /^[0-9]$/.test(event.key) ? event.key : null;
}

/** Splits a key string into its modifiers and base key; "Ctrl++" is Ctrl and "+". */
export function parseKey(key: string): { modifiers: Modifier[]; base: string } {
  const modifiers: Modifier[] = [];
  let rest = key;
  for (;;) {
    const mod = MODIFIERS.find((m) => rest.startsWith(`${m}+`) && rest.length > m.length + 1);
    if (!mod) break;
    modifiers.push(mod);
    rest = rest.slice(mod.length + 1);
  }
  return { modifiers, base: rest };
}

export interface Shortcuts {
  /** The key each command answers to: the operator's choice or the default; '' when it has none. */
  keyOf: Readonly<Record<CommandId, string>>;
  /** Settings entries that were not applied, with the reason. */
  ignored: ReadonlyArray<{ command: string; key: string; reason: 'unknown_command' | 'reserved' | 'conflict' }>;
  /** Key → command, for matching. */
  byKey: ReadonlyMap<string, CommandId>;
}

/**
 * The effective shortcuts from the operator's overrides. Overrides come from a settings file that
 * may be old or hand-edited: an unknown command, a reserved key or a key another command already
 * holds is ignored (that command keeps its default) and reported, so no key ever has two
 * meanings. The editor refuses conflicts before saving; only a hand-edited file can leave a
 * command whose default was taken by another's override with no key at all ('').
 */
export function resolveShortcuts(overrides: Readonly<Record<string, string>> = {}): Shortcuts {
  const wanted = Object.fromEntries(COMMANDS.map((c) => [c.id, c.defaultKey])) as Record<CommandId, string>;
  const ignored: Array<Shortcuts['ignored'][number]> = [];
  for (const [command, key] of Object.entries(overrides)) {
    if (!isCommandId(command)) ignored.push({ command, key, reason: 'unknown_command' });
    else if (RESERVED_KEYS.has(key)) ignored.push({ command, key, reason: 'reserved' });
    else wanted[command] = key;
  }
  // In table order, each command takes its wanted key if free, else its default if free.
  const keys = {} as Record<CommandId, string>;
  const byKey = new Map<string, CommandId>();
  for (const { id, defaultKey } of COMMANDS) {
    const want = wanted[id];
    let key = '';
    if (!byKey.has(want)) key = want;
    else {
      if (want !== defaultKey) ignored.push({ command: id, key: want, reason: 'conflict' });
      if (!byKey.has(defaultKey)) key = defaultKey;
    }
    keys[id] = key;
    if (key !== '') byKey.set(key, id);
  }
  return { keyOf: keys, ignored, byKey };
}

/** The command a key runs in a kind of window, or null. */
export function commandFor(shortcuts: Shortcuts, key: string, context: ShortcutContext): CommandId | null {
  const command = shortcuts.byKey.get(key);
  if (command === undefined || shortcuts.keyOf[command] !== key) return null;
  return (commandInfo(command).contexts as readonly ShortcutContext[]).includes(context) ? command : null;
}

export type BindingCheck = { ok: true } | { ok: false; reason: 'reserved' } | { ok: false; reason: 'conflict'; with: CommandId };

/** Whether `command` may be given `key`, before the editor saves it. */
export function checkBinding(shortcuts: Shortcuts, command: CommandId, key: string): BindingCheck {
  if (RESERVED_KEYS.has(key)) return { ok: false, reason: 'reserved' };
  const other = COMMAND_IDS.find((id) => id !== command && shortcuts.keyOf[id] === key);
  return other === undefined ? { ok: true } : { ok: false, reason: 'conflict', with: other };
}

/**
 * The overrides to save after giving `command` the key `key`: only keys that differ from the
 * defaults are kept, so a later change of a default reaches operators who never touched it.
 */
export function withBinding(overrides: Readonly<Record<string, string>>, command: CommandId, key: string): Record<string, string> {
  const next: Record<string, string> = {};
  for (const [id, k] of Object.entries(overrides)) if (isCommandId(id) && id !== command) next[id] = k;
  if (key !== commandInfo(command).defaultKey) next[command] = key;
  return next;
}

/** The overrides after putting one command back to its default. */
export function withoutBinding(overrides: Readonly<Record<string, string>>, command: CommandId): Record<string, string> {
  const next: Record<string, string> = {};
  for (const [id, k] of Object.entries(overrides)) if (isCommandId(id) && id !== command) next[id] = k;
  return next;
}
