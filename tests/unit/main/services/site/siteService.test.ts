import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SiteService } from '../../../../../main/services/site/siteService';
import { tempDirWith, testSite } from '../../../../support/testSite';

function service(dir: string) {
  // The demo path points at a small valid site so these tests do not depend on resources/.
  return new SiteService({ demoSitePath: join(dir, 'demo.json'), dataDir: join(dir, 'data'), simulatorBase: null });
}

const setup = () => tempDirWith({ 'demo.json': testSite(2, 'Demo'), 'good.json': testSite(3, 'Good') });

async function loadError(svc: SiteService, path: string): Promise<string> {
  try {
    await svc.load(path);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected the load to fail');
}

describe('site files', () => {
  it('loads a valid site and applies defaults', async () => {
    const dir = setup();
    const loaded = await service(dir).load(join(dir, 'good.json'));
    expect(loaded.site.name).toBe('Good');
    expect(loaded.site.cameras[0]!.engine).toBe('mpegts');
    expect(loaded.site.vms).toEqual([]);
    expect(loaded.demo).toBe(false);
  });

  const bad: Array<[string, (site: ReturnType<typeof testSite>) => unknown, RegExp]> = [
    ['unknown field', (s) => ({ ...s, colour: 'red' }), /\(root\): Unrecognized key: "colour"/],
    ['duplicate id', (s) => ({ ...s, cameras: [s.cameras[0], { ...s.cameras[1], id: s.cameras[0]!.id }] }), /cameras\[1\]\.id: duplicate camera id "cam-01" \(also cameras\[0\]\)/],
    ['duplicate number', (s) => ({ ...s, cameras: [s.cameras[0], { ...s.cameras[1], number: 1 }] }), /cameras\[1\]\.number: duplicate camera number 1/],
    ['bad URL', (s) => ({ ...s, cameras: [{ ...s.cameras[0], streams: [{ ...s.cameras[0]!.streams[0], url: 'ftp://x/y' }] }] }), /cameras\[0\]\.streams\[0\]\.url: must be an absolute URL/],
    ['latitude out of range', (s) => ({ ...s, cameras: [{ ...s.cameras[0], position: { lat: 91, lng: 0 } }] }), /cameras\[0\]\.position\.lat:/],
    ['missing field', (s) => ({ ...s, cameras: [{ ...s.cameras[0], name: undefined }] }), /cameras\[0\]\.name:/],
  ];
  for (const [name, mutate, pattern] of bad) {
    it(`reports ${name} with the file and JSON path, and keeps the last good site`, async () => {
      const dir = setup();
      const svc = service(dir);
      await svc.load(join(dir, 'good.json'));
      const badPath = join(dir, 'bad.json');
      writeFileSync(badPath, JSON.stringify(mutate(testSite(3))));
      const message = await loadError(svc, badPath);
      expect(message).toContain(badPath);
      expect(message).toMatch(pattern);
      expect(svc.current().site.name).toBe('Good');
    });
  }

  it('reports a file that is not JSON', async () => {
    const dir = setup();
    const svc = service(dir);
    await svc.load(null);
    writeFileSync(join(dir, 'bad.json'), '{"name": "x",');
    expect(await loadError(svc, join(dir, 'bad.json'))).toMatch(/bad\.json: \(root\): not valid JSON/);
    expect(svc.current().demo).toBe(true);
  });

  it('at start, falls back to the last good copy of a site that became invalid', async () => {
    const dir = setup();
    const path = join(dir, 'good.json');
    await service(dir).load(path);
    writeFileSync(path, 'garbage');
    const started = await service(dir).start(path);
    expect(started.problem).toMatch(/good\.json.*not valid JSON[\s\S]*last good copy/);
    expect(started.loaded.site.name).toBe('Good');
  });

  it('at start, shows the demo when a broken site has no good copy', async () => {
    const dir = setup();
    writeFileSync(join(dir, 'never.json'), '[]');
    const started = await service(dir).start(join(dir, 'never.json'));
    expect(started.problem).toMatch(/never\.json[\s\S]*demo site/);
    expect(started.loaded.demo).toBe(true);
  });
});
