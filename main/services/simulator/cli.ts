// Runs the camera simulator alone:
//   npx tsx main/services/simulator/cli.ts --port 8090 --cameras 64 [--host 127.0.0.1] [--control]
// (npm run simulator -- --port 8090 --cameras 64)
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createSimulator, demoCameraIds } from './simulator';

const CLIPS_DIR = fileURLToPath(new URL('../../../resources/demo/clips/', import.meta.url));
const USAGE = 'usage: simulator --port <0-65535> --cameras <1-999> [--host 127.0.0.1] [--control]';

function fail(message: string): never {
  console.error(`simulator: ${message}\n${USAGE}`);
  process.exit(2);
}

function wholeNumber(name: string, raw: string | undefined, min: number, max: number): number {
  if (raw === undefined) fail(`--${name} is required`);
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) fail(`--${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  return n;
}

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string' },
        cameras: { type: 'string' },
        host: { type: 'string', default: '127.0.0.1' },
        control: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    fail((err as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = wholeNumber('port', values.port, 0, 65535);
  const count = wholeNumber('cameras', values.cameras, 1, 999);

  const simulator = createSimulator({
    cameras: demoCameraIds(count).map((id) => ({ id })),
    clipsDir: CLIPS_DIR,
    control: values.control,
  });
  let base: string;
  try {
    base = await simulator.listen(port, values.host);
  } catch (err) {
    fail(`cannot listen on ${values.host}:${port}: ${(err as Error).message}`);
  }
  console.log(`Simulator: ${base}/live/<cameraId>/<main|sub>.flv (${count} cameras, cam-01 … ${demoCameraIds(count).at(-1)})`);
  if (values.control) console.log(`Faults: POST ${base}/sim/cameras/<cameraId>/fault {"mode":"down"|"garbage"|null}`);

  const stop = (): void => {
    void simulator.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
