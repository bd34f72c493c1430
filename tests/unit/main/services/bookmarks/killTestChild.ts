/**
 * The outbox in its own process, for the kill test: opens the journal in `dir`, delivers to the
 * test webhook and test Nx server, and (mode `work`) keeps creating and editing bookmarks until
 * it is SIGKILLed, printing a line only once each change is on disk; or (mode `drain`) waits for
 * every delivery to finish, prints the final state as JSON and exits.
 * Usage: node --import tsx killTestChild.ts '<json config>'
 */
import { VmsTargetSchema } from '../../../../../common/site/vmsTargets';
import { BookmarkService } from '../../../../../main/services/bookmarks/bookmarkService';
import { BookmarkStore } from '../../../../../main/services/bookmarks/bookmarkStore';

export interface KillTestConfig {
  dir: string;
  mode: 'work' | 'drain';
  webhookUrl: string;
  nxUrl: string;
  secret: string;
  nxPassword: string;
  devices: Record<string, string>;
}

const config = JSON.parse(process.argv[2] ?? '{}') as KillTestConfig;
// Pipes are written synchronously on Linux, so a printed line survives the SIGKILL that follows.
const say = (line: string) => process.stdout.write(`${line}\n`);

const store = await BookmarkStore.open(config.dir, { compactAfterRecords: 60 });
const service = new BookmarkService({
  store,
  targets: [
    VmsTargetSchema.parse({ id: 'hook', type: 'webhook', url: config.webhookUrl, secretRef: 'hook', timeoutMs: 2000 }),
    VmsTargetSchema.parse({ id: 'nx', type: 'nx', url: config.nxUrl, username: 'atalaya', secretRef: 'nx', timeoutMs: 2000 }),
  ],
  cameras: (id) => (config.devices[id] ? { id, vmsDeviceId: config.devices[id] } : undefined),
  secrets: { get: (ref) => Promise.resolve(ref === 'hook' ? config.secret : ref === 'nx' ? config.nxPassword : undefined) },
  // Short waits keep the test quick; the backoff logic is the same.
  outbox: { baseDelayMs: 20, maxDelayMs: 200 },
});
service.start();
say('ready');

const cameraIds = Object.keys(config.devices);
const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)]!;

if (config.mode === 'work') {
  let n = 0;
  for (;;) {
    const recent = service.list({ limit: 20 }).items;
    if (recent.length > 0 && Math.random() < 0.25) {
      const target = pick(recent);
      const edited = await service.update({ id: target.id, note: `edit ${target.revision + 1} of ${target.id}` }, 'kill-test');
      say(`updated ${edited.id} ${edited.revision}`);
    } else {
      const cameras = Math.random() < 0.5 ? [pick(cameraIds)] : cameraIds.slice(0, 2);
      const created = await service.create({ cameraIds: cameras, category: 'incident', note: `created ${(n += 1)}` }, 'kill-test');
      say(`created ${created.id}`);
    }
    await new Promise((resolve) => setTimeout(resolve, Math.random() * 15));
  }
} else {
  for (;;) {
    await service.settled();
    const all = service.list({ limit: 10_000 });
    if (all.items.some((b) => b.delivery === 'failed')) {
      say(`failed ${JSON.stringify(all.items.filter((b) => b.delivery === 'failed').map((b) => b.deliveries))}`);
      process.exit(1);
    }
    if (all.items.every((b) => b.delivery === 'delivered')) {
      say(`final ${JSON.stringify(all.items.map(({ id, revision, note, cameraIds }) => ({ id, revision, note, cameraIds })))}`);
      await service.close();
      process.exit(0);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
