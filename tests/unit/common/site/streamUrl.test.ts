import { describe, expect, it } from 'vitest';
import type { Stream } from '../../../../common/site/siteSchema';
import { playableStreamUrl } from '../../../../common/site/streamUrl';

const stream = (url: string): Stream => ({ url, format: 'flv', quality: 'main', width: 640, height: 360, fps: 25 }) as Stream;
const page = { simulatorBase: null, pageOrigin: 'https://wall.example:8443' };

describe('playable stream URL', () => {
  it('in a browser, sends every kind of stream through the host, by camera and index (never the upstream URL)', () => {
    for (const url of ['http://gw/live/a.flv', 'ws://gw/live/a.flv', 'sim://cam-01/main']) {
      expect(playableStreamUrl('cam-01', 1, stream(url), { ...page, route: 'host', token: 't' })).toBe('wss://wall.example:8443/streams/cam-01/1?token=t');
    }
  });

  it('in Electron, sends every kind of stream through the stream scheme', () => {
    for (const url of ['https://gw/live/a.flv', 'wss://gw/live/a.flv', 'sim://cam-01/sub']) {
      expect(playableStreamUrl('cam-01', 0, stream(url), { ...page, route: 'scheme' })).toBe('atalaya-stream://camera/cam-01/0');
    }
  });

  it('directly, plays the URL as it is, and a simulator stream from the simulator', () => {
    expect(playableStreamUrl('cam-01', 0, stream('http://gw/live/a.flv'), { ...page, route: 'direct' })).toBe('http://gw/live/a.flv');
    expect(playableStreamUrl('cam-01', 0, stream('sim://cam-01/sub'), { simulatorBase: 'http://127.0.0.1:9000', pageOrigin: 'http://x', route: 'direct' })).toBe('ws://127.0.0.1:9000/live/cam-01/sub.flv');
  });
});
