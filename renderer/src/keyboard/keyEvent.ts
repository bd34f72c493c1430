import type { KeyLike } from './shortcuts';

/**
 * The parts of a DOM key event the pure shortcut code reads, with AltGr made explicit (it is
 * reported as Ctrl+Alt on Windows and must not count as those modifiers).
 */
export function keyLikeOf(event: KeyboardEvent): KeyLike & { repeat: boolean } {
  return {
    key: event.key,
    code: event.code,
    ctrlKey: event.ctrlKey,
    altKey: event.altKey,
    shiftKey: event.shiftKey,
    metaKey: event.metaKey,
    altGraph: event.getModifierState?.('AltGraph') ?? false,
    repeat: event.repeat,
  };
}
