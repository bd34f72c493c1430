import { join } from 'node:path';
import type { Site } from '../../common/site/siteSchema';
import { createSimulator } from './simulator/simulator';

/** Camera ids that the site streams from the built-in simulator (`sim://<id>/…`). */
export function simulatedCameraIds(site: Site): string[] {
  const ids = new Set<string>();
  for (const camera of site.cameras) {
    for (const stream of camera.streams) if (stream.url.startsWith('sim://')) ids.add(new URL(stream.url).host);
  }
  return [...ids];
}

/** The simulator for a site's `sim://` cameras, or undefined when the site has none. */
export function simulatorForSite(site: Site, resourcesDir: string, control = false) {
  const ids = simulatedCameraIds(site);
  if (ids.length === 0) return undefined;
  return createSimulator({ cameras: ids.map((id) => ({ id })), clipsDir: join(resourcesDir, 'demo', 'clips'), control });
}
