import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createCore } from '../services/core';
import { DEFAULT_RENDERER_DIR, DEFAULT_RESOURCES_DIR, REPO_ROOT } from '../services/paths';
import { openNodeSettings } from '../services/settings/settingsStore';
import { simulatorForSite } from '../services/simulatorForSite';
import { createStreamMux } from './streamMux';
import { startWebHost, type HttpMount } from './webHost';

const USAGE = `Usage: npm run serve -- [--port 4173] [--host 127.0.0.1] [--site path.json] [--data-dir DIR]

Serves the Atalaya wall to any browser: open http://HOST:PORT/?screen=1 (screen=2 for the second screen).
With no --site, the built-in demo site is used and its simulated cameras are served on the same port.`;

function fail(message: string): never {
  console.error(`atalaya serve: ${message}\n\n${USAGE}`);
  process.exit(2);
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: {
        port: { type: 'string', default: '4173' },
        host: { type: 'string', default: '127.0.0.1' },
        site: { type: 'string' },
        'data-dir': { type: 'string' },
        // Test hook: lets a test stop a simulated camera or make it send garbage.
        'sim-control': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }).values;
  } catch (err) {
    fail((err as Error).message);
  }
  if (args.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(args.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a number from 0 to 65535, not "${args.port}"`);

  const dataDir = resolve(args['data-dir'] ?? process.env.ATALAYA_DATA_DIR ?? join(homedir(), '.config', 'atalaya', 'web'));
  const { store: settings, problem } = openNodeSettings(dataDir);
  if (problem) console.error(`atalaya serve: ${problem}`);
  const version = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string }).version;

  const core = await createCore({
    dataDir,
    resourcesDir: DEFAULT_RESOURCES_DIR,
    settings,
    sitePathOverride: args.site ?? undefined,
    simulatorBase: null,
    version,
    transport: 'ws',
    log: (message) => console.error(message),
  });
  const simulator = simulatorForSite(core.site.current().site, DEFAULT_RESOURCES_DIR, args['sim-control']);
  const mounts: HttpMount[] = simulator ? [simulator] : [];
  // Every stream reaches browsers through one WebSocket per page (Chromium's 6-per-host cap on
  // HTTP, and its one-at-a-time WebSocket handshakes; see common/live/streamMux.ts).
  let selfOrigin = '';
  const mux = createStreamMux({
    site: () => core.site.current().site,
    canWatch: (token, camera) => core.gate.canWatch(token, camera),
    secrets: (ref) => core.secrets.get(ref),
    simulatorOrigin: () => selfOrigin,
  });
  mounts.push(mux);
  // Training: exercise clips (with byte ranges, for seeking) and after-action reports.
  mounts.push(core.training.routes);
  const host = await startWebHost({ core, rendererDir: DEFAULT_RENDERER_DIR, host: args.host, port, mounts });
  // The simulator is mounted on this host; reach it over loopback when listening on every interface.
  selfOrigin = /^(0\.0\.0\.0|::|\[::\])$/.test(args.host) ? `http://127.0.0.1:${new URL(host.url).port}` : host.url;

  console.log(`Atalaya wall: ${host.url}/?screen=1`);
  console.log(`Site: ${core.site.current().source}${simulator ? ' (simulated cameras served on the same port)' : ''}`);
  if (args.host !== '127.0.0.1' && args.host !== 'localhost') console.log(`Listening on ${args.host}: reachable from other machines.`);

  const stop = async () => {
    // Streams first: their upgraded sockets would keep the HTTP server from closing.
    setTimeout(() => process.exit(1), 5000).unref();
    await simulator?.close();
    mux.close();
    await host.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

void main();
