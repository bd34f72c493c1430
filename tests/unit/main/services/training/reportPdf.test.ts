import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { ExerciseSchema } from '../../../../../common/training/exerciseSchema';
import { buildReportModel } from '../../../../../common/training/report';
import { renderReportPdf, toWinAnsi } from '../../../../../main/services/training/reportPdf';

describe('PDF report', () => {
  it('keeps Spanish and Portuguese, replaces what the standard fonts cannot encode', () => {
    expect(toWinAnsi('Acción, ñandú, coração — “ok” … €')).toBe('Acción, ñandú, coração — “ok” … €');
    expect(toWinAnsi('Δ 東京 −5 s')).toBe('? ?? -5 s');
  });

  it('paginates a long run and writes metadata', async () => {
    const exercise = ExerciseSchema.parse({
      version: 1,
      title: 'Largo ejercicio — Δ',
      durationS: 3600,
      screens: [{ id: '1', rows: 4, cols: 4, tiles: Array.from({ length: 16 }, (_, i) => ({ cameraId: `c${i}`, label: `Cámara ${i} 東`, clip: { src: `c${i}.mp4` } })) }],
      incidents: Array.from({ length: 40 }, (_, i) => ({ id: `I${i}`, cameraIds: [`c${i % 16}`], startS: i * 80, endS: i * 80 + 30, category: 'incident', description: `Descripción número ${i} `.repeat(4) })),
    });
    const bookmarks = Array.from({ length: 120 }, (_, i) => ({ id: `b${i}`, traineeId: i % 2 ? 'ana' : 'bea', cameraIds: [`c${i % 16}`], categoryId: 'incident', note: 'nota', atS: i * 27, createdAt: '2025-01-01T00:00:00.000Z' }));
    const model = buildReportModel({
      runId: '20250101-000000-abcd',
      source: 'x',
      exercise,
      trainees: [
        { id: 'ana', name: 'Ana' },
        { id: 'bea', name: 'Beatriz 😀' },
      ],
      bookmarks,
      startedAt: '2025-01-01T00:00:00.000Z',
      endedAt: null,
      reachedS: 3600,
      injectsFired: [],
      generatedAt: '2025-01-01T02:00:00.000Z',
      language: 'es',
    });
    const bytes = await renderReportPdf(model);
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe('%PDF-');
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBeGreaterThan(3);
    expect(doc.getTitle()).toBe('Informe posterior al ejercicio: Largo ejercicio — ?');
    expect(doc.getCreationDate()?.toISOString()).toBe('2025-01-01T02:00:00.000Z');
  });
});
