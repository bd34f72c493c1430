import { describe, expect, it } from 'vitest';
import { pickStream } from '../../../../common/live/qualityLadder';
import type { Stream } from '../../../../common/site/siteSchema';

const sub: Stream = { url: 'sim://c/sub', format: 'flv', quality: 'sub', width: 320, height: 180, fps: 15 };
const main: Stream = { url: 'sim://c/main', format: 'flv', quality: 'main', width: 640, height: 360, fps: 25 };

describe('quality ladder', () => {
  it('plays the smallest stream at least as large as the tile', () => {
    expect(pickStream([main, sub], 300, 170)).toBe(sub);
    expect(pickStream([main, sub], 320, 180)).toBe(sub);
    expect(pickStream([main, sub], 321, 180)).toBe(main);
    expect(pickStream([sub, main], 1920, 1080)).toBe(main);
  });

  it('keeps the larger stream until the tile is clearly smaller (no flapping)', () => {
    expect(pickStream([main, sub], 300, 170, main)).toBe(main);
    expect(pickStream([main, sub], 256, 144, main)).toBe(sub);
    // Going up happens at once: a maximized tile must get the main stream.
    expect(pickStream([main, sub], 400, 225, sub)).toBe(main);
  });

  it('works with a single stream', () => {
    expect(pickStream([sub], 1920, 1080)).toBe(sub);
  });
});
