import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { WallApi } from '../../../common/contract/wallApi';
import { ShortcutEditor } from '../../../renderer/src/console/ShortcutEditor';
import { initI18n } from '../../../renderer/src/i18n/i18n';

beforeAll(async () => {
  await initI18n('en');
});
afterEach(cleanup);

function fakeApi() {
  const call = vi.fn(async (_method: string, params: unknown) => ({ ok: true as const, value: { locale: 'auto', sitePath: null, ...(params as object) } }));
  return { api: { transport: 'ws', call, on: () => () => undefined } as unknown as WallApi, call };
}

const row = (command: string) => document.querySelector(`tr[data-command="${command}"]`) as HTMLElement;

describe('the shortcut editor', () => {
  it('records the next key and saves only what differs from the defaults', async () => {
    const { api, call } = fakeApi();
    render(<ShortcutEditor api={api} overrides={{ 'tile.clear': 'F8' }} />);
    expect(row('tile.clear').textContent).toContain('F8');
    fireEvent.click(document.querySelector('[data-record="tile.maximize"]')!);
    expect(row('tile.maximize').textContent).toContain('Press a key');
    await act(async () => {
      fireEvent.keyDown(window, { key: 'F11', code: 'F11' });
    });
    expect(call).toHaveBeenCalledWith('settings.set', { shortcuts: { 'tile.clear': 'F8', 'tile.maximize': 'F11' } });
    expect(await screen.findByText(/Maximize is now F11/)).toBeTruthy();
  });

  it('keeps waiting through a lone modifier, and refuses a key another command has', async () => {
    const { api, call } = fakeApi();
    render(<ShortcutEditor api={api} overrides={{}} />);
    fireEvent.click(document.querySelector('[data-record="tile.maximize"]')!);
    fireEvent.keyDown(window, { key: 'Shift', code: 'ShiftLeft', shiftKey: true });
    expect(row('tile.maximize').textContent).toContain('Press a key');
    await act(async () => {
      fireEvent.keyDown(window, { key: 'Enter', code: 'Enter' });
    });
    expect(call).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toMatch(/Enter is already used by “Call up”/);
  });

  it('refuses the digits and H', async () => {
    const { api, call } = fakeApi();
    render(<ShortcutEditor api={api} overrides={{}} />);
    fireEvent.click(document.querySelector('[data-record="screen.next"]')!);
    await act(async () => {
      fireEvent.keyDown(window, { key: 'h', code: 'KeyH' });
    });
    expect(call).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toMatch(/H is reserved/);
  });

  it('puts one command or all of them back to the defaults', async () => {
    const { api, call } = fakeApi();
    render(<ShortcutEditor api={api} overrides={{ 'tile.clear': 'F8', 'tile.maximize': 'F11' }} />);
    await act(async () => {
      fireEvent.click(row('tile.clear').querySelector('button:nth-of-type(2)')!);
    });
    expect(call).toHaveBeenLastCalledWith('settings.set', { shortcuts: { 'tile.maximize': 'F11' } });
    await act(async () => {
      fireEvent.click(screen.getByText('Restore all defaults'));
    });
    expect(call).toHaveBeenLastCalledWith('settings.set', { shortcuts: {} });
  });
});
