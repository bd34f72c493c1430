import { BrowserWindow, screen, type Display } from 'electron';
import { APP_ORIGIN } from './appProtocol';

/**
 * One wall window per connected display: screen N of the wall on display N. When a display goes
 * away its window is moved to the primary display as an ordinary window (never silently lost);
 * when displays come back, windows return to them.
 */
export class WallWindows {
  private readonly windows = new Map<string, BrowserWindow>();
  private console: BrowserWindow | undefined;
  private readonly extra = new Set<BrowserWindow>();

  /**
   * `bindDisplay` records in the wall state which display shows which screen (creating screens
   * when there are more monitors than screens), so the wall model knows the room's layout.
   */
  constructor(
    private readonly preloadPath: string,
    private readonly bindDisplay: (screenId: string, display: { id: number; bounds: { x: number; y: number; width: number; height: number } }) => void = () => undefined,
  ) {}

  all(): BrowserWindow[] {
    return [...this.windows.values(), ...(this.console ? [this.console] : []), ...this.extra].filter((w) => !w.isDestroyed());
  }

  isOwn(contentsId: number): boolean {
    return this.all().some((w) => w.webContents.id === contentsId);
  }

  arrange(): void {
    // Left to right, then top to bottom: screen 1 is the leftmost monitor, as operators number them.
    const displays = [...screen.getAllDisplays()].sort((a, b) => a.bounds.x - b.bounds.x || a.bounds.y - b.bounds.y);
    displays.forEach((display, index) => {
      this.bindDisplay(String(index + 1), display);
      this.place(String(index + 1), display, true);
    });
    this.placeConsole(screen.getPrimaryDisplay());
    const primary = screen.getPrimaryDisplay();
    for (const [screenId, window] of this.windows) {
      if (Number(screenId) > displays.length && !window.isDestroyed()) this.place(screenId, primary, false);
    }
  }

  /**
   * The operator console (camera list, map, incidents): an ordinary window the operator places;
   * created once, on the primary display, targeting screen 1.
   */
  private placeConsole(display: Display): void {
    if (this.console && !this.console.isDestroyed()) return;
    const { x, y, width, height } = display.workArea;
    this.console = this.create('1', 'console');
    this.console.setBounds({ x: x + 60, y: y + 60, width: Math.min(1400, width - 120), height: Math.min(900, height - 120) });
    this.console.show();
  }

  /** Another kind of window (map, trainer console, analytics…) asked for from the console. */
  openView(view: 'console' | 'map' | 'trainer' | 'analytics' | 'wall', screenId: string): void {
    const window = this.create(screenId, view === 'wall' ? undefined : view);
    this.extra.add(window);
    window.on('closed', () => this.extra.delete(window));
    const { x, y, width, height } = screen.getPrimaryDisplay().workArea;
    window.setBounds({ x: x + 80, y: y + 80, width: Math.min(1400, width - 160), height: Math.min(900, height - 160) });
    window.show();
  }

  private place(screenId: string, display: Display, ownsDisplay: boolean): void {
    let window = this.windows.get(screenId);
    if (!window || window.isDestroyed()) {
      window = this.create(screenId);
      this.windows.set(screenId, window);
    }
    const { x, y, width, height } = display.workArea;
    window.setBounds(ownsDisplay ? { x, y, width, height } : { x: x + 40, y: y + 40, width: Math.round(width / 2), height: Math.round(height / 2) });
    window.show();
  }

  private create(screenId: string, view?: string): BrowserWindow {
    const window = new BrowserWindow({
      show: false,
      backgroundColor: '#05070a',
      title: view ? 'Atalaya' : `Atalaya — ${screenId}`,
      autoHideMenuBar: true,
      webPreferences: {
        preload: this.preloadPath,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        // Middle-click must not open links in new windows (navigation is denied anyway).
        disableBlinkFeatures: 'Auxclick',
        // A wall window behind another window must keep decoding (see security.ts switches).
        backgroundThrottling: false,
      },
    });
    void window.loadURL(`${APP_ORIGIN}/index.html?screen=${encodeURIComponent(screenId)}${view ? `&view=${view}` : ''}`);
    return window;
  }
}
