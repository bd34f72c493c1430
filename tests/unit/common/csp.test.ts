import { describe, expect, it } from 'vitest';
import { buildCsp, originOf } from '../../../common/csp';

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));
}

describe('content security policy', () => {
  it('allows scripts only from the app and network access only to the named origins', () => {
    const csp = directives(buildCsp({ self: ['ws://127.0.0.1:4173'], streams: ['http://10.0.0.5:1984', ''], images: ['https://tiles.local'], media: ['http://127.0.0.1:9000'] }));
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('connect-src')).toEqual(["'self'", 'ws://127.0.0.1:4173', 'http://10.0.0.5:1984', 'http://127.0.0.1:9000']);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:', 'blob:', 'https://tiles.local']);
    expect(csp.get('media-src')).toEqual(["'self'", 'blob:', 'http://127.0.0.1:9000']);
    expect(csp.get('frame-src')).toEqual(["'self'", 'http://127.0.0.1:9000']);
    expect([...csp.values()].flat()).not.toContain("'unsafe-inline'");
    expect([...csp.values()].flat()).not.toContain("'unsafe-eval'");
  });

  it('takes origins from URLs and ignores what is not a network URL', () => {
    expect(originOf('http://user@cam.local:8080/live/a.flv?x=1')).toBe('http://cam.local:8080');
    expect(originOf('wss://gw.example/live')).toBe('wss://gw.example');
    expect(originOf('sim://cam-01/main')).toBe('');
    expect(originOf('not a url')).toBe('');
  });
});
