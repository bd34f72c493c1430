import { BrowserWindow, screen, type Display } from 'electron';
import { APP_ORIGIN } from './appProtocol';

/**
 * One wall window per connected display: screen N of the wall on display N. When a display goes
 * away its window is moved to the primary display as an ordinary window (never silently lost);
 * when displays come back, windows return to them.
 */
export class WallWindows {
  private readonly windows = new Map<string, BrowserWindow>();

  constructor(private readonly preloadPath: string) {}

  all(): BrowserWindow[] {
    return [...this.windows.values()].filter((w) => !w.isDestroyed());
  }

  isOwn(contentsId: number): boolean {
    return this.all().some((w) => w.webContents.id === contentsId);
  }

  arrange(): void {
    const displays = screen.getAllDisplays();
    displays.forEach((display, index) => this.place(String(index + 1), display, true));
    const primary = screen.getPrimaryDisplay();
    for (const [screenId, window] of this.windows) {
      if (Number(screenId) > displays.length && !window.isDestroyed()) this.place(screenId, primary, false);
    }
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

  private create(screenId: string): BrowserWindow {
    const window = new BrowserWindow({
      show: false,
      backgroundColor: '#05070a',
      title: `Atalaya — ${screenId}`,
      autoHideMenuBar: true,
      webPreferences: {
        preload: this.preloadPath,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        // A wall window behind another window must keep decoding (see security.ts switches).
        backgroundThrottling: false,
      },
    });
    void window.loadURL(`${APP_ORIGIN}/index.html?screen=${encodeURIComponent(screenId)}`);
    return window;
  }
}
