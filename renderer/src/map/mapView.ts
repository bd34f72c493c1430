import type { FieldOfView } from '../../../common/geo/fieldOfView';
import { placementOf, type CameraPlacement, type PlacementChange } from '../../../common/map/cameraPlacement';
import type { MapLiveState } from '../../../common/map/liveStatus';
import { GEO_METRIC, PLAN_METRIC, dragEdge, dragTip, wedgeHandles, type MapMetric } from '../../../common/map/mapMetric';
import type { Camera, LatLng, MapSettings } from '../../../common/site/siteSchema';
import { addBasemap, floorImageUrl, type Basemap } from './basemaps';
import L from './leaflet';
import 'leaflet.markercluster';
import 'leaflet.markercluster/dist/MarkerCluster.css';

/**
 * The Leaflet side of the map: basemap, camera markers (numbered, coloured by live state, clustered
 * when zoomed out), field-of-view wedges, the selection, the "who sees this point" highlight and
 * the supervisor's editing handles. Imperative on purpose: Leaflet owns its DOM, and React (in
 * MapPanel) only tells this class what changed.
 */

export type Surface = { kind: 'street' } | { kind: 'floor'; floor: MapSettings['floors'][number] };

export interface MapViewCallbacks {
  cameraClick(camera: Camera, modifiers: { shift: boolean }): void;
  mapClick(point: LatLng): void;
  /** `at` is the marker's position in the map container's pixels; null when the pointer left. */
  cameraHover(camera: Camera | null, at: { x: number; y: number } | null): void;
  /** A drag ended: save this change (`base` is the placement the drag started from). */
  editCamera(camera: Camera, change: PlacementChange, base: CameraPlacement): void;
  /** In editing mode a marker click picks the camera whose handles are shown. */
  editTarget(camera: Camera | null): void;
  problem(message: string): void;
}

interface Entry {
  camera: Camera;
  marker: L.Marker;
  element: HTMLElement;
  number: HTMLElement;
  wedge: L.Polygon;
}

/** Street maps cluster markers below this zoom and show wedges from it (the demo opens at 16). */
export const STREET_DETAIL_ZOOM = 16;

const toLatLng = (p: LatLng) => L.latLng(p.lat, p.lng);
const fromLatLng = (p: L.LatLng): LatLng => ({ lat: p.lat, lng: p.lng });

/** A bookmark (incident) drawn on the street map. */
export interface BookmarkMarker {
  id: string;
  location: LatLng;
  colour: string;
  category: string;
  text: string;
}

export interface MapViewOptions {
  container: HTMLElement;
  settings: MapSettings;
  surface: Surface;
  cameras: readonly Camera[];
  callbacks: MapViewCallbacks;
  /** Start here instead of the site's centre and zoom (a map window opened on a place). */
  view?: { center?: LatLng; zoom?: number };
}

export class MapView {
  readonly map: L.Map;
  readonly metric: MapMetric;
  readonly surface: Surface;
  private readonly entries = new Map<string, Entry>();
  private readonly markerIds = new WeakMap<L.Marker, string>();
  private readonly markers: L.MarkerClusterGroup | L.LayerGroup;
  private readonly clustered: boolean;
  private readonly wedges: L.LayerGroup;
  private readonly wedgeRenderer: L.Renderer;
  private readonly overlays = L.layerGroup();
  private readonly bookmarks = L.layerGroup();
  private readonly bookmarkRenderer: L.Renderer;
  private readonly basemap: Basemap | undefined;
  private readonly resize: ResizeObserver;
  private states: Readonly<Record<string, MapLiveState>> = {};
  private selectedId: string | null = null;
  private covering = new Set<string>();
  private coveragePin: L.CircleMarker | undefined;
  private editing = false;
  private editTargetId: string | null = null;
  private handles: L.Marker[] = [];
  private activeHandle: L.Marker | undefined;
  /** A drag in progress: the placement being shown, not yet saved. */
  private dragged: { id: string; placement: CameraPlacement } | undefined;
  /** A drag that ended and is being saved: shown until main answers with the new site. */
  private pending: { id: string; placement: CameraPlacement } | undefined;

  constructor(private readonly opts: MapViewOptions) {
    const { container, settings, surface } = opts;
    this.surface = surface;
    this.metric = surface.kind === 'street' ? GEO_METRIC : PLAN_METRIC;
    if (surface.kind === 'street') {
      this.map = L.map(container, {
        center: toLatLng(opts.view?.center ?? settings.center),
        zoom: opts.view?.zoom ?? settings.zoom,
        minZoom: settings.minZoom ?? 3,
        maxZoom: settings.maxZoom ?? 20,
        zoomSnap: 1,
        attributionControl: settings.basemap.type !== 'demo',
      });
      this.basemap = addBasemap(this.map, settings, opts.callbacks.problem);
    } else {
      const { floor } = surface;
      const bounds = L.latLngBounds([0, 0], [floor.height, floor.width]);
      this.map = L.map(container, { crs: L.CRS.Simple, minZoom: -6, maxZoom: 6, zoomSnap: 0.25, attributionControl: false, maxBounds: bounds.pad(0.5) });
      container.style.background = '#dfe3e8';
      L.imageOverlay(floorImageUrl(floor.id), bounds, { className: 'map-floor-image', interactive: false }).addTo(this.map);
      this.map.fitBounds(bounds);
    }
    // For diagnostics and the end-to-end tests, which need the map's projection.
    (container as HTMLElement & { atalayaMap?: L.Map }).atalayaMap = this.map;

    this.map.createPane('wedges').style.zIndex = '420';
    this.map.createPane('coverage').style.zIndex = '640';
    this.map.createPane('handles').style.zIndex = '660';
    this.map.createPane('bookmarks').style.zIndex = '590';
    this.wedgeRenderer = L.svg({ pane: 'wedges' });
    this.bookmarkRenderer = L.svg({ pane: 'bookmarks' });
    this.bookmarks.addTo(this.map);
    this.wedges = L.layerGroup();
    this.clustered = surface.kind === 'street';
    this.markers = this.clustered
      ? L.markerClusterGroup({
          disableClusteringAtZoom: STREET_DETAIL_ZOOM,
          maxClusterRadius: 48,
          showCoverageOnHover: false,
          spiderfyOnMaxZoom: false,
          iconCreateFunction: (cluster) => this.clusterIcon(cluster),
        })
      : L.layerGroup();
    this.markers.addTo(this.map);
    this.overlays.addTo(this.map);

    this.map.on('click', (event: L.LeafletMouseEvent) => opts.callbacks.mapClick(fromLatLng(event.latlng)));
    this.map.on('zoomend', () => this.showWedgesForZoom());
    this.setCameras(opts.cameras);
    this.showWedgesForZoom();
    // Keep the centre where it is when the panel resizes (a window opened small, a console split moved).
    this.resize = new ResizeObserver(() => this.map.invalidateSize({ pan: true, animate: false }));
    this.resize.observe(container);
  }

  destroy(): void {
    this.resize.disconnect();
    this.basemap?.destroy();
    this.map.remove();
  }

  /** The cameras shown on this surface: street cameras, or one floor's. */
  camerasOnSurface<C extends Pick<Camera, 'floor'>>(all: readonly C[]): C[] {
    const { surface } = this;
    return all.filter((c) => (surface.kind === 'street' ? c.floor === undefined : c.floor === surface.floor.id));
  }

  /** Called with the site's cameras at start and again after every change (an edit saved). */
  setCameras(all: readonly Camera[]): void {
    // The site as main has it now: saved or refused, the pending drag is over.
    this.pending = undefined;
    const mine = this.camerasOnSurface(all);
    const keep = new Set(mine.map((c) => c.id));
    for (const [id, entry] of this.entries) {
      if (keep.has(id)) continue;
      this.markers.removeLayer(entry.marker);
      this.wedges.removeLayer(entry.wedge);
      this.entries.delete(id);
    }
    for (const camera of mine) {
      const entry = this.entries.get(camera.id);
      if (entry) {
        entry.camera = camera;
        entry.marker.setLatLng(toLatLng(camera.position));
        entry.number.textContent = String(camera.number);
        entry.element.title = `${camera.number} · ${camera.name}`;
        entry.wedge.setLatLngs(this.wedgeLatLngs(camera));
      } else {
        this.add(camera);
      }
    }
    if (this.dragged && !keep.has(this.dragged.id)) this.dragged = undefined;
    this.paintAll();
    this.placeHandles();
  }

  setLiveStates(states: Readonly<Record<string, MapLiveState>>): void {
    this.states = states;
    this.paintAll();
    if (this.clustered) (this.markers as L.MarkerClusterGroup).refreshClusters();
  }

  /**
   * The camera in the wall's selected tile. With `pan`, the map brings it into view: zooms into
   * its cluster, or pans if it is near the edge or outside (a camera already well in view stays
   * put, so clicking a marker does not make the map jump under the pointer).
   */
  setSelected(cameraId: string | null, pan: boolean): void {
    this.selectedId = cameraId;
    this.paintAll();
    if (this.clustered) (this.markers as L.MarkerClusterGroup).refreshClusters();
    const entry = cameraId ? this.entries.get(cameraId) : undefined;
    if (!pan || !entry) return;
    const at = entry.marker.getLatLng();
    if (this.clustered) {
      const group = this.markers as L.MarkerClusterGroup;
      if (group.getVisibleParent(entry.marker) !== entry.marker) {
        group.zoomToShowLayer(entry.marker);
        return;
      }
    }
    if (!this.map.getBounds().pad(-0.15).contains(at)) this.map.panTo(at);
  }

  /** Marks the clicked point and the cameras that see it; null clears. */
  setCoverage(point: LatLng | null, cameraIds: readonly string[]): void {
    this.covering = new Set(cameraIds);
    this.coveragePin?.remove();
    this.coveragePin = undefined;
    if (point) {
      this.coveragePin = L.circleMarker(toLatLng(point), { pane: 'coverage', radius: 7, className: 'map-coverage-pin', interactive: false }).addTo(this.overlays);
    }
    this.paintAll();
  }

  /** Supervisor editing: markers become draggable, a clicked camera shows its handles. */
  setEditing(enabled: boolean): void {
    if (enabled === this.editing) return;
    this.editing = enabled;
    for (const entry of this.entries.values()) {
      entry.marker.options.draggable = enabled;
      if (enabled) entry.marker.dragging?.enable();
      else entry.marker.dragging?.disable();
    }
    if (!enabled) this.setEditTarget(null);
    this.map.getContainer().classList.toggle('map-view--editing', enabled);
  }

  setEditTarget(cameraId: string | null): void {
    this.editTargetId = cameraId;
    this.paintAll();
    this.placeHandles();
  }

  /** Incidents, on the street map only (bookmark locations are latitude and longitude). */
  setBookmarks(items: readonly BookmarkMarker[]): void {
    this.bookmarks.clearLayers();
    if (this.surface.kind !== 'street') return;
    for (const item of items) {
      const marker = L.circleMarker(toLatLng(item.location), {
        renderer: this.bookmarkRenderer,
        pane: 'bookmarks',
        radius: 7,
        weight: 2,
        color: '#ffffff',
        fillColor: item.colour,
        fillOpacity: 0.95,
        className: 'map-bookmark',
      });
      marker.bindTooltip(item.text, { className: 'map-bookmark-tooltip', direction: 'top' });
      marker.addTo(this.bookmarks);
      const path = marker.getElement();
      path?.setAttribute('data-bookmark-id', item.id);
      path?.setAttribute('data-category', item.category);
    }
  }

  panTo(point: LatLng, zoom?: number): void {
    this.map.setView(toLatLng(point), zoom ?? this.map.getZoom());
  }

  private add(camera: Camera): void {
    const element = document.createElement('div');
    const number = document.createElement('span');
    number.className = 'map-cam__number';
    number.textContent = String(camera.number);
    element.appendChild(number);
    element.title = `${camera.number} · ${camera.name}`;
    element.dataset.cameraId = camera.id;
    element.dataset.cameraNumber = String(camera.number);
    const marker = L.marker(toLatLng(camera.position), {
      icon: L.divIcon({ className: 'map-cam-icon', html: element, iconSize: [28, 28], iconAnchor: [14, 14] }),
      draggable: this.editing,
      keyboard: false,
      riseOnHover: true,
    });
    this.markerIds.set(marker, camera.id);
    const wedge = L.polygon(this.wedgeLatLngs(camera), { renderer: this.wedgeRenderer, pane: 'wedges', interactive: false, weight: 1 });
    const entry: Entry = { camera, marker, element, number, wedge };
    this.entries.set(camera.id, entry);

    marker.on('click', (event: L.LeafletMouseEvent) => {
      const current = this.entries.get(camera.id)?.camera ?? camera;
      if (this.editing) {
        this.setEditTarget(current.id);
        this.opts.callbacks.editTarget(current);
      } else {
        this.opts.callbacks.cameraClick(current, { shift: event.originalEvent.shiftKey });
      }
    });
    marker.on('mouseover', () => {
      if (this.dragged) return;
      const current = this.entries.get(camera.id)?.camera ?? camera;
      const at = this.map.latLngToContainerPoint(marker.getLatLng());
      this.opts.callbacks.cameraHover(current, { x: at.x, y: at.y });
    });
    marker.on('mouseout', () => this.opts.callbacks.cameraHover(null, null));
    marker.on('dragstart', () => {
      const current = this.entries.get(camera.id)?.camera ?? camera;
      this.opts.callbacks.cameraHover(null, null);
      this.dragged = { id: camera.id, placement: placementOf(current) };
    });
    marker.on('drag', () => {
      if (!this.dragged) return;
      this.dragged.placement = { ...this.dragged.placement, position: fromLatLng(marker.getLatLng()) };
      this.showDragged();
    });
    marker.on('dragend', () => {
      const current = this.entries.get(camera.id)?.camera ?? camera;
      const dragged = this.dragged;
      this.dragged = undefined;
      if (!dragged) return;
      this.pending = { id: current.id, placement: { ...dragged.placement, position: fromLatLng(marker.getLatLng()) } };
      this.opts.callbacks.editCamera(current, { position: fromLatLng(marker.getLatLng()) }, placementOf(current));
    });
    this.markers.addLayer(marker);
    this.wedges.addLayer(wedge);
  }

  private wedgeLatLngs(view: FieldOfView): L.LatLng[] {
    return this.metric.wedge(view).map(toLatLng);
  }

  private showWedgesForZoom(): void {
    const show = this.surface.kind === 'floor' || this.map.getZoom() >= STREET_DETAIL_ZOOM;
    if (show && !this.map.hasLayer(this.wedges)) {
      this.wedges.addTo(this.map);
      this.paintAll();
    } else if (!show && this.map.hasLayer(this.wedges)) {
      this.wedges.remove();
    }
  }

  private paintAll(): void {
    for (const entry of this.entries.values()) this.paint(entry);
  }

  private paint(entry: Entry): void {
    const id = entry.camera.id;
    const state = this.states[id] ?? 'unknown';
    const selected = id === this.selectedId;
    const covering = this.covering.has(id);
    const editTarget = id === this.editTargetId;
    const flags = `${selected ? ' map-cam--selected' : ''}${covering ? ' map-cam--covering' : ''}${editTarget ? ' map-cam--editing' : ''}`;
    entry.element.className = `map-cam map-cam--${state}${flags}${entry.camera.number >= 100 ? ' map-cam--wide' : ''}`;
    entry.element.dataset.state = state;
    entry.element.dataset.selected = String(selected);
    entry.element.dataset.covering = String(covering);
    // Leaflet makes a new <path> each time the wedge layer is shown, so classes are set here.
    const path = entry.wedge.getElement();
    if (path) {
      path.setAttribute('class', `map-wedge map-wedge--${state}${selected ? ' map-wedge--selected' : ''}${covering ? ' map-wedge--covering' : ''}${editTarget ? ' map-wedge--editing' : ''}`);
      path.setAttribute('data-camera-id', id);
      path.setAttribute('data-camera-number', String(entry.camera.number));
    }
    entry.marker.setZIndexOffset(selected ? 1000 : editTarget ? 900 : 0);
  }

  private clusterIcon(cluster: L.MarkerCluster): L.DivIcon {
    const children = cluster.getAllChildMarkers();
    let offline = 0;
    let live = 0;
    let selected = false;
    for (const marker of children) {
      const id = this.markerIds.get(marker);
      if (!id) continue;
      const state = this.states[id];
      if (state === 'offline') offline++;
      if (state === 'live') live++;
      if (id === this.selectedId) selected = true;
    }
    // The worst news shows: an operator zoomed out still sees that a camera in the group is down.
    const state = offline > 0 ? 'offline' : live > 0 ? 'live' : 'unknown';
    const element = document.createElement('div');
    element.className = `map-cluster map-cluster--${state}${selected ? ' map-cluster--selected' : ''}`;
    element.textContent = String(children.length);
    element.title = offline > 0 ? `${children.length} (${offline} offline)` : String(children.length);
    return L.divIcon({ className: 'map-cluster-icon', html: element, iconSize: [36, 36], iconAnchor: [18, 18] });
  }

  // --- Editing handles --------------------------------------------------------------------------

  private placementShown(id: string): CameraPlacement | undefined {
    if (this.dragged?.id === id) return this.dragged.placement;
    if (this.pending?.id === id) return this.pending.placement;
    const entry = this.entries.get(id);
    return entry ? placementOf(entry.camera) : undefined;
  }

  private showDragged(): void {
    if (!this.dragged) return;
    const entry = this.entries.get(this.dragged.id);
    if (!entry) return;
    entry.wedge.setLatLngs(this.wedgeLatLngs(this.dragged.placement));
    if (this.dragged.id === this.editTargetId) this.placeHandles();
  }

  private placeHandles(): void {
    const id = this.editTargetId;
    const placement = id ? this.placementShown(id) : undefined;
    if (!this.editing || !id || !placement) {
      for (const handle of this.handles) handle.remove();
      this.handles = [];
      return;
    }
    const at = wedgeHandles(this.metric, placement);
    const spots: Array<['tip' | 'left' | 'right', LatLng]> = [
      ['tip', at.tip],
      ['left', at.left],
      ['right', at.right],
    ];
    if (this.handles.length !== spots.length) {
      for (const handle of this.handles) handle.remove();
      this.handles = spots.map(([kind]) => this.makeHandle(kind));
    }
    spots.forEach(([, point], i) => {
      const handle = this.handles[i] as L.Marker;
      // The handle being dragged follows the pointer, not the recomputed spot.
      if (handle !== this.activeHandle) handle.setLatLng(toLatLng(point));
    });
  }

  private makeHandle(kind: 'tip' | 'left' | 'right'): L.Marker {
    const element = document.createElement('div');
    element.className = `map-handle map-handle--${kind}`;
    element.dataset.handle = kind;
    const handle = L.marker([0, 0], {
      pane: 'handles',
      draggable: true,
      keyboard: false,
      icon: L.divIcon({ className: 'map-handle-icon', html: element, iconSize: [16, 16], iconAnchor: [8, 8] }),
    }).addTo(this.overlays);
    const change = (): PlacementChange | undefined => {
      const id = this.editTargetId;
      const base = id ? this.placementShown(id) : undefined;
      if (!base) return undefined;
      const pointer = fromLatLng(handle.getLatLng());
      return kind === 'tip' ? dragTip(this.metric, base, pointer) : dragEdge(this.metric, base, pointer);
    };
    handle.on('dragstart', () => {
      this.activeHandle = handle;
      const id = this.editTargetId;
      const entry = id ? this.entries.get(id) : undefined;
      if (entry) this.dragged = { id: entry.camera.id, placement: placementOf(entry.camera) };
    });
    handle.on('drag', () => {
      const next = change();
      if (!next || !this.dragged) return;
      this.dragged.placement = { ...this.dragged.placement, ...next };
      this.showDragged();
    });
    handle.on('dragend', () => {
      const next = change();
      const dragged = this.dragged;
      const entry = dragged ? this.entries.get(dragged.id) : undefined;
      this.dragged = undefined;
      this.activeHandle = undefined;
      if (next && entry && dragged) {
        this.pending = { id: entry.camera.id, placement: { ...dragged.placement, ...next } };
        this.opts.callbacks.editCamera(entry.camera, next, placementOf(entry.camera));
      }
      this.placeHandles();
    });
    return handle;
  }
}
