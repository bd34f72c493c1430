import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { WallApi } from '../../../common/contract/wallApi';
import type { WallAction } from '../../../common/wall/wallActions';
import type { Screen } from '../../../common/wall/wallSchema';
import type { AppStore } from '../app/appStore';
import { EMPTY_ENTRY, ENTRY_IDLE_MS, handleKey, type Entry, type KeyProblem } from './keyboardController';
import { resolveShortcuts, type ShortcutContext, type Shortcuts } from './shortcuts';
import { useTargetAnnouncements, type TargetAnnouncement } from './targetChannel';
import { keyLikeOf } from './keyEvent';

/** A short message under the entry: a refused key or what main answered. */
export type KeyboardFlash = { id: number; problem: KeyProblem } | { id: number; message: string };

export interface WallKeyboard {
  context: ShortcutContext;
  homeScreenId: string;
  /** The screen keys act on now. */
  targetId: string;
  target: Screen | undefined;
  setTarget: (screenId: string) => void;
  /** Digits typed so far, '' when no entry is open. */
  digits: string;
  helpOpen: boolean;
  setHelpOpen: (open: boolean) => void;
  flash: KeyboardFlash | null;
  shortcuts: Shortcuts;
  /** Other windows of this app whose keyboard drives this window's own screen. */
  drivenBy: TargetAnnouncement[];
  /** Dispatches and reports a refusal in the flash: for the window's mouse actions too. */
  dispatch: (action: WallAction) => Promise<boolean>;
}

const FLASH_MS = 4000;

/** Keys typed into a text field are text, not commands. */
function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['button', 'checkbox', 'radio', 'range', 'color', 'file', 'submit', 'reset'].includes(target.type);
  return false;
}

/**
 * The CCTV keyboard of one window: listens on the window, runs keys through `handleKey` and
 * carries out the effects. `focusSearch` is called for the console's search shortcut.
 */
export function useWallKeyboard(opts: { api: WallApi; store: AppStore; context: ShortcutContext; homeScreenId: string; focusSearch?: () => void }): WallKeyboard {
  const { api, store, context, homeScreenId } = opts;
  const snapshot = useSyncExternalStore(store.subscribe, store.get);
  const [targetId, setTargetId] = useState(homeScreenId);
  const [entry, setEntry] = useState<Entry>(EMPTY_ENTRY);
  const [helpOpen, setHelpOpen] = useState(false);
  const [flash, setFlash] = useState<KeyboardFlash | null>(null);
  const flashId = useRef(0);

  const overrides = snapshot.settings?.shortcuts;
  const shortcuts = useMemo(() => resolveShortcuts(overrides ?? {}), [overrides]);
  const screens = useMemo(() => [...(snapshot.wall?.state.screens ?? [])].sort((a, b) => Number(a.id) - Number(b.id)), [snapshot.wall]);
  const cameraNumbers = useMemo(() => new Set(snapshot.site?.site.cameras.map((c) => c.number) ?? []), [snapshot.site]);
  const target = screens.find((s) => s.id === targetId);
  const drivenBy = useTargetAnnouncements(context, homeScreenId, targetId);

  const show = useCallback((content: { problem: KeyProblem } | { message: string }) => {
    flashId.current += 1;
    setFlash({ id: flashId.current, ...content });
  }, []);

  const dispatch = useCallback(
    async (action: WallAction) => {
      const result = await api.call('wall.dispatch', { action });
      if (!result.ok) show({ message: result.error.message });
      return result.ok;
    },
    [api, show],
  );

  // The latest of everything the listener reads, so it is installed once per window.
  const latest = useRef({ entry, helpOpen, shortcuts, screens, target, cameraNumbers, layouts: snapshot.wall?.state.layouts ?? [] });
  latest.current = { entry, helpOpen, shortcuts, screens, target, cameraNumbers, layouts: snapshot.wall?.state.layouts ?? [] };
  const focusSearch = useRef(opts.focusSearch);
  focusSearch.current = opts.focusSearch;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing || isTextEntry(event.target)) return;
      const now = latest.current;
      const outcome = handleKey(
        now.entry,
        keyLikeOf(event),
        {
          context,
          shortcuts: now.shortcuts,
          target: now.target,
          screens: now.screens,
          layouts: now.layouts,
          cameraNumbers: now.cameraNumbers,
          homeScreenId,
          helpOpen: now.helpOpen,
          now: Date.now(),
        },
      );
      if (!outcome.handled) return;
      event.preventDefault();
      event.stopPropagation();
      latest.current.entry = outcome.entry;
      setEntry(outcome.entry);
      for (const effect of outcome.effects) {
        if (effect.kind === 'dispatch') void dispatch(effect.action);
        else if (effect.kind === 'target') setTargetId(effect.screenId);
        else if (effect.kind === 'help') setHelpOpen(effect.open);
        else if (effect.kind === 'focusSearch') focusSearch.current?.();
        else show({ problem: effect.problem });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [context, homeScreenId, dispatch, show]);

  // The entry disappears from the screen when it times out.
  useEffect(() => {
    if (entry.digits === '') return;
    const timer = setTimeout(() => setEntry(EMPTY_ENTRY), Math.max(0, entry.at + ENTRY_IDLE_MS - Date.now()));
    return () => clearTimeout(timer);
  }, [entry]);

  useEffect(() => {
    if (flash === null) return;
    const timer = setTimeout(() => setFlash((f) => (f?.id === flash.id ? null : f)), FLASH_MS);
    return () => clearTimeout(timer);
  }, [flash]);

  // A screen removed from the wall cannot stay the target.
  useEffect(() => {
    if (snapshot.wall && !target && screens.some((s) => s.id === homeScreenId)) setTargetId(homeScreenId);
  }, [snapshot.wall, target, screens, homeScreenId]);

  return { context, homeScreenId, targetId, target, setTarget: setTargetId, digits: entry.digits, helpOpen, setHelpOpen, flash, shortcuts, drivenBy, dispatch };
}
