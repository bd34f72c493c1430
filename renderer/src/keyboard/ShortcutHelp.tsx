import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { keyParts } from './keyLabel';
import { COMMAND_GROUPS, COMMANDS, type CommandGroup, type ShortcutContext, type Shortcuts } from './shortcuts';

interface Row {
  id: string;
  keys: string[][];
  name: string;
  description: string;
  fixed: boolean;
}

/** Keys and gestures that are not configurable commands but belong on the card. */
const FIXED: Array<{ id: string; group: CommandGroup; keys: string[]; contexts: ShortcutContext[] }> = [
  { id: 'digits', group: 'callUp', keys: ['0 … 9'], contexts: ['wall', 'console'] },
  { id: 'doubleClick', group: 'tiles', keys: [], contexts: ['wall', 'console'] },
  { id: 'drag', group: 'tiles', keys: [], contexts: ['wall', 'console'] },
  { id: 'hud', group: 'general', keys: ['H'], contexts: ['wall'] },
];

/** The reference card (`?`): every shortcut of this window with its key and what it does. */
export function ShortcutHelp({ shortcuts, context, onClose }: { shortcuts: Shortcuts; context: ShortcutContext; onClose: () => void }) {
  const { t } = useTranslation();
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => closeRef.current?.focus(), []);

  const rows = (group: CommandGroup): Row[] => [
    ...FIXED.filter((f) => f.group === group && f.contexts.includes(context)).map((f) => ({
      id: f.id,
      keys: f.keys.length > 0 ? f.keys.map((k) => [k]) : [[t(`keyboard.fixed.${f.id}.gesture`)]],
      name: t(`keyboard.fixed.${f.id}.name`),
      description: t(`keyboard.fixed.${f.id}.description`),
      fixed: true,
    })),
    ...COMMANDS.filter((c) => c.group === group && (c.contexts as readonly ShortcutContext[]).includes(context)).map((c) => {
      const key = shortcuts.keyOf[c.id];
      return {
        id: c.id,
        keys: key === '' ? [] : [keyParts(key, t)],
        name: t(`keyboard.commands.${c.id}.name`),
        description: t(`keyboard.commands.${c.id}.description`),
        fixed: false,
      };
    }),
  ];

  return (
    <div className="overlay-backdrop" onMouseDown={onClose}>
      <div className="shortcut-help" role="dialog" aria-modal="true" aria-labelledby="shortcut-help-title" data-shortcut-help onMouseDown={(e) => e.stopPropagation()}>
        <header className="shortcut-help__header">
          <h2 id="shortcut-help-title">{t('keyboard.help.title')}</h2>
          <span className="shortcut-help__hint">{t('keyboard.help.hint')}</span>
          <button ref={closeRef} type="button" className="btn" onClick={onClose}>
            {t('keyboard.help.close')}
          </button>
        </header>
        <div className="shortcut-help__groups">
          {COMMAND_GROUPS.map((group) => {
            const list = rows(group);
            if (list.length === 0) return null;
            return (
              <section key={group} className="shortcut-help__group">
                <h3>{t(`keyboard.groups.${group}`)}</h3>
                <table>
                  <tbody>
                    {list.map((row) => (
                      <tr key={row.id} data-command={row.id}>
                        <td className="shortcut-help__keys">
                          {row.keys.length === 0 ? (
                            <span className="muted">{t('keyboard.help.unassigned')}</span>
                          ) : (
                            row.keys.map((parts, i) => (
                              <span key={i} className="keycombo">
                                {parts.map((p, j) => (
                                  <kbd key={j}>{p}</kbd>
                                ))}
                              </span>
                            ))
                          )}
                        </td>
                        <td>
                          <div className="shortcut-help__name">{row.name}</div>
                          <div className="shortcut-help__desc">{row.description}</div>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            );
          })}
        </div>
      </div>
    </div>
  );
}
