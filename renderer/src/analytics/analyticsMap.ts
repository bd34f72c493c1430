import type { BeforeAfterResult } from '../../../common/analytics/beforeAfter';
import { hexColour } from '../../../common/analytics/report';
import type { AnalyticsCamera } from '../../../common/analytics/coverageModel';
import { hexCorners, type HexCell, type HexLayout } from '../../../common/analytics/hexbin';
import type { Hotspot, Suggestions } from '../../../common/analytics/hotspots';
import { fovPolygon } from '../../../common/geo/fieldOfView';
import type { MapSettings } from '../../../common/site/siteSchema';
import { addBasemap, type Basemap } from '../map/basemaps';
import L from '../map/leaflet';
import type { HeatResult } from './compute';

/**
 * The analytics map (Leaflet, imperative like the main map's MapView): the site's basemap, the
 * heat raster on a canvas stretched over its grid, hexagons, camera views, uncovered hotspots and
 * suggested cameras. React tells it what changed; it never computes anything itself.
 */

export interface AnalyticsMapCallbacks {
  hexClick(cell: HexCell): void;
  cameraClick(camera: AnalyticsCamera): void;
  problem(message: string): void;
}

export interface Labels {
  hex(cell: HexCell): string;
  camera(camera: AnalyticsCamera, incidents: number | undefined): string;
  hotspot(h: Hotspot): string;
  suggestion(index: number, s: Suggestions['cameras'][number]): string;
}

const toLatLngs = (ring: readonly { lat: number; lng: number }[]) => ring.map((p) => L.latLng(p.lat, p.lng));
const polygonLatLngs = (coords: number[][]) => coords.map(([lng, lat]) => L.latLng(lat!, lng!));


export class AnalyticsMap {
  readonly map: L.Map;
  private readonly basemap: Basemap;
  private readonly canvas: HTMLCanvasElement;
  private heatOverlay: L.SVGOverlay | undefined;
  private heatBounds = '';
  private readonly hexLayer = L.layerGroup();
  private readonly cameraLayer = L.layerGroup();
  private readonly hotspotLayer = L.layerGroup();
  private readonly beforeAfterLayer = L.layerGroup();
  private readonly hexRenderer: L.Renderer;
  private readonly overlayRenderer: L.Renderer;
  private visible = { heat: true, hexes: false, cameras: true };
  private readonly resize: ResizeObserver;

  constructor(
    container: HTMLElement,
    settings: MapSettings,
    private readonly callbacks: AnalyticsMapCallbacks,
    private labels: Labels,
  ) {
    this.map = L.map(container, {
      center: [settings.center.lat, settings.center.lng],
      zoom: Math.max(settings.minZoom ?? 3, settings.zoom - 1),
      minZoom: settings.minZoom ?? 3,
      maxZoom: settings.maxZoom ?? 20,
      zoomSnap: 0.5,
      attributionControl: settings.basemap.type !== 'demo',
    });
    // For the end-to-end tests and diagnostics, as the main map does.
    (container as HTMLElement & { atalayaMap?: L.Map }).atalayaMap = this.map;
    this.basemap = addBasemap(this.map, settings, callbacks.problem);
    this.map.createPane('analyticsHeat').style.zIndex = '380';
    this.map.createPane('analyticsHex').style.zIndex = '390';
    this.map.createPane('analyticsOverlay').style.zIndex = '430';
    this.hexRenderer = L.canvas({ pane: 'analyticsHex', padding: 0.3 });
    this.overlayRenderer = L.svg({ pane: 'analyticsOverlay' });
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'analytics-heat';
    this.canvas.dataset.testid = 'heat-canvas';
    this.beforeAfterLayer.addTo(this.map);
    this.hotspotLayer.addTo(this.map);
    this.resize = new ResizeObserver(() => this.map.invalidateSize());
    this.resize.observe(container);
  }

  destroy(): void {
    this.resize.disconnect();
    this.basemap.destroy();
    this.map.remove();
  }

  setLabels(labels: Labels): void {
    this.labels = labels;
  }

  setVisible(layers: { heat: boolean; hexes: boolean; cameras: boolean }): void {
    this.visible = layers;
    this.toggle(this.heatOverlay, layers.heat);
    this.toggle(this.hexLayer, layers.hexes);
    this.toggle(this.cameraLayer, layers.cameras);
  }

  private toggle(layer: L.Layer | undefined, on: boolean): void {
    if (!layer) return;
    if (on && !this.map.hasLayer(layer)) layer.addTo(this.map);
    if (!on && this.map.hasLayer(layer)) layer.remove();
  }

  fit(extent: [number, number, number, number]): void {
    this.map.fitBounds(
      [
        [extent[1], extent[0]],
        [extent[3], extent[2]],
      ],
      { padding: [10, 10] },
    );
  }

  /** Paints the heat raster: one canvas pixel per grid cell, stretched (and smoothed) over its bounds. */
  setHeat(heat: HeatResult | null): void {
    if (!heat) {
      this.heatOverlay?.remove();
      this.heatOverlay = undefined;
      this.heatBounds = '';
      return;
    }
    if (this.canvas.width !== heat.cols || this.canvas.height !== heat.rows) {
      this.canvas.width = heat.cols;
      this.canvas.height = heat.rows;
    }
    const ctx = this.canvas.getContext('2d');
    if (!ctx) return;
    ctx.putImageData(new ImageData(new Uint8ClampedArray(heat.rgba), heat.cols, heat.rows), 0, 0);
    this.canvas.dataset.max = String(heat.max);
    const [west, south, east, north] = heat.bounds;
    const key = heat.bounds.join(',');
    if (this.heatBounds !== key) {
      this.heatOverlay?.remove();
      // SVGOverlay positions any element over bounds and follows zoom animations; a canvas works
      // as well as an <svg> (Leaflet has no canvas overlay of its own).
      this.heatOverlay = L.svgOverlay(this.canvas as unknown as SVGElement, [
        [south, west],
        [north, east],
      ], { pane: 'analyticsHeat', interactive: false });
      this.heatBounds = key;
    }
    this.toggle(this.heatOverlay, this.visible.heat);
  }

  setHexes(hexes: { layout: HexLayout; cells: HexCell[] }): void {
    this.hexLayer.clearLayers();
    const max = Math.max(1, ...hexes.cells.map((c) => c.count));
    for (const cell of hexes.cells) {
      const polygon = L.polygon(toLatLngs(hexCorners(hexes.layout, cell.q, cell.r)), {
        renderer: this.hexRenderer,
        color: '#ffffff',
        weight: 0.6,
        fillColor: hexColour(Math.sqrt(cell.count / max)),
        fillOpacity: 0.72,
      });
      polygon.bindTooltip(() => this.labels.hex(cell), { sticky: true });
      polygon.on('click', () => this.callbacks.hexClick(cell));
      polygon.addTo(this.hexLayer);
    }
    this.toggle(this.hexLayer, this.visible.hexes);
  }

  setCameras(cameras: readonly AnalyticsCamera[], counts: ReadonlyMap<string, number>): void {
    this.cameraLayer.clearLayers();
    for (const camera of cameras) {
      const wedge = L.polygon(polygonLatLngs(fovPolygon(camera).coordinates[0]!), {
        renderer: this.overlayRenderer,
        color: '#1565c0',
        weight: 1,
        opacity: 0.8,
        fillColor: '#1e88e5',
        fillOpacity: 0.14,
        className: 'analytics-wedge',
      });
      const dot = L.circleMarker([camera.position.lat, camera.position.lng], { renderer: this.overlayRenderer, radius: 4, color: '#0d47a1', weight: 1, fillColor: '#ffffff', fillOpacity: 1 });
      const label = () => this.labels.camera(camera, counts.get(camera.id));
      for (const layer of [wedge, dot]) {
        layer.bindTooltip(label, { sticky: true });
        layer.on('click', () => this.callbacks.cameraClick(camera));
        layer.addTo(this.cameraLayer);
      }
    }
    this.toggle(this.cameraLayer, this.visible.cameras);
  }

  setHotspots(hotspots: readonly Hotspot[], suggestions: Suggestions | null): void {
    this.hotspotLayer.clearLayers();
    for (const s of suggestions?.cameras ?? []) {
      const index = suggestions!.cameras.indexOf(s);
      L.polygon(polygonLatLngs(fovPolygon(s).coordinates[0]!), {
        renderer: this.overlayRenderer,
        color: '#1b5e20',
        weight: 2,
        dashArray: '6 4',
        fillColor: '#43a047',
        fillOpacity: 0.25,
        className: 'analytics-suggestion',
      })
        .bindTooltip(this.labels.suggestion(index, s), { sticky: true })
        .addTo(this.hotspotLayer);
      L.marker([s.position.lat, s.position.lng], {
        icon: L.divIcon({ className: 'analytics-pin-icon', html: `<span class="analytics-pin analytics-pin--suggestion">S${index + 1}</span>`, iconSize: [26, 18], iconAnchor: [13, 9] }),
        pane: 'analyticsOverlay',
        interactive: false,
      }).addTo(this.hotspotLayer);
    }
    for (const h of hotspots) {
      L.circle([h.centre.lat, h.centre.lng], { renderer: this.overlayRenderer, radius: h.radiusMetres, color: '#b71c1c', weight: 2, fill: false, className: 'analytics-hotspot' })
        .bindTooltip(this.labels.hotspot(h), { sticky: true })
        .addTo(this.hotspotLayer);
      L.marker([h.centre.lat, h.centre.lng], {
        icon: L.divIcon({ className: 'analytics-pin-icon', html: `<span class="analytics-pin analytics-pin--hotspot">${h.rank}</span>`, iconSize: [20, 20], iconAnchor: [10, 10] }),
        pane: 'analyticsOverlay',
        interactive: false,
      }).addTo(this.hotspotLayer);
    }
  }

  /** The selected camera's view (target) and its surroundings (buffer) for the before/after. */
  setBeforeAfter(camera: AnalyticsCamera | null, result: BeforeAfterResult | null): void {
    this.beforeAfterLayer.clearLayers();
    if (!camera) return;
    if (result) {
      L.circle([camera.position.lat, camera.position.lng], { renderer: this.overlayRenderer, radius: result.bufferMetres, color: '#6a1b9a', weight: 1.5, dashArray: '4 4', fillOpacity: 0.04 }).addTo(this.beforeAfterLayer);
    }
    L.polygon(polygonLatLngs(fovPolygon(camera).coordinates[0]!), { renderer: this.overlayRenderer, color: '#6a1b9a', weight: 2.5, fillColor: '#ab47bc', fillOpacity: 0.35 }).addTo(this.beforeAfterLayer);
  }

  panTo(lat: number, lng: number, zoom?: number): void {
    this.map.setView([lat, lng], zoom ?? Math.max(this.map.getZoom(), 16));
  }
}
