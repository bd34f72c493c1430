import { chromium, type Browser, type BrowserServer } from '@playwright/test';
import { CHROMIUM_ARGS } from '../support/chromium';

/**
 * Debian's Chromium, headless, software decode and compositing (the e2e flags), plus what a
 * measurement needs: autoplay without a gesture, no background throttling of timers or
 * renderers, and exact JS heap figures.
 */
const ARGS = [
  ...CHROMIUM_ARGS,
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
  '--enable-precise-memory-info',
];

export interface BenchBrowser {
  browser: Browser;
  /** The browser process: the root of the tree whose CPU and memory are measured. */
  pid: number;
  version: string;
  close(): Promise<void>;
}

/** Launched as a server so its process id is known, then connected to. */
export async function launchBrowser(executablePath: string): Promise<BenchBrowser> {
  const server: BrowserServer = await chromium.launchServer({ executablePath, headless: true, args: ARGS });
  const pid = server.process().pid;
  if (pid === undefined) throw new Error('Chromium started without a process id');
  const browser = await chromium.connect(server.wsEndpoint());
  return {
    browser,
    pid,
    version: browser.version(),
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}
