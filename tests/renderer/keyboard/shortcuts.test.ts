import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkBinding,
  COMMAND_IDS,
  COMMANDS,
  commandFor,
  digitOf,
  keyOf,
  parseKey,
  RESERVED_KEYS,
  resolveShortcuts,
  withBinding,
  withoutBinding,
  type KeyLike,
} from '../../../renderer/src/keyboard/shortcuts';

const key = (k: string, code = '', mods: Partial<KeyLike> = {}): KeyLike => ({ key: k, code, ctrlKey: false, altKey: false, shiftKey: false, metaKey: false, ...mods });

describe('the shortcut table', () => {
  it('gives every command a distinct default key that is not reserved and fits settings', () => {
    const defaults = COMMANDS.map((c) => c.defaultKey);
    expect(new Set(defaults).size).toBe(defaults.length);
    for (const c of COMMANDS) {
      expect(RESERVED_KEYS.has(c.defaultKey), c.id).toBe(false);
      // settings.shortcuts: command ids /^[a-z][a-zA-Z0-9.]{0,63}$/, keys 1–40 characters.
      expect(c.id).toMatch(/^[a-z][a-zA-Z0-9.]{0,63}$/);
      expect(c.defaultKey.length).toBeGreaterThanOrEqual(1);
      expect(c.defaultKey.length).toBeLessThanOrEqual(40);
    }
  });

  it('works from the numeric keypad alone: Enter, + - * / are defaults', () => {
    const defaults = resolveShortcuts();
    expect(commandFor(defaults, keyOf(key('Enter', 'NumpadEnter'))!, 'wall')).toBe('callUp.commit');
    expect(commandFor(defaults, keyOf(key('+', 'NumpadAdd'))!, 'wall')).toBe('layout.next');
    expect(commandFor(defaults, keyOf(key('-', 'NumpadSubtract'))!, 'wall')).toBe('layout.previous');
    expect(commandFor(defaults, keyOf(key('*', 'NumpadMultiply'))!, 'wall')).toBe('screen.next');
    expect(commandFor(defaults, keyOf(key('/', 'NumpadDivide'))!, 'wall')).toBe('screen.previous');
  });

  it('keeps console-only commands out of wall windows', () => {
    const defaults = resolveShortcuts();
    expect(commandFor(defaults, 'Ctrl+F', 'console')).toBe('search.focus');
    expect(commandFor(defaults, 'Ctrl+F', 'wall')).toBeNull();
  });
});

describe('keyOf', () => {
  it('upper-cases letters and records Shift on them', () => {
    expect(keyOf(key('m', 'KeyM'))).toBe('M');
    expect(keyOf(key('M', 'KeyM'))).toBe('M'); // CapsLock
    expect(keyOf(key('M', 'KeyM', { shiftKey: true }))).toBe('Shift+M');
  });

  it('leaves Shift out of other printable characters, so ? is ? on every layout', () => {
    expect(keyOf(key('?', 'Slash', { shiftKey: true }))).toBe('?'); // US
    expect(keyOf(key('?', 'Minus', { shiftKey: true }))).toBe('?'); // Spanish
    expect(keyOf(key('+', 'Equal', { shiftKey: true }))).toBe('+');
  });

  it('records Shift with named keys and names Space', () => {
    expect(keyOf(key('PageDown', 'PageDown', { shiftKey: true }))).toBe('Shift+PageDown');
    expect(keyOf(key(' ', 'Space'))).toBe('Space');
  });

  it('uses the physical key with Ctrl or Alt, and puts modifiers in a fixed order', () => {
    expect(keyOf(key('f', 'KeyF', { ctrlKey: true }))).toBe('Ctrl+F');
    expect(keyOf(key('µ', 'KeyM', { altKey: true }))).toBe('Alt+M'); // Option+M on a Mac
    expect(keyOf(key('\u0006', 'KeyF', { ctrlKey: true, shiftKey: true, altKey: true }))).toBe('Ctrl+Alt+Shift+F');
    expect(keyOf(key('1', 'Numpad1', { ctrlKey: true }))).toBe('Ctrl+1');
  });

  it('does not treat AltGr as Ctrl+Alt', () => {
    expect(keyOf(key('@', 'Digit2', { ctrlKey: true, altKey: true, altGraph: true }))).toBe('@');
  });

  it('ignores lone modifiers and dead keys', () => {
    for (const k of ['Control', 'Shift', 'Alt', 'Meta', 'AltGraph', 'Dead', 'CapsLock', 'NumLock', 'Unidentified', '']) expect(keyOf(key(k))).toBeNull();
  });

  it('makes strings parseKey splits back into modifiers and base', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('a', 'M', '+', '?', '/', 'Enter', 'PageDown', 'F5', 'ArrowUp', ' ', '1'),
        fc.record({ ctrlKey: fc.boolean(), altKey: fc.boolean(), shiftKey: fc.boolean(), metaKey: fc.boolean() }),
        (k, mods) => {
          const s = keyOf({ key: k, code: '', ...mods });
          expect(s).not.toBeNull();
          const { modifiers, base } = parseKey(s!);
          expect([...modifiers, base].join('+')).toBe(s);
          expect(base).not.toBe('');
        },
      ),
    );
  });
});

describe('digitOf', () => {
  it('takes digits from the main row and from the keypad', () => {
    expect(digitOf(key('7', 'Digit7'))).toBe('7');
    expect(digitOf(key('7', 'Numpad7'))).toBe('7');
  });

  it('reads keypad digits by their code, so they work with NumLock off', () => {
    expect(digitOf(key('Home', 'Numpad7'))).toBe('7');
    expect(digitOf(key('ArrowDown', 'Numpad2'))).toBe('2');
    expect(digitOf(key('Insert', 'Numpad0'))).toBe('0');
    expect(digitOf(key('Delete', 'NumpadDecimal'))).toBeNull();
  });

  it('does not type digits held with Ctrl, Alt or Meta', () => {
    expect(digitOf(key('1', 'Digit1', { ctrlKey: true }))).toBeNull();
    expect(digitOf(key('1', 'Numpad1', { altKey: true }))).toBeNull();
  });
});

describe('resolveShortcuts', () => {
  it('applies overrides and matches them, and the default key no longer works', () => {
    const s = resolveShortcuts({ 'tile.maximize': 'F11' });
    expect(s.keyOf['tile.maximize']).toBe('F11');
    expect(commandFor(s, 'F11', 'wall')).toBe('tile.maximize');
    expect(commandFor(s, 'M', 'wall')).toBeNull();
    expect(s.ignored).toEqual([]);
  });

  it('ignores unknown commands, reserved keys and conflicts, keeping the defaults', () => {
    const s = resolveShortcuts({ 'no.such': 'F1', 'tile.clear': '5', 'screen.next': 'Enter' });
    expect(s.ignored).toEqual(
      expect.arrayContaining([
        { command: 'no.such', key: 'F1', reason: 'unknown_command' },
        { command: 'tile.clear', key: '5', reason: 'reserved' },
        { command: 'screen.next', key: 'Enter', reason: 'conflict' },
      ]),
    );
    expect(s.keyOf['tile.clear']).toBe('Delete');
    expect(s.keyOf['screen.next']).toBe('*');
    expect(commandFor(s, 'Enter', 'wall')).toBe('callUp.commit');
  });

  it('lets two commands trade keys', () => {
    const s = resolveShortcuts({ 'layout.next': '-', 'layout.previous': '+' });
    expect(commandFor(s, '-', 'wall')).toBe('layout.next');
    expect(commandFor(s, '+', 'wall')).toBe('layout.previous');
  });

  it('never gives one key two commands, whatever the settings file says', () => {
    const keys = ['Enter', 'M', '*', '+', 'F1', 'F2', 'Delete', 'ArrowUp', '5', 'H', 'Ctrl+F'];
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...COMMAND_IDS, 'bogus.cmd'), fc.constantFrom(...keys)), (overrides) => {
        const s = resolveShortcuts(overrides);
        const assigned = COMMAND_IDS.map((id) => s.keyOf[id]).filter((k) => k !== '');
        expect(new Set(assigned).size).toBe(assigned.length);
        for (const id of COMMAND_IDS) {
          const k = s.keyOf[id];
          if (k !== '') expect(s.byKey.get(k)).toBe(id);
          expect(RESERVED_KEYS.has(k)).toBe(false);
        }
      }),
    );
  });
});

describe('the editor helpers', () => {
  it('refuses reserved keys and keys in use, naming the other command', () => {
    const s = resolveShortcuts();
    expect(checkBinding(s, 'tile.maximize', 'H')).toEqual({ ok: false, reason: 'reserved' });
    expect(checkBinding(s, 'tile.maximize', '3')).toEqual({ ok: false, reason: 'reserved' });
    expect(checkBinding(s, 'tile.maximize', 'Enter')).toEqual({ ok: false, reason: 'conflict', with: 'callUp.commit' });
    expect(checkBinding(s, 'tile.maximize', 'M')).toEqual({ ok: true });
    expect(checkBinding(s, 'tile.maximize', 'F11')).toEqual({ ok: true });
  });

  it('stores only keys that differ from the defaults', () => {
    expect(withBinding({}, 'tile.maximize', 'F11')).toEqual({ 'tile.maximize': 'F11' });
    expect(withBinding({ 'tile.maximize': 'F11' }, 'tile.maximize', 'M')).toEqual({});
    expect(withBinding({ 'old.command': 'F2', 'tile.clear': 'F8' }, 'tile.maximize', 'F11')).toEqual({ 'tile.clear': 'F8', 'tile.maximize': 'F11' });
    expect(withoutBinding({ 'tile.clear': 'F8', 'tile.maximize': 'F11' }, 'tile.clear')).toEqual({ 'tile.maximize': 'F11' });
  });
});
