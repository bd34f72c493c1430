import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WallApi } from '../../../common/contract/wallApi';
import { keyParts } from '../keyboard/keyLabel';
import { checkBinding, COMMAND_GROUPS, COMMANDS, keyOf, resolveShortcuts, withBinding, withoutBinding, type CommandId } from '../keyboard/shortcuts';
import { StatusLine } from './LayoutsPanel';
import { keyLikeOf } from '../keyboard/keyEvent';

type Status = { kind: 'ok' | 'error'; text: string } | null;

/**
 * The operator's shortcuts: press "Change", then the key. Saved at once with `settings.set`
 * (every window follows through `settings.changed`). Only keys that differ from the defaults
 * are stored. A key another command uses, a digit or H is refused with the reason.
 */
export function ShortcutEditor({ api, overrides }: { api: WallApi; overrides: Readonly<Record<string, string>> }) {
  const { t } = useTranslation();
  const shortcuts = resolveShortcuts(overrides);
  const [recording, setRecording] = useState<CommandId | null>(null);
  const [status, setStatus] = useState<Status>(null);

  const save = async (next: Record<string, string>, ok: string) => {
    const result = await api.call('settings.set', { shortcuts: next });
    setStatus(result.ok ? { kind: 'ok', text: ok } : { kind: 'error', text: result.error.message });
  };

  useEffect(() => {
    if (recording === null) return;
    // Capture phase on the window, ahead of the wall keyboard: the key is recorded, not run.
    const onKey = (event: KeyboardEvent) => {
      const key = keyOf(keyLikeOf(event));
      event.preventDefault();
      event.stopImmediatePropagation();
      if (key === null) return;
      setRecording(null);
      const name = t(`keyboard.commands.${recording}.name`);
      const check = checkBinding(shortcuts, recording, key);
      const label = keyParts(key, t).join(' + ');
      if (!check.ok) {
        setStatus({ kind: 'error', text: check.reason === 'reserved' ? t('keyboard.editor.reserved', { key: label }) : t('keyboard.editor.conflict', { key: label, command: t(`keyboard.commands.${check.with}.name`) }) });
        return;
      }
      void save(withBinding(overrides, recording, key), t('keyboard.editor.changed', { command: name, key: label }));
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [recording, overrides]);

  return (
    <div className="shortcut-editor" data-shortcut-editor>
      <div className="form-row">
        <p className="muted">{t('keyboard.editor.hint')}</p>
        <button type="button" className="btn" disabled={Object.keys(overrides).length === 0} onClick={() => void save({}, t('keyboard.editor.allReset'))}>
          {t('keyboard.editor.resetAll')}
        </button>
      </div>
      {shortcuts.ignored.length > 0 ? (
        <p className="status status--error">{t('keyboard.editor.ignored', { list: shortcuts.ignored.map((i) => `${i.command} = ${i.key}`).join(', ') })}</p>
      ) : null}
      <StatusLine status={status} />
      <table className="shortcut-table">
        <tbody>
          {COMMAND_GROUPS.flatMap((group) => [
            <tr key={group} className="shortcut-table__group">
              <th colSpan={3}>{t(`keyboard.groups.${group}`)}</th>
            </tr>,
            ...COMMANDS.filter((c) => c.group === group).map((c) => {
              const key = shortcuts.keyOf[c.id];
              const changed = overrides[c.id] !== undefined;
              return (
                <tr key={c.id} data-command={c.id}>
                  <td>
                    <div className="shortcut-help__name">{t(`keyboard.commands.${c.id}.name`)}</div>
                    <div className="shortcut-help__desc">{t(`keyboard.commands.${c.id}.description`)}</div>
                  </td>
                  <td className="shortcut-table__key" data-key={key}>
                    {recording === c.id ? (
                      <span className="recording">{t('keyboard.editor.pressKey')}</span>
                    ) : key === '' ? (
                      <span className="muted">{t('keyboard.help.unassigned')}</span>
                    ) : (
                      <span className="keycombo">
                        {keyParts(key, t).map((p, i) => (
                          <kbd key={i}>{p}</kbd>
                        ))}
                      </span>
                    )}
                  </td>
                  <td className="shortcut-table__actions">
                    {recording === c.id ? (
                      <button type="button" className="btn btn--small" onClick={() => setRecording(null)}>
                        {t('keyboard.editor.cancel')}
                      </button>
                    ) : (
                      <button type="button" className="btn btn--small" onClick={() => setRecording(c.id)} data-record={c.id}>
                        {t('keyboard.editor.change')}
                      </button>
                    )}
                    {changed ? (
                      <button type="button" className="btn btn--small" onClick={() => void save(withoutBinding(overrides, c.id), t('keyboard.editor.reset', { command: t(`keyboard.commands.${c.id}.name`) }))}>
                        {t('keyboard.editor.default')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              );
            }),
          ])}
        </tbody>
      </table>
    </div>
  );
}
