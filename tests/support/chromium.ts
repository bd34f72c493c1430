/**
 * How the tests and benchmarks start Debian's Chromium (never `npx playwright install`): the
 * binary, and the flags that keep it headless-safe and quiet on a machine with no network but
 * loopback (without the background-networking flags it tries to reach Google at every start).
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--autoplay-policy=no-user-gesture-required',
];
