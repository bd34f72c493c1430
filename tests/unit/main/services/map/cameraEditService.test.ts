import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LoadedSite } from '../../../../../common/contract/contract';
import type { EditHistory } from '../../../../../common/contract/methods/map';
import { SiteSchema, type Site } from '../../../../../common/site/siteSchema';
import { CameraEditService, type SiteAccess } from '../../../../../main/services/map/cameraEditService';
import { SiteService } from '../../../../../main/services/site/siteService';
import { tempDirWith, testSite } from '../../../../support/testSite';

/** A site file written by hand: a comment-like extra field in `map`, 4-space indents. */
function handWritten() {
  const site = testSite(3) as Record<string, unknown> & { cameras: Array<Record<string, unknown>> };
  site.cameras[1]!.tags = ['norte'];
  return site;
}

async function setup() {
  const dir = tempDirWith({ 'demo.json': testSite(2, 'Demo') });
  const path = join(dir, 'site.json');
  writeFileSync(path, JSON.stringify(handWritten(), null, 4));
  const site = new SiteService({ demoSitePath: join(dir, 'demo.json'), dataDir: join(dir, 'data'), simulatorBase: null });
  await site.load(path);
  const changed: LoadedSite[] = [];
  const histories: EditHistory[] = [];
  const service = new CameraEditService({ site, onSiteChanged: (l) => changed.push(l), onHistoryChanged: (h) => histories.push(h), now: () => 1000 });
  const onDisk = () => JSON.parse(readFileSync(path, 'utf8')) as { cameras: Array<Record<string, unknown>> };
  return { dir, path, site, service, changed, histories, onDisk };
}

describe('CameraEditService on a site file', () => {
  it('saves a move to the file (only that camera’s placement), reloads the site and tells main', async () => {
    const { service, site, changed, onDisk } = await setup();
    const out = await service.edit('cam-02', { position: { lat: -34.5991234567, lng: -58.3812345678 } }, 'sup');
    expect(out.camera?.position).toEqual({ lat: -34.5991235, lng: -58.3812346 });
    expect(site.current().site.cameras[1]!.position).toEqual({ lat: -34.5991235, lng: -58.3812346 });
    expect(changed).toHaveLength(1);
    const disk = onDisk();
    expect(disk.cameras[1]!.position).toEqual({ lat: -34.5991235, lng: -58.3812346 });
    // Written as the supervisor wrote it: no defaults filled in, other fields kept.
    expect(disk.cameras[1]!.tags).toEqual(['norte']);
    expect(disk.cameras[0]!.engine).toBeUndefined();
    expect(disk.cameras[0]).toEqual(handWritten().cameras[0]);
    expect(out.history).toMatchObject({ undo: 1, redo: 0, nextUndo: { cameraId: 'cam-02', actor: 'sup' }, readOnly: null });
  });

  it('undoes and redoes, in order, through the file', async () => {
    const { service, onDisk } = await setup();
    await service.edit('cam-01', { heading: 45 }, 'sup');
    await service.edit('cam-01', { fov: 30, range: 55.55 }, 'sup');
    await service.edit('cam-03', { heading: 359.97 }, 'other');
    expect(onDisk().cameras[2]!.heading).toBe(0);
    expect(onDisk().cameras[0]).toMatchObject({ heading: 45, fov: 30, range: 55.6 });

    expect((await service.undo('sup')).camera?.id).toBe('cam-03');
    expect(onDisk().cameras[2]!.heading).toBe(90);
    expect((await service.undo('sup')).camera?.id).toBe('cam-01');
    expect(onDisk().cameras[0]).toMatchObject({ heading: 45, fov: 60, range: 100 });
    const back = await service.redo('sup');
    expect(back.camera).toMatchObject({ id: 'cam-01', fov: 30, range: 55.6 });
    expect(back.history).toMatchObject({ undo: 2, redo: 1, nextRedo: { cameraId: 'cam-03', actor: 'other' } });
    await service.undo('sup');
    await service.undo('sup');
    expect(onDisk().cameras[0]).toMatchObject({ heading: 90, fov: 60, range: 100 });
    const nothing = await service.undo('sup');
    expect(nothing.camera).toBeNull();
    expect(nothing.history.undo).toBe(0);
  });

  it('refuses an edit whose result the site schema rejects, and the file is unchanged', async () => {
    const { service, path } = await setup();
    // A duplicate field made by hand since loading: the whole file must still validate.
    const raw = JSON.parse(readFileSync(path, 'utf8')) as { cameras: Array<Record<string, unknown>> };
    raw.cameras[2]!.number = 1;
    writeFileSync(path, JSON.stringify(raw));
    await expect(service.edit('cam-01', { heading: 10 }, 'sup')).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('duplicate camera number 1') });
    expect(readFileSync(path, 'utf8')).toBe(JSON.stringify(raw));
  });

  it('refuses a camera that does not exist, and a stale base (someone else moved it)', async () => {
    const { service, site } = await setup();
    await expect(service.edit('cam-99', { heading: 10 }, 'sup')).rejects.toMatchObject({ code: 'not_found' });
    const seen = { ...site.current().site.cameras[0]! };
    await service.edit('cam-01', { heading: 10 }, 'first');
    await expect(service.edit('cam-01', { heading: 20 }, 'second', { position: seen.position, heading: seen.heading, fov: seen.fov, range: seen.range })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('forgets its history when the site is reloaded from outside (the file may have changed)', async () => {
    const { service, path, site, histories } = await setup();
    await service.edit('cam-01', { heading: 10 }, 'sup');
    await site.load(path);
    expect(service.historyView().undo).toBe(0);
    expect(histories.at(-1)!.undo).toBe(0);
    expect((await service.undo('sup')).camera).toBeNull();
  });

  it('edits run one at a time, in the order asked', async () => {
    const { service, onDisk } = await setup();
    await Promise.all([service.edit('cam-01', { heading: 1 }, 'a'), service.edit('cam-01', { heading: 2 }, 'b'), service.edit('cam-01', { heading: 3 }, 'c')]);
    expect(onDisk().cameras[0]!.heading).toBe(3);
    expect(service.historyView().undo).toBe(3);
  });

  it('keeps floor-plan cameras on their plan', async () => {
    const dir = tempDirWith({});
    const base = testSite(1);
    const site = { ...base, cameras: [{ ...base.cameras[0]!, floor: 'p1', position: { lat: 10, lng: 20 } }], map: { ...base.map, floors: [{ id: 'p1', name: 'Planta 1', image: 'p1.svg', width: 80, height: 40 }] } };
    const path = join(dir, 'site.json');
    writeFileSync(path, JSON.stringify(site));
    const sites = new SiteService({ demoSitePath: path, dataDir: join(dir, 'data'), simulatorBase: null });
    await sites.load(path);
    const service = new CameraEditService({ site: sites, onSiteChanged: () => undefined });
    await expect(service.edit('cam-01', { position: { lat: 41, lng: 20 } }, 'sup')).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('Planta 1') });
    expect((await service.edit('cam-01', { position: { lat: 39, lng: 79 } }, 'sup')).camera?.position).toEqual({ lat: 39, lng: 79 });
  });
});

describe('CameraEditService on the built-in demo site', () => {
  const demo = (): LoadedSite => ({ site: SiteSchema.parse(testSite(2, 'Demo')), source: 'demo', demo: true, simulatorBase: null, loadedAt: '' });

  it('is read-only (with the reason) when the site service cannot take an edited copy', async () => {
    const loaded = demo();
    const access: SiteAccess = { current: () => loaded, load: () => Promise.reject(new Error('no')) };
    const service = new CameraEditService({ site: access, onSiteChanged: () => undefined });
    expect(service.historyView().readOnly).toMatch(/demo site is read-only/);
    await expect(service.edit('cam-01', { heading: 10 }, 'sup')).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('edits in memory through `replace` when the site service offers it', async () => {
    let loaded = demo();
    const access: SiteAccess = {
      current: () => loaded,
      load: () => Promise.reject(new Error('the demo has no file')),
      replace: (site: Site) => (loaded = { ...loaded, site }),
    };
    const service = new CameraEditService({ site: access, onSiteChanged: () => undefined });
    expect(service.historyView().readOnly).toBeNull();
    await service.edit('cam-02', { range: 42 }, 'demo');
    expect(loaded.site.cameras[1]!.range).toBe(42);
    expect(loaded.demo).toBe(true);
    await service.undo('demo');
    expect(loaded.site.cameras[1]!.range).toBe(100);
  });

  it('skips undo steps that no longer apply and refuses cameras the caller may not edit', async () => {
    let loaded = demo();
    const access: SiteAccess = { current: () => loaded, load: () => Promise.reject(new Error('no')), replace: (site: Site) => (loaded = { ...loaded, site }) };
    const service = new CameraEditService({ site: access, onSiteChanged: () => undefined });
    await service.edit('cam-01', { heading: 10 }, 'sup');
    await service.edit('cam-02', { heading: 20 }, 'sup');
    // cam-02 changed without this service knowing (same site object): its undo step is stale.
    (loaded.site.cameras[1] as { heading: number }).heading = 33;
    const undone = await service.undo('sup');
    expect(undone.camera?.id).toBe('cam-01');
    expect(loaded.site.cameras[0]!.heading).toBe(90);
    expect(loaded.site.cameras[1]!.heading).toBe(33);
    await service.edit('cam-02', { heading: 50 }, 'sup');
    await expect(service.undo('sup', (id) => {
      throw Object.assign(new Error(`not ${id}`), { code: 'forbidden' });
    })).rejects.toMatchObject({ code: 'forbidden' });
    expect(loaded.site.cameras[1]!.heading).toBe(50);
    expect(service.historyView().undo).toBe(1);
  });
});
