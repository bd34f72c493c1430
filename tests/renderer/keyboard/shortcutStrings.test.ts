import { describe, expect, it } from 'vitest';
import { en } from '../../../renderer/src/i18n/en';
import { es } from '../../../renderer/src/i18n/es';
import { pt } from '../../../renderer/src/i18n/pt';
import { COMMAND_GROUPS, COMMANDS } from '../../../renderer/src/keyboard/shortcuts';

const lookup = (strings: unknown, path: string): unknown => path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], strings);

describe('shortcut strings', () => {
  for (const [language, strings] of [['en', en], ['es', es], ['pt', pt]] as const) {
    it(`${language}: every command has a name and a description, every group a title`, () => {
      for (const { id } of COMMANDS) {
        expect(typeof lookup(strings, `keyboard.commands.${id}.name`), id).toBe('string');
        expect(typeof lookup(strings, `keyboard.commands.${id}.description`), id).toBe('string');
      }
      for (const group of COMMAND_GROUPS) expect(typeof lookup(strings, `keyboard.groups.${group}`), group).toBe('string');
    });
  }
});
