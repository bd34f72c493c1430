import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WallApi } from '../../../common/contract/wallApi';
import { initialWallState } from '../../../common/wall/wallReducer';
import { AppStore } from '../../../renderer/src/app/appStore';
import { initI18n } from '../../../renderer/src/i18n/i18n';
import { KeyboardOverlay } from '../../../renderer/src/keyboard/KeyboardOverlay';
import { useWallKeyboard } from '../../../renderer/src/keyboard/useWallKeyboard';

beforeAll(async () => {
  await initI18n('en');
});
afterEach(cleanup);

const cameras = Array.from({ length: 20 }, (_, i) => ({ id: `cam-${i + 1}`, number: i + 1, name: `Camera ${i + 1}`, tags: [] }));

async function setup() {
  const state = initialWallState({ screenCount: 2, cameraIds: cameras.map((c) => c.id) });
  const answers: Record<string, unknown> = {
    'site.get': { site: { cameras }, demo: true },
    'settings.get': { locale: 'en', sitePath: null, shortcuts: {} },
    'wall.get': { rev: 1, state },
  };
  const call = vi.fn(async (method: string, _params?: unknown) => (method in answers ? { ok: true, value: answers[method] } : method === 'wall.dispatch' ? { ok: true, value: { rev: 2, state } } : { ok: false, error: { code: 'not_found', message: 'no' } }));
  const api = { transport: 'ws', call, on: () => () => undefined } as unknown as WallApi;
  const store = new AppStore(api);
  await store.refresh();
  function Harness() {
    const keyboard = useWallKeyboard({ api, store, context: 'wall', homeScreenId: '1' });
    return (
      <>
        <input aria-label="notes" />
        <KeyboardOverlay keyboard={keyboard} />
      </>
    );
  }
  render(<Harness />);
  const dispatched = () => call.mock.calls.filter(([m]) => m === 'wall.dispatch').map(([, p]) => (p as { action: unknown }).action);
  return { dispatched };
}

const key = (k: string, code = k) => act(async () => void fireEvent.keyDown(document.body, { key: k, code }));

describe('the wall keyboard in a window', () => {
  it('shows the number being typed and calls it up on Enter', async () => {
    const { dispatched } = await setup();
    await key('1', 'Digit1');
    await key('2', 'Numpad2');
    expect(document.querySelector('[data-keyboard-entry="12"]')?.textContent).toContain('to screen 1, tile 1');
    await key('Enter', 'NumpadEnter');
    expect(dispatched()).toEqual([{ type: 'camera.callUp', screenId: '1', number: 12 }]);
    expect(document.querySelector('[data-keyboard-entry]')).toBeNull();
  });

  it('says so when no camera has the number, and sends nothing', async () => {
    const { dispatched } = await setup();
    await key('9', 'Digit9');
    await key('9', 'Digit9');
    await key('Enter');
    expect(dispatched()).toEqual([]);
    expect(document.querySelector('[data-keyboard-flash]')?.textContent).toBe('There is no camera 99');
  });

  it('leaves keys typed into a text field alone', async () => {
    const { dispatched } = await setup();
    const input = screen.getByLabelText('notes');
    await act(async () => void fireEvent.keyDown(input, { key: '4', code: 'Digit4' }));
    await act(async () => void fireEvent.keyDown(input, { key: 'Enter', code: 'Enter' }));
    expect(document.querySelector('[data-keyboard-entry]')).toBeNull();
    expect(dispatched()).toEqual([]);
  });

  it('shows which screen the keyboard drives after *, and Esc brings it back', async () => {
    const { dispatched } = await setup();
    await key('*', 'NumpadMultiply');
    expect(document.querySelector('[data-keyboard-target]')?.textContent).toContain('Keyboard → screen 2');
    await key('ArrowDown');
    expect(dispatched()).toEqual([{ type: 'selection.move', screenId: '2', direction: 'down' }]);
    await key('Escape');
    expect(document.querySelector('[data-keyboard-target]')).toBeNull();
  });

  it('opens the shortcut card with ? and lists every command with its key', async () => {
    await setup();
    await key('?', 'Slash');
    const card = document.querySelector('[data-shortcut-help]')!;
    expect(card.querySelector('[data-command="callUp.commit"]')?.textContent).toContain('Enter');
    expect(card.querySelector('[data-command="screen.next"]')?.textContent).toContain('Next screen');
    // Console-only commands are not on a wall window's card.
    expect(card.querySelector('[data-command="search.focus"]')).toBeNull();
    await key('Escape');
    expect(document.querySelector('[data-shortcut-help]')).toBeNull();
  });
});
