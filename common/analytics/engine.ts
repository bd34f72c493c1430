import type { Position } from 'geojson';
import { z } from 'zod';
import type { Bounds } from '../geo/fieldOfView';
import { beforeAfter, type BeforeAfterResult } from './beforeAfter';
import { type AnalyticsCamera, type CoverageFigures, CoverageModel } from './coverageModel';
import { analysisExtent, DEFAULT_BANDWIDTH_M, type DensityGrid, gridFor, type GridSpec, kernelDensity } from './density';
import { DEFAULT_HEX_SIZE_M, type HexCell, hexbin, hexLayout, type HexLayout } from './hexbin';
import { type Hotspot, type Suggestions, suggestCameras, uncoveredHotspots } from './hotspots';
import { applyFilter, histograms, type Histograms, type IncidentFilter, type IncidentTable, timeEdges } from './incidentTable';

/**
 * Everything the analytics window and the report compute, over one dataset and one camera set.
 * Pure and synchronous: the renderer runs it in a Web Worker, main runs it for reports and the
 * `analytics.figures` method, the bench runs it in Node. Expensive per-dataset work (the grid,
 * which camera sees which incident) is done once and reused for every filter.
 */

export const AnalysisSettingsSchema = z
  .object({
    /** Kernel bandwidth (search radius) for the heat layer and the hotspots, metres. */
    bandwidthMetres: z.number().min(20).max(2000).default(DEFAULT_BANDWIDTH_M),
    /** Hexagon circumradius, metres. */
    hexSizeMetres: z.number().min(10).max(2000).default(DEFAULT_HEX_SIZE_M),
    hotspots: z.number().int().min(1).max(25).default(10),
    /** New cameras to suggest. */
    suggestions: z.number().int().min(0).max(20).default(5),
    /** Before/after window, weeks each side. */
    weeks: z.number().int().min(1).max(104).default(8),
  })
  .strict();
export type AnalysisSettings = z.output<typeof AnalysisSettingsSchema>;
export const DEFAULT_SETTINGS: AnalysisSettings = AnalysisSettingsSchema.parse({});

export interface EngineOptions {
  /** Street centre lines for candidate camera positions, when the basemap has them. */
  streets?: readonly (readonly Position[])[];
}

export interface Summary {
  filtered: number;
  coverage: CoverageFigures;
  hotspots: Hotspot[];
  suggestions: Suggestions;
  beforeAfter: BeforeAfterResult[];
}

export class AnalyticsEngine {
  readonly extent: Bounds | undefined;
  private modelCache: CoverageModel | undefined;
  private readonly specs = new Map<number, GridSpec>();
  private edges: number[] | undefined;
  readonly hexOrigin;

  constructor(
    readonly table: IncidentTable,
    readonly cameras: readonly AnalyticsCamera[],
    private readonly opts: EngineOptions = {},
  ) {
    // Padded by the largest bandwidth a user can pick would be wasteful; 300 m lets the default
    // kernel fade out inside the grid without making it much larger.
    this.extent = analysisExtent(
      table,
      cameras.map((c) => c.position),
      300,
    );
    this.hexOrigin = this.extent ? { lat: (this.extent[1] + this.extent[3]) / 2, lng: (this.extent[0] + this.extent[2]) / 2 } : { lat: 0, lng: 0 };
  }

  get timeZone(): string {
    return this.table.calendar.timeZone;
  }

  /** Which camera sees which incident: built on first use (the one slow step, ~O(incidents)). */
  get model(): CoverageModel {
    this.modelCache ??= new CoverageModel(this.table, this.cameras);
    return this.modelCache;
  }

  gridSpec(bandwidthMetres: number): GridSpec | undefined {
    if (!this.extent) return undefined;
    let spec = this.specs.get(bandwidthMetres);
    if (!spec) {
      spec = gridFor(this.extent, bandwidthMetres);
      this.specs.set(bandwidthMetres, spec);
    }
    return spec;
  }

  filter(filter: IncidentFilter, opts: { ignoreTime?: boolean } = {}): Uint32Array {
    return applyFilter(this.table, filter, opts);
  }

  heat(indices: ArrayLike<number>, bandwidthMetres: number): DensityGrid | undefined {
    const spec = this.gridSpec(bandwidthMetres);
    return spec ? kernelDensity(this.table, indices, spec, bandwidthMetres) : undefined;
  }

  hexbins(indices: ArrayLike<number>, sizeMetres: number, withCoverage = true): { layout: HexLayout; cells: HexCell[] } {
    const layout = hexLayout(this.hexOrigin, sizeMetres);
    return { layout, cells: hexbin(this.table, indices, layout, withCoverage ? this.model.covered : undefined) };
  }

  histograms(filter: IncidentFilter): Histograms {
    this.edges ??= timeEdges(this.table);
    return histograms(this.table, filter, this.edges);
  }

  coverage(indices: ArrayLike<number>): CoverageFigures {
    return this.model.figures(indices);
  }

  hotspots(indices: ArrayLike<number>, settings: AnalysisSettings): Hotspot[] {
    const spec = this.gridSpec(settings.bandwidthMetres);
    if (!spec) return [];
    return uncoveredHotspots(this.table, indices, this.model, spec, { bandwidthMetres: settings.bandwidthMetres, max: settings.hotspots });
  }

  suggestions(indices: ArrayLike<number>, hotspots: readonly Hotspot[], settings: AnalysisSettings): Suggestions {
    return suggestCameras(this.table, indices, this.model, hotspots, { count: settings.suggestions, ...(this.opts.streets ? { streets: this.opts.streets } : {}) });
  }

  /** Cameras with an installation date, oldest first. */
  installedCameras(): AnalyticsCamera[] {
    return this.cameras.filter((c) => c.installedAt).sort((a, b) => (a.installedAt! < b.installedAt! ? -1 : a.installedAt! > b.installedAt! ? 1 : a.number - b.number));
  }

  /** Before/after for one camera (or every camera with an installation date), the date range ignored. */
  beforeAfter(filter: IncidentFilter, weeks: number, cameraId?: string): BeforeAfterResult[] {
    const indices = this.filter(filter, { ignoreTime: true });
    const cameras = this.installedCameras().filter((c) => cameraId === undefined || c.id === cameraId);
    return cameras.map((camera) => beforeAfter(this.table, this.model, camera, indices, { weeks, timeZone: this.timeZone }));
  }

  summary(filter: IncidentFilter, settings: AnalysisSettings): Summary {
    const indices = this.filter(filter);
    const hotspots = this.hotspots(indices, settings);
    return {
      filtered: indices.length,
      coverage: this.coverage(indices),
      hotspots,
      suggestions: this.suggestions(indices, hotspots, settings),
      beforeAfter: this.beforeAfter(filter, settings.weeks),
    };
  }
}
