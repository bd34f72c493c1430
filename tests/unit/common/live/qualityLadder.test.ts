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

  it('keeps a slightly small stream until the tile is clearly larger (no flapping)', () => {
    expect(pickStream([main, sub], 350, 197, sub)).toBe(sub);
    expect(pickStream([main, sub], 400, 225, sub)).toBe(sub);
    expect(pickStream([main, sub], 401, 226, sub)).toBe(main);
    // Maximized: straight to the main stream.
    expect(pickStream([main, sub], 1280, 720, sub)).toBe(main);
  });

  it('goes down as soon as the smaller stream fits, and keeps the larger one in between', () => {
    expect(pickStream([main, sub], 330, 186, main)).toBe(main);
    // Restored from maximized to a 320×180 cell: back to the substream at once.
    expect(pickStream([main, sub], 318, 178, main)).toBe(sub);
  });

  it('works with a single stream', () => {
    expect(pickStream([sub], 1920, 1080)).toBe(sub);
    expect(pickStream([sub], 1920, 1080, sub)).toBe(sub);
  });
});
