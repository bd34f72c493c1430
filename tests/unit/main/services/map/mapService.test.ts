import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../../../common/contract/result';
import type { Session } from '../../../../../common/security/userSchema';
import type { CallContext } from '../../../../../main/services/contract/dispatcher';
import { EventHub } from '../../../../../main/services/contract/eventHub';
import { MapService } from '../../../../../main/services/map/mapService';
import { SiteService } from '../../../../../main/services/site/siteService';
import { tempDirWith, testSite } from '../../../../support/testSite';

const session = (role: 'operator' | 'supervisor', groups: string[]): Session =>
  ({
    id: 's1',
    user: { id: 'u1', username: role, role, groups, disabled: false, mustChangePassword: false },
    demo: false,
    createdAt: 0,
    expiresAt: Number.MAX_SAFE_INTEGER,
    lastActivityAt: 0,
    idleTimeoutMs: 0,
    locked: false,
  }) as unknown as Session;

const services: MapService[] = [];
afterEach(() => services.splice(0).forEach((s) => s.close()));

async function setup() {
  const dir = tempDirWith({});
  const site = testSite(2) as ReturnType<typeof testSite> & { cameras: Array<{ group?: string }> };
  site.cameras[0]!.group = 'centro';
  site.cameras[1]!.group = 'norte';
  const path = join(dir, 'site.json');
  writeFileSync(path, JSON.stringify(site));
  const sites = new SiteService({ demoSitePath: path, dataDir: join(dir, 'data'), simulatorBase: null });
  await sites.load(path);
  const hub = new EventHub();
  const events: Array<[string, unknown]> = [];
  hub.subscribe((event, payload) => events.push([event, payload]));
  const audits: unknown[] = [];
  const map = new MapService({ site: sites, hub, demoSiteDir: dir, onSiteChanged: (loaded) => hub.emit('site.changed', loaded), audit: async (entry) => audits.push(entry) });
  services.push(map);
  return { map, events, audits, sites };
}

const ctx = (s?: Session): CallContext => ({ transport: 'ws', clientId: 'client-1', ...(s ? { session: s } : {}) });

describe('map handlers', () => {
  it('a supervisor edits a camera of their group: saved, pushed, audited', async () => {
    const { map, events, audits } = await setup();
    const out = await map.handlers['map.editCamera']({ cameraId: 'cam-01', change: { heading: 12 } }, ctx(session('supervisor', ['centro'])));
    expect(out.camera?.heading).toBe(12);
    expect(events.map(([e]) => e)).toEqual(['site.changed', 'map.historyChanged']);
    expect(audits).toEqual([expect.objectContaining({ action: 'camera.edited', details: { kind: 'edit', cameraId: 'cam-01', change: { heading: 12 } } })]);
  });

  it('refuses a camera outside the supervisor’s groups, for edits and for undo', async () => {
    const { map, sites } = await setup();
    const limited = session('supervisor', ['centro']);
    await expect(map.handlers['map.editCamera']({ cameraId: 'cam-02', change: { heading: 12 } }, ctx(limited))).rejects.toBeInstanceOf(AppError);
    expect(sites.current().site.cameras[1]!.heading).toBe(90);
    await map.handlers['map.editCamera']({ cameraId: 'cam-02', change: { heading: 12 } }, ctx(session('supervisor', ['*'])));
    await expect(map.handlers['map.undo']({}, ctx(limited))).rejects.toMatchObject({ code: 'forbidden' });
    expect(sites.current().site.cameras[1]!.heading).toBe(12);
  });

  it('streams.report and streams.get: per connection, dropped when it disconnects', async () => {
    const { map } = await setup();
    map.handlers['streams.report']({ cameras: { 'cam-01': 'live' } }, ctx());
    expect(map.handlers['streams.get']({}, ctx())).toMatchObject({ cameras: { 'cam-01': 'live' } });
    map.disconnect('client-1');
    expect(map.handlers['streams.get']({}, ctx())).toMatchObject({ cameras: {} });
  });
});
