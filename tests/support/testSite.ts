import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SiteInput } from '../../common/site/siteSchema';

/** A small valid site: `count` cameras cam-01… on the built-in simulator. */
export function testSite(count = 4, name = 'Test site'): SiteInput {
  return {
    name,
    cameras: Array.from({ length: count }, (_, i) => {
      const id = `cam-${String(i + 1).padStart(2, '0')}`;
      return {
        id,
        number: i + 1,
        name: `Camera ${i + 1}`,
        streams: [
          { url: `sim://${id}/main`, format: 'flv', quality: 'main', width: 640, height: 360, fps: 25 },
          { url: `sim://${id}/sub`, format: 'flv', quality: 'sub', width: 320, height: 180, fps: 15 },
        ],
        position: { lat: -34.6 + i * 0.001, lng: -58.38 },
        heading: 90,
        fov: 60,
        range: 100,
        vmsDeviceId: `dev-${i + 1}`,
      };
    }),
    map: { center: { lat: -34.6, lng: -58.38 }, zoom: 16, basemap: { type: 'demo' } },
  };
}

/** A fresh temp dir, with `files` (name → content; objects are written as JSON) inside. */
export function tempDirWith(files: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'atalaya-test-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return dir;
}
