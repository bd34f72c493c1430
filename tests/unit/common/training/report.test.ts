import { describe, expect, it } from 'vitest';
import type { ExerciseBookmark } from '../../../../common/training/exerciseRun';
import { ExerciseSchema, type ExerciseInput } from '../../../../common/training/exerciseSchema';
import { buildReportModel, chartSvg, layoutTimelineChart, renderReportHtml, type ReportInput } from '../../../../common/training/report';
import { REPORT_TEXT } from '../../../../common/training/reportText';

const exercise = ExerciseSchema.parse({
  version: 1,
  title: 'Drill <1>',
  durationS: 120,
  screens: [{ id: '1', rows: 1, cols: 3, tiles: ['c1', 'c2', 'c3'].map((cameraId) => ({ cameraId, label: `Cam ${cameraId}`, clip: { src: `${cameraId}.mp4` } })) }],
  incidents: [
    { id: 'I1', cameraIds: ['c1'], startS: 10, endS: 20, category: 'incident', description: 'fight' },
    { id: 'I2', cameraIds: ['c2'], startS: 40, endS: 50, category: 'fire', description: 'fire' },
    { id: 'I3', cameraIds: ['c3'], startS: 70, endS: 80, category: 'medical', description: 'fall' },
  ],
  injects: [{ id: 'J1', atS: 30, text: 'call', location: { lat: 1, lng: 2, label: 'here' } }],
} satisfies ExerciseInput);

const bookmark = (id: string, traineeId: string, cameraId: string, categoryId: string, atS: number): ExerciseBookmark => ({ id, traineeId, cameraIds: [cameraId], categoryId, note: '', atS, createdAt: '2025-01-01T00:00:00.000Z' });

function input(patch: Partial<ReportInput> = {}): ReportInput {
  return {
    runId: '20250101-000000-abcd',
    source: '/x/drill.json',
    exercise,
    trainees: [
      { id: 'ana', name: 'Ana' },
      { id: 'bea', name: 'Bea' },
    ],
    bookmarks: [bookmark('b1', 'ana', 'c1', 'incident', 13), bookmark('b2', 'ana', 'c3', 'fire', 45), bookmark('b3', 'bea', 'c2', 'fire', 42.5)],
    startedAt: '2025-01-01T00:00:00.000Z',
    endedAt: '2025-01-01T00:02:00.000Z',
    reachedS: 120,
    injectsFired: [],
    generatedAt: '2025-01-01T00:03:00.000Z',
    language: 'en',
    ...patch,
  };
}

describe('after-action report', () => {
  it('the HTML carries the score table per trainee and the team, per-incident detail and each bookmark’s result', () => {
    const html = renderReportHtml(buildReportModel(input()));
    expect(html).toContain('Drill &lt;1&gt;'); // escaped
    expect(html).toMatch(/<tr data-trainee="Ana"><td>Ana<\/td><td class="n" data-col="hits">1<\/td><td class="n" data-col="wrongCategory">0<\/td><td class="n" data-col="missed">2<\/td><td class="n" data-col="falseAlarms">1<\/td>/);
    expect(html).toMatch(/<tr class="team" data-trainee="Team \(all bookmarks\)"><td>[^<]+<\/td><td class="n" data-col="hits">2<\/td>/);
    expect(html).toContain('Ana: hit (+3.0 s)');
    expect(html).toContain('Bea: hit (+2.5 s)');
    expect(html).toContain('false alarm · right time, wrong camera');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script/i);
  });

  it('the chart has a row per camera, a bar per incident and a marker per bookmark, inside its box', () => {
    const layout = layoutTimelineChart(buildReportModel(input()), 960);
    const texts = layout.primitives.filter((p) => p.kind === 'text').map((p) => (p.kind === 'text' ? p.text : ''));
    expect(texts).toEqual(expect.arrayContaining(['Cam c1', 'Cam c2', 'Cam c3', '0:00', '2:00']));
    expect(layout.primitives.filter((p) => p.kind === 'rect' && p.opacity === 0.75)).toHaveLength(3 + 1); // incidents + legend swatch
    expect(layout.primitives.filter((p) => p.kind === 'marker')).toHaveLength(3 + 4); // bookmarks + legend
    for (const p of layout.primitives) {
      if (p.kind === 'rect') expect(p.x + p.w).toBeLessThanOrEqual(960.01);
      if (p.kind === 'marker') expect(p.x).toBeLessThanOrEqual(960);
    }
    expect(chartSvg(layout)).toMatch(/^<svg[^>]*viewBox="0 0 960 /);
  });

  it('is written in the trainer’s language; every language has every phrase', () => {
    expect(renderReportHtml(buildReportModel(input({ language: 'es' })))).toContain('Falsas alarmas');
    expect(renderReportHtml(buildReportModel(input({ language: 'pt' })))).toContain('Falsos alarmes');
    const keys = Object.keys(REPORT_TEXT.en).sort();
    expect(Object.keys(REPORT_TEXT.es).sort()).toEqual(keys);
    expect(Object.keys(REPORT_TEXT.pt).sort()).toEqual(keys);
  });

  it('copes with no trainees, no bookmarks, no incidents', () => {
    const html = renderReportHtml(buildReportModel(input({ trainees: [], bookmarks: [], exercise: { ...exercise, incidents: [], injects: [] } })));
    expect(html).toContain('No trainees were named.');
    expect(html).toContain('No bookmarks were made.');
    expect(html).toContain('This exercise has no expected incidents.');
  });
});
