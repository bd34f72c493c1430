import type { Position } from 'geojson';
import type { BeforeAfterResult } from '../../../common/analytics/beforeAfter';
import type { AnalyticsCamera, CoverageFigures } from '../../../common/analytics/coverageModel';
import { densityRgba } from '../../../common/analytics/density';
import { type AnalysisSettings, AnalyticsEngine } from '../../../common/analytics/engine';
import { hexOf, type HexCell, type HexLayout } from '../../../common/analytics/hexbin';
import type { Hotspot, Suggestions } from '../../../common/analytics/hotspots';
import { type Histograms, type IncidentFilter, IncidentTable } from '../../../common/analytics/incidentTable';

/**
 * What the analytics window computes, as messages: the Web Worker runs these (so brushing and
 * filtering never freeze the window), and the page runs the same code inline if a worker cannot
 * be started. Pure apart from timing: common/analytics does the work.
 */

export type Request =
  | {
      type: 'load';
      seq: number;
      columns: { lat: Float64Array; lng: Float64Array; time: Float64Array; category: Int32Array; source: Uint8Array; categories: string[] };
      cameras: AnalyticsCamera[];
      timeZone: string;
      streets?: Position[][];
    }
  | { type: 'view'; seq: number; filter: IncidentFilter; settings: AnalysisSettings }
  | { type: 'figures'; seq: number; filter: IncidentFilter; settings: AnalysisSettings }
  | { type: 'beforeAfter'; seq: number; filter: IncidentFilter; weeks: number; cameraId?: string }
  | { type: 'hexIndices'; seq: number; filter: IncidentFilter; sizeMetres: number; q: number; r: number; max: number };

export interface HeatResult {
  rgba: Uint8ClampedArray;
  cols: number;
  rows: number;
  bounds: [west: number, south: number, east: number, north: number];
  max: number;
  inside: number;
  outside: number;
  cellMetres: number;
}

export type Reply =
  | { type: 'load'; seq: number; ms: number; size: number }
  | {
      type: 'view';
      seq: number;
      /** Time spent computing (filter, heat, hexagons, histograms, coverage), ms. */
      ms: number;
      filtered: number;
      heat: HeatResult | null;
      hexes: { layout: HexLayout; cells: HexCell[] };
      histograms: Histograms;
      coverage: CoverageFigures;
      extent: [number, number, number, number] | null;
    }
  | { type: 'figures'; seq: number; ms: number; hotspots: Hotspot[]; suggestions: Suggestions }
  | { type: 'beforeAfter'; seq: number; ms: number; results: BeforeAfterResult[] }
  | { type: 'hexIndices'; seq: number; indices: number[]; total: number }
  | { type: 'error'; seq: number; message: string };

export class Computer {
  private engine: AnalyticsEngine | undefined;

  handle(request: Request): { reply: Reply; transfer: Transferable[] } {
    try {
      return this.run(request);
    } catch (err) {
      return { reply: { type: 'error', seq: request.seq, message: (err as Error).message }, transfer: [] };
    }
  }

  private run(request: Request): { reply: Reply; transfer: Transferable[] } {
    const started = performance.now();
    if (request.type === 'load') {
      const table = new IncidentTable(request.columns, request.timeZone);
      this.engine = new AnalyticsEngine(table, request.cameras, request.streets ? { streets: request.streets } : {});
      // Which camera sees which incident: done now, so the first filter does not wait for it.
      void this.engine.model;
      return { reply: { type: 'load', seq: request.seq, ms: performance.now() - started, size: table.size }, transfer: [] };
    }
    const engine = this.engine;
    if (!engine) throw new Error('no data loaded');
    switch (request.type) {
      case 'view': {
        const indices = engine.filter(request.filter);
        const grid = engine.heat(indices, request.settings.bandwidthMetres);
        const heat: HeatResult | null = grid
          ? {
              rgba: densityRgba(grid),
              cols: grid.spec.cols,
              rows: grid.spec.rows,
              bounds: [grid.spec.west, grid.spec.south, grid.spec.east, grid.spec.north],
              max: grid.max,
              inside: grid.inside,
              outside: grid.outside,
              cellMetres: grid.spec.cellMetres,
            }
          : null;
        const reply: Reply = {
          type: 'view',
          seq: request.seq,
          ms: 0,
          filtered: indices.length,
          heat,
          hexes: engine.hexbins(indices, request.settings.hexSizeMetres),
          histograms: engine.histograms(request.filter),
          coverage: engine.coverage(indices),
          extent: engine.extent ?? null,
        };
        reply.ms = performance.now() - started;
        return { reply, transfer: heat ? [heat.rgba.buffer] : [] };
      }
      case 'figures': {
        const indices = engine.filter(request.filter);
        const hotspots = engine.hotspots(indices, request.settings);
        const suggestions = engine.suggestions(indices, hotspots, request.settings);
        return { reply: { type: 'figures', seq: request.seq, ms: performance.now() - started, hotspots, suggestions }, transfer: [] };
      }
      case 'beforeAfter':
        return { reply: { type: 'beforeAfter', seq: request.seq, ms: performance.now() - started, results: engine.beforeAfter(request.filter, request.weeks, request.cameraId) }, transfer: [] };
      case 'hexIndices': {
        const indices = engine.filter(request.filter);
        const layout = engine.hexbins(new Uint32Array(0), request.sizeMetres, false).layout;
        const out: number[] = [];
        let total = 0;
        for (const i of indices) {
          const [q, r] = hexOf(layout, engine.table.lat[i]!, engine.table.lng[i]!);
          if (q !== request.q || r !== request.r) continue;
          total++;
          if (out.length < request.max) out.push(i);
        }
        return { reply: { type: 'hexIndices', seq: request.seq, indices: out, total }, transfer: [] };
      }
    }
  }
}
