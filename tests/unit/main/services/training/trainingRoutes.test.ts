import { mkdirSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRange, TrainingRoutes } from '../../../../../main/services/training/trainingRoutes';
import { tempDirWith } from '../../../../support/testSite';

describe('byte ranges', () => {
  it('parses single ranges, suffixes and open ends; refuses what cannot be satisfied', () => {
    expect(parseRange(undefined, 100)).toBeNull();
    expect(parseRange('bytes=0-9', 100)).toEqual({ start: 0, end: 9 });
    expect(parseRange('bytes=90-', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ start: 90, end: 99 });
    expect(parseRange('bytes=50-500', 100)).toEqual({ start: 50, end: 99 });
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=9-3', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=-0', 100)).toBe('unsatisfiable');
    // Several ranges or another unit: the whole file is a valid answer.
    expect(parseRange('bytes=0-1,5-6', 100)).toBeNull();
    expect(parseRange('items=0-1', 100)).toBeNull();
  });
});

describe('training routes over HTTP', () => {
  let server: Server;
  let base: string;
  let clipUrl: string;
  const body = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256));
  const runId = '20250301-100000-ab12';

  beforeAll(async () => {
    const dir = tempDirWith();
    writeFileSync(join(dir, 'clip.mp4'), body);
    mkdirSync(join(dir, 'runs', runId), { recursive: true });
    writeFileSync(join(dir, 'runs', runId, 'report.html'), '<!doctype html><p>report</p>');
    writeFileSync(join(dir, 'runs', runId, 'report.pdf'), '%PDF-1.7 test');
    const routes = new TrainingRoutes(join(dir, 'runs'));
    clipUrl = routes.register({ location: join(dir, 'clip.mp4'), format: 'mp4' });
    const listening = await routes.listen(0);
    server = listening.server;
    base = listening.base;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('serves a clip whole, by range (206 with Content-Range), HEAD, and 416 past the end', async () => {
    const whole = await fetch(base + clipUrl);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(whole.headers.get('content-type')).toBe('video/mp4');
    expect(Buffer.from(await whole.arrayBuffer())).toEqual(body);

    const part = await fetch(base + clipUrl, { headers: { Range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 100-199/1000');
    expect(part.headers.get('content-length')).toBe('100');
    expect(Buffer.from(await part.arrayBuffer())).toEqual(body.subarray(100, 200));

    const head = await fetch(base + clipUrl, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('1000');

    const past = await fetch(base + clipUrl, { headers: { Range: 'bytes=5000-' } });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe('bytes */1000');
  });

  it('serves nothing but registered clips and run reports', async () => {
    expect((await fetch(`${base}/training/media/0123456789abcdef01234567`)).status).toBe(404);
    expect((await fetch(`${base}/training/reports/${runId}/log.jsonl`)).status).toBe(404);
    expect((await fetch(`${base}/training/reports/..%2F..%2Fetc/report.html`)).status).toBe(404);
    expect((await fetch(base + clipUrl, { method: 'POST' })).status).toBe(405);
    const html = await fetch(`${base}/training/reports/${runId}/report.html`);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-security-policy')).toContain("default-src 'none'");
    const pdf = await fetch(`${base}/training/reports/${runId}/report.pdf`);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toContain(`atalaya-exercise-${runId}.pdf`);
  });

  it('relays a clip given as a URL, passing the range through', async () => {
    const routes = new TrainingRoutes('/nonexistent');
    const relayed = routes.register({ location: base + clipUrl, format: 'mp4' });
    const { server: relay, base: relayBase } = await routes.listen(0);
    try {
      const part = await fetch(relayBase + relayed, { headers: { Range: 'bytes=10-19' } });
      expect(part.status).toBe(206);
      expect(part.headers.get('content-range')).toBe('bytes 10-19/1000');
      expect(Buffer.from(await part.arrayBuffer())).toEqual(body.subarray(10, 20));
    } finally {
      relay.closeAllConnections();
      await new Promise((resolve) => relay.close(resolve));
    }
  });
});
