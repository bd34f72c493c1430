import { useTranslation } from 'react-i18next';
import { ShortcutHelp } from './ShortcutHelp';
import type { KeyboardFlash, WallKeyboard } from './useWallKeyboard';
import type { TFunction } from 'i18next';

export function flashText(flash: KeyboardFlash, t: TFunction): string {
  if ('message' in flash) return flash.message;
  const { problem } = flash;
  switch (problem.kind) {
    case 'unknownCamera':
      return t('keyboard.problem.unknownCamera', { number: problem.number });
    case 'unknownScreen':
      return t('keyboard.problem.unknownScreen', { number: problem.number });
    case 'noPreset':
      return t('keyboard.problem.noPreset', { tiles: problem.tiles });
    case 'layoutLimit':
      return t('keyboard.problem.layoutLimit');
    case 'noSavedLayouts':
      return t('keyboard.problem.noSavedLayouts');
    case 'noScreen':
      return t('keyboard.problem.noScreen');
  }
}

/**
 * What the keyboard is doing, drawn over a window: the number being typed and where it will go,
 * the screen the keys drive when it is not this one, the last refusal, and the help card.
 * `showTarget` is off in the console, whose header already names the target screen.
 */
export function KeyboardOverlay({ keyboard, showTarget = true }: { keyboard: WallKeyboard; showTarget?: boolean }) {
  const { t } = useTranslation();
  const { digits, target, targetId, homeScreenId, flash } = keyboard;
  const elsewhere = targetId !== homeScreenId;
  return (
    <>
      {showTarget && !elsewhere && keyboard.drivenBy.length > 0 ? (
        <div className="kbd-driven" data-driven-by={keyboard.drivenBy.map((d) => d.kind).join(' ')} role="status">
          <span aria-hidden>⌨</span>{' '}
          {keyboard.drivenBy.map((d) => (d.kind === 'console' ? t('keyboard.drivenBy.console') : t('keyboard.drivenBy.wall', { screen: d.homeScreenId }))).join(' · ')}
        </div>
      ) : null}
      {showTarget && elsewhere ? (
        <div className="kbd-target" data-keyboard-target={targetId} role="status">
          <span className="kbd-target__icon" aria-hidden>
            ⌨
          </span>
          {t('keyboard.target', { screen: targetId })}
          <span className="kbd-target__hint">{t('keyboard.targetHint')}</span>
        </div>
      ) : null}
      {digits !== '' || flash !== null ? (
        <div className="kbd-entry" data-keyboard-entry={digits} role="status" aria-live="polite">
          {digits !== '' ? (
            <>
              <div className="kbd-entry__line">
                <span className="kbd-entry__label">{t('keyboard.entry.camera')}</span>
                <span className="kbd-entry__digits">{digits}</span>
                <span className="kbd-entry__caret" aria-hidden />
              </div>
              <div className="kbd-entry__where">
                {target ? t('keyboard.entry.where', { screen: target.id, tile: target.selected + 1 }) : t('keyboard.problem.noScreen')}
                {' · '}
                {t('keyboard.entry.hint')}
              </div>
            </>
          ) : null}
          {flash !== null ? (
            <div key={flash.id} className="kbd-entry__flash" data-keyboard-flash>
              {flashText(flash, t)}
            </div>
          ) : null}
        </div>
      ) : null}
      {keyboard.helpOpen ? <ShortcutHelp shortcuts={keyboard.shortcuts} context={keyboard.context} onClose={() => keyboard.setHelpOpen(false)} /> : null}
    </>
  );
}
