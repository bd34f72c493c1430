import { expect, test, type Browser, type Page } from '@playwright/test';
import { RpcClient } from '../support/rpcClient';
import { startHost, type HostProcess } from '../support/webHostProcess';

/**
 * Walls across screens, driven the way operators do it: a wall page for screen 1 and the
 * operator console driving screen 2, both pages of the real web host in Chromium (the built-in
 * demo site: 64 cameras on 4 screens, every connection signed in as the demo supervisor).
 *
 * Drag and drop between two pages cannot be driven by Playwright (each page is its own tab;
 * `dragTo` works within one page), so the camera-list drag is done inside the console onto its
 * schematic of the target screen, and the wall tile's drop handler is fed the same DataTransfer
 * a cross-window drag from the console would carry.
 */

test.describe.configure({ mode: 'serial' });

interface WallSnapshot {
  rev: number;
  state: { screens: Array<{ id: string; tiles: Array<{ kind: string; cameraId?: string }>; selected: number; maximized: number | null; layout: { rows: number; cols: number; cells: unknown[] } }>; layouts: Array<{ id: string; name: string }> };
}

/** How long a change made in one page may take to show in the other (median of five). */
const SYNC_BOUND_MS = 200;

let host: HostProcess;
let rpc: RpcClient;

test.beforeAll(async () => {
  host = await startHost();
  rpc = await RpcClient.connect(host.url);
});

test.afterAll(async () => {
  rpc?.close();
  await host?.stop();
});

async function openWall(browser: Browser, screen: string): Promise<Page> {
  const page = await browser.newPage();
  // The sync test measures the wall state, not video: keep the governor from switching streams.
  await page.goto(`${host.url}/?screen=${screen}&governor=off`);
  await expect(page.locator('[data-tile]')).toHaveCount(16);
  return page;
}

async function openConsole(browser: Browser, screen: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  await page.goto(`${host.url}/?view=console&screen=${screen}`);
  await expect(page.locator('[data-console]')).toBeVisible();
  return page;
}

/**
 * Resolves with the page's clock when `selector` first has `attr` = `value`, watching the DOM
 * with a MutationObserver (React writes the change synchronously when the push arrives).
 * Start it before the action; the page's and the test's clocks are the same machine's.
 */
async function watchFor(page: Page, selector: string, attr: string, value: string): Promise<() => Promise<number>> {
  await page.evaluate(
    ([sel, name, want]) => {
      const w = window as unknown as { __seen?: Promise<number> };
      w.__seen = new Promise<number>((resolve) => {
        const check = () => document.querySelector(sel)?.getAttribute(name) === want;
        if (check()) return resolve(Date.now());
        const observer = new MutationObserver(() => {
          if (!check()) return;
          observer.disconnect();
          resolve(Date.now());
        });
        observer.observe(document, { subtree: true, childList: true, attributes: true });
      });
    },
    [selector, attr, value] as const,
  );
  return () => page.evaluate(() => (window as unknown as { __seen: Promise<number> }).__seen);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const wallTile = (page: Page, cell: number) => page.locator(`.wall-grid[data-screen] [data-tile="${cell}"]`);
const miniCell = (page: Page, screen: string, cell: number) => page.locator(`[data-schematic="mini"][data-schematic-screen="${screen}"] [data-cell="${cell}"]`);
const fullCell = (page: Page, cell: number) => page.locator(`[data-schematic="full"] [data-cell="${cell}"]`);

test('screen 1: typing 12 then Enter puts camera 12 in the selected tile, and the console sees it within 200 ms', async ({ browser }) => {
  const wall = await openWall(browser, '1');
  const consolePage = await openConsole(browser, '2');
  await expect(wallTile(wall, 5)).toHaveAttribute('data-camera-number', '6');

  await wallTile(wall, 5).click();
  await expect(miniCell(consolePage, '1', 5)).toHaveAttribute('data-selected', 'true');
  await wall.keyboard.press('1');
  await wall.keyboard.press('2');
  // The number being typed is on screen, with where it will go.
  await expect(wall.locator('[data-keyboard-entry="12"]')).toContainText('12');
  await expect(wall.locator('[data-keyboard-entry="12"]')).toContainText(/tile 6/);
  // Esc cancels it, and nothing is sent.
  await wall.keyboard.press('Escape');
  await expect(wall.locator('[data-keyboard-entry]')).toHaveCount(0);
  await expect(wallTile(wall, 5)).toHaveAttribute('data-camera-number', '6');

  // Five call-ups, each timed from the wall page getting Enter to the console's DOM showing it;
  // the median is held to the bound (these machines have 2 cores shared with other work).
  const latencies: number[] = [];
  for (const number of [12, 13, 14, 15, 12]) {
    const seen = await watchFor(consolePage, '[data-schematic="mini"][data-schematic-screen="1"] [data-cell="5"]', 'data-camera-number', String(number));
    await wall.keyboard.type(String(number));
    await wall.evaluate(() => {
      const w = window as unknown as { __keyAt?: number };
      window.addEventListener('keydown', () => (w.__keyAt = Date.now()), { capture: true, once: true });
    });
    await wall.keyboard.press('Enter');
    const keyAt = await wall.evaluate(() => (window as unknown as { __keyAt: number }).__keyAt);
    latencies.push((await seen()) - keyAt);
  }
  console.log(`wall → console, Enter to the console's DOM: ${latencies.join(', ')} ms; median ${median(latencies)} ms`);
  expect(median(latencies)).toBeLessThan(SYNC_BOUND_MS);
  await expect(wallTile(wall, 5)).toHaveAttribute('data-camera-number', '12');
  await expect(wall.locator('[data-keyboard-entry]')).toHaveCount(0);

  // The numeric keypad: arrow to the next tile, Numpad 2 0, NumpadEnter.
  await wall.keyboard.press('ArrowRight');
  await wall.keyboard.press('Numpad2');
  await wall.keyboard.press('Numpad0');
  await wall.keyboard.press('NumpadEnter');
  await expect(wallTile(wall, 6)).toHaveAttribute('data-camera-number', '20');
  await expect(miniCell(consolePage, '1', 6)).toHaveAttribute('data-camera-number', '20');

  // A number no camera has is refused on the spot, and the tile keeps its camera.
  await wall.keyboard.type('999');
  await wall.keyboard.press('Enter');
  await expect(wall.locator('[data-keyboard-flash]')).toContainText('999');
  await expect(wallTile(wall, 6)).toHaveAttribute('data-camera-number', '20');
  await wall.close();
  await consolePage.close();
});

test('screen 2: a camera dragged from the console list onto a tile is put there; the console’s change reaches the wall within 200 ms', async ({ browser }) => {
  const consolePage = await openConsole(browser, '2');
  const wall = await openWall(browser, '1');
  await expect(consolePage.locator('[data-target-title]')).toContainText('2');

  // Search narrows the list; drag camera 40 onto tile 4 of screen 2 (its schematic).
  await consolePage.locator('[data-camera-search]').fill('40');
  const row = consolePage.locator('.camera-row[data-camera-number="40"]');
  await expect(row).toBeVisible();
  await row.dragTo(fullCell(consolePage, 3));
  await expect(fullCell(consolePage, 3)).toHaveAttribute('data-camera-number', '40');
  const after = await rpc.call<WallSnapshot>('wall.get');
  expect(after.state.screens.find((s) => s.id === '2')!.tiles[3]).toEqual({ kind: 'camera', cameraId: 'cam-40' });

  // The console drags a camera onto screen 1 (its miniature): the wall page shows it.
  // Five drops on screen 1's first tile, each timed from the drop in the console to the wall
  // page's DOM (not from Playwright's mouse moves before it); the median is held to the bound.
  const latencies: number[] = [];
  for (const number of [34, 35, 36, 37, 33]) {
    await consolePage.locator('[data-camera-search]').fill(String(number));
    const seen = await watchFor(wall, '.wall-grid [data-tile="0"]', 'data-camera-number', String(number));
    await consolePage.evaluate(() => {
      const w = window as unknown as { __droppedAt?: number };
      document.addEventListener('drop', () => (w.__droppedAt = Date.now()), { capture: true, once: true });
    });
    await consolePage.locator(`.camera-row[data-camera-number="${number}"]`).dragTo(miniCell(consolePage, '1', 0));
    const droppedAt = await consolePage.evaluate(() => (window as unknown as { __droppedAt: number }).__droppedAt);
    latencies.push((await seen()) - droppedAt);
  }
  console.log(`console → wall, drop to the wall page's DOM: ${latencies.join(', ')} ms; median ${median(latencies)} ms`);
  expect(median(latencies)).toBeLessThan(SYNC_BOUND_MS);

  // A tile dragged onto another swaps them, across screens: screen 2 tile 4 ↔ screen 1 tile 1.
  await fullCell(consolePage, 3).dragTo(miniCell(consolePage, '1', 1));
  await expect(wallTile(wall, 1)).toHaveAttribute('data-camera-number', '40');
  await expect(fullCell(consolePage, 3)).toHaveAttribute('data-camera-number', '2');
  // …and back, dragging on the wall page itself.
  await wallTile(wall, 1).dragTo(wallTile(wall, 2));
  await expect(wallTile(wall, 2)).toHaveAttribute('data-camera-number', '40');
  await expect(wallTile(wall, 1)).toHaveAttribute('data-camera-number', '3');

  // What a drag from the console in another window delivers to a wall tile.
  const dataTransfer = await wall.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.setData('application/x-atalaya-camera', 'cam-41');
    return dt;
  });
  await wallTile(wall, 3).dispatchEvent('dragover', { dataTransfer });
  await wallTile(wall, 3).dispatchEvent('drop', { dataTransfer });
  await expect(wallTile(wall, 3)).toHaveAttribute('data-camera-number', '41');

  // Double-click maximizes on the wall, and the console shows it.
  await wallTile(wall, 3).dblclick();
  await expect(miniCell(consolePage, '1', 3)).toHaveClass(/schematic__cell--maximized/);
  await wall.keyboard.press('Escape');
  await expect(miniCell(consolePage, '1', 3)).not.toHaveClass(/schematic__cell--maximized/);
  await wall.close();
  await consolePage.close();
});

test('restarting the host restores the same wall', async ({ browser }) => {
  // Something of everything: a saved view, a different layout on screen 3, a maximized tile.
  await rpc.call('wall.dispatch', { action: { type: 'layout.save', name: 'Turno noche', shared: true, source: { kind: 'screen', screenId: '1' } } });
  await rpc.call('wall.dispatch', { action: { type: 'screen.setLayout', screenId: '3', layout: { kind: 'preset', preset: '1+5' } } });
  await rpc.call('wall.dispatch', { action: { type: 'maximize.toggle', screenId: '4', cell: 2 } });
  const before = await rpc.call<WallSnapshot>('wall.get');
  rpc.close();

  await host.stop();
  host = await startHost({ dataDir: host.dataDir });
  rpc = await RpcClient.connect(host.url);
  const after = await rpc.call<WallSnapshot>('wall.get');
  expect(after.state).toEqual(before.state);

  const wall = await openWall(browser, '1');
  await expect(wallTile(wall, 5)).toHaveAttribute('data-camera-number', '12');
  await expect(wallTile(wall, 6)).toHaveAttribute('data-camera-number', '20');
  await expect(wallTile(wall, 0)).toHaveAttribute('data-camera-number', '33');
  const consolePage = await openConsole(browser, '2');
  await expect(fullCell(consolePage, 3)).toHaveAttribute('data-camera-number', '2');
  await expect(consolePage.locator('[data-layout-name="Turno noche"]')).toBeVisible();
  await expect(miniCell(consolePage, '3', 0)).toBeVisible();
  await expect(consolePage.locator('[data-schematic-screen="3"] [data-cell]')).toHaveCount(6);
  await wall.close();
  await consolePage.close();
});

test('a malformed layout import shows the error and keeps the current layout', async ({ browser }) => {
  const consolePage = await openConsole(browser, '2');
  const before = await rpc.call<WallSnapshot>('wall.get');
  const importFile = (name: string, text: string) => consolePage.setInputFiles('[data-layout-import]', { name, mimeType: 'application/json', buffer: Buffer.from(text) });

  // Two cells on one grid position.
  await importFile(
    'overlap.json',
    JSON.stringify({ format: 'atalaya.layout', version: 1, name: 'Roto', layout: { rows: 2, cols: 2, cells: [{ row: 0, col: 0, rowSpan: 2, colSpan: 2 }, { row: 1, col: 1, rowSpan: 1, colSpan: 1 }] } }),
  );
  const error = consolePage.locator('[data-import-error]');
  await expect(error).toContainText('layout file: layout.cells[1]: overlaps cells[0]');
  // Not JSON at all.
  await importFile('notes.json', 'layout: 2x2 please');
  await expect(error).toContainText('not valid JSON');

  const after = await rpc.call<WallSnapshot>('wall.get');
  expect(after.state).toEqual(before.state);
  expect(after.rev).toBe(before.rev);
  await expect(consolePage.locator('[data-schematic="full"] [data-cell]')).toHaveCount(16);

  // A good file is imported and can be put on the screen.
  await importFile('good.json', JSON.stringify({ format: 'atalaya.layout', version: 1, name: 'Uno más cinco', layout: { rows: 3, cols: 3, cells: [{ row: 0, col: 0, rowSpan: 2, colSpan: 2 }, { row: 0, col: 2, rowSpan: 1, colSpan: 1 }, { row: 1, col: 2, rowSpan: 1, colSpan: 1 }, { row: 2, col: 0, rowSpan: 1, colSpan: 1 }, { row: 2, col: 1, rowSpan: 1, colSpan: 1 }, { row: 2, col: 2, rowSpan: 1, colSpan: 1 }] } }));
  await expect(consolePage.locator('[data-status="import"]')).toContainText('good.json');
  const imported = consolePage.locator('[data-layout-name="Uno más cinco"]');
  await imported.getByRole('button', { name: 'Show' }).click();
  await expect(consolePage.locator('[data-schematic="full"] [data-cell]')).toHaveCount(6);
  await consolePage.close();
});

test('shortcuts: ? lists them on the wall, and a key changed in the console is saved and used by the wall', async ({ browser }) => {
  const wall = await openWall(browser, '1');
  const card = wall.locator('[data-shortcut-help]');
  // The keyboard listens once the page has its settings (the shortcut table); the first key may
  // arrive before that on a slow machine, so the key is pressed until the card answers.
  await expect(async () => {
    await wall.keyboard.press('?');
    await expect(card).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await expect(card.locator('[data-command="tile.maximize"]')).toContainText('M');
  await expect(card.locator('[data-command="callUp.commit"]')).toContainText('Enter');
  await wall.keyboard.press('Escape');
  await expect(card).toHaveCount(0);

  const consolePage = await openConsole(browser, '1');
  await consolePage.locator('[data-tab="shortcuts"]').click();
  await consolePage.locator('[data-record="tile.maximize"]').click();
  await consolePage.keyboard.press('F8');
  await expect(consolePage.locator('tr[data-command="tile.maximize"] [data-key]')).toHaveAttribute('data-key', 'F8');
  const settings = await rpc.call<{ shortcuts: Record<string, string> }>('settings.get');
  expect(settings.shortcuts).toEqual({ 'tile.maximize': 'F8' });

  // A key in use is refused with the reason.
  await consolePage.locator('[data-record="tile.clear"]').click();
  await consolePage.keyboard.press('F8');
  await expect(consolePage.locator('[data-shortcut-editor] [role="alert"]')).toContainText('F8');

  await wallTile(wall, 4).click();
  // Maximize names the cell the window sees selected: let the selection come back first.
  await expect(wallTile(wall, 4)).toHaveClass(/tile--selected/);
  await wall.keyboard.press('F8');
  await expect.poll(async () => (await rpc.call<WallSnapshot>('wall.get')).state.screens[0]!.maximized).toBe(4);
  await wall.keyboard.press('m');
  await wall.keyboard.press('F8');
  await expect.poll(async () => (await rpc.call<WallSnapshot>('wall.get')).state.screens[0]!.maximized).toBe(null);

  await rpc.call('settings.set', { shortcuts: {} });
  await wall.close();
  await consolePage.close();
});

test('a wall window shows when the console (in the same app) drives its screen, and the console’s * moves that on', async ({ browser }) => {
  // One browser context, as the windows of one Electron app: they hear each other.
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const wall = await context.newPage();
  await wall.goto(`${host.url}/?screen=2&governor=off`);
  await expect(wall.locator('[data-tile]').first()).toBeVisible();
  const consolePage = await context.newPage();
  await consolePage.goto(`${host.url}/?view=console&screen=2`);
  await expect(consolePage.locator('[data-console]')).toBeVisible();

  await expect(wall.locator('[data-driven-by="console"]')).toContainText('operator console');
  await consolePage.locator('[data-camera-search]').click();
  await consolePage.keyboard.press('Escape'); // hands the keyboard back from the search
  await consolePage.keyboard.press('*');
  await expect(consolePage.locator('[data-target-title]')).toContainText('3');
  await expect(consolePage).toHaveURL(/screen=3/);
  await expect(wall.locator('[data-driven-by]')).toHaveCount(0);
  await context.close();
});
