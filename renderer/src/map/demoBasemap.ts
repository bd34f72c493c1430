import type { Feature, FeatureCollection, LineString, Polygon, Position } from 'geojson';
import {
  POI_LABEL_MIN_ZOOM,
  STREET_LABEL_MIN_ZOOM,
  areaStyle,
  casingWeightPx,
  lineStyle,
  streetLabelFontPx,
  streetWeightPx,
  type DemoFeatureKind,
} from '../../../common/map/demoBasemapStyle';
import { LabelPlacer, estimateTextWidth, placeStreetLabels, rotatedBox, type StreetLabelInput } from '../../../common/map/streetLabels';
import L from './leaflet';

/**
 * The demo city drawn from its GeoJSON as vector layers: no tiles, no network. The file is part of
 * the app bundle (a separate chunk, loaded only by windows that show a map), so it is there in an
 * air-gapped room and under a CSP that allows nothing but the app's own origin.
 */

type Props = Record<string, unknown> & { kind?: DemoFeatureKind; name?: string; width?: number };
type CityFeature = Feature<Polygon | LineString | { type: 'Point'; coordinates: Position }, Props>;

let cityPromise: Promise<FeatureCollection> | undefined;

export function loadDemoCity(): Promise<FeatureCollection> {
  cityPromise ??= import('../../../resources/demo/map/city.geojson?raw').then((module) => JSON.parse(module.default) as FeatureCollection);
  return cityPromise;
}

const toLatLngs = (ring: Position[]) => ring.map(([lng, lat]) => L.latLng(lat as number, lng as number));

interface StreetLayer {
  kind: 'avenue' | 'street';
  width: number;
  name: string;
  latlngs: L.LatLng[];
  casing: L.Polyline;
  fill: L.Polyline;
}

/** The demo basemap on a map; `destroy` takes it off again. */
export class DemoBasemap {
  private readonly group = L.layerGroup();
  private readonly labels = L.layerGroup();
  private readonly streets: StreetLayer[] = [];
  private readonly pois: Array<{ name: string; at: L.LatLng; category: string }> = [];
  private readonly renderer: L.Renderer;
  private destroyed = false;
  private readonly refresh = () => this.update();

  constructor(
    private readonly map: L.Map,
    city: FeatureCollection,
  ) {
    map.createPane('basemap').style.zIndex = '250';
    const labelPane = map.createPane('basemapLabels');
    labelPane.style.zIndex = '450';
    labelPane.style.pointerEvents = 'none';
    // One canvas for ~400 features: cheaper than as many SVG paths, and it is never clicked.
    this.renderer = L.canvas({ pane: 'basemap', padding: 0.5 });
    this.build(city.features as CityFeature[]);
    this.group.addTo(map);
    this.labels.addTo(map);
    map.on('zoomend moveend', this.refresh);
    this.update();
  }

  destroy(): void {
    this.destroyed = true;
    this.map.off('zoomend moveend', this.refresh);
    this.group.remove();
    this.labels.remove();
  }

  private build(features: CityFeature[]): void {
    const areaOptions = (kind: DemoFeatureKind, props: Props): L.PathOptions | null => {
      const style = areaStyle(kind, props);
      if (!style) return null;
      return {
        renderer: this.renderer,
        pane: 'basemap',
        interactive: false,
        fillColor: style.fill,
        fillOpacity: 1,
        stroke: style.stroke !== null,
        color: style.stroke ?? style.fill,
        weight: 1,
      };
    };
    // The file lists features in drawing order; streets go last, every casing under every fill,
    // so crossings join cleanly. Minor streets before avenues: avenues cross over them.
    const lines: CityFeature[] = [];
    for (const feature of features) {
      const props = feature.properties ?? {};
      const kind = props.kind;
      if (!kind) continue;
      if (feature.geometry.type === 'Polygon') {
        const options = areaOptions(kind, props);
        if (options) L.polygon(feature.geometry.coordinates.map(toLatLngs), options).addTo(this.group);
      } else if (feature.geometry.type === 'LineString' && (kind === 'street' || kind === 'avenue')) {
        lines.push(feature);
      } else if (feature.geometry.type === 'Point' && kind === 'poi' && typeof props.name === 'string') {
        const [lng, lat] = feature.geometry.coordinates as [number, number];
        this.pois.push({ name: props.name, at: L.latLng(lat, lng), category: String(props.category ?? '') });
      }
    }
    const ordered = [...lines.filter((f) => f.properties?.kind === 'street'), ...lines.filter((f) => f.properties?.kind === 'avenue')];
    for (const kind of ['street', 'avenue'] as const) {
      const ofKind = ordered.filter((f) => f.properties?.kind === kind);
      const style = lineStyle(kind);
      const made = ofKind.map((feature) => {
        const latlngs = toLatLngs((feature.geometry as LineString).coordinates);
        const common = { renderer: this.renderer, pane: 'basemap', interactive: false, lineCap: 'butt' as const, lineJoin: 'round' as const, fill: false };
        const casing = L.polyline(latlngs, { ...common, color: style.casing }).addTo(this.group);
        return { feature, latlngs, casing };
      });
      for (const { feature, latlngs, casing } of made) {
        const fill = L.polyline(latlngs, { renderer: this.renderer, pane: 'basemap', interactive: false, lineCap: 'butt', lineJoin: 'round', color: style.fill }).addTo(this.group);
        const props = feature.properties ?? {};
        this.streets.push({ kind, width: typeof props.width === 'number' ? props.width : 12, name: typeof props.name === 'string' ? props.name : '', latlngs, casing, fill });
      }
    }
  }

  private lastZoom = -1;

  private update(): void {
    if (this.destroyed) return;
    const zoom = this.map.getZoom();
    const lat = this.map.getCenter().lat;
    if (zoom !== this.lastZoom) {
      this.lastZoom = zoom;
      for (const street of this.streets) {
        const fill = streetWeightPx(street.width, zoom, lat, street.kind);
        street.fill.setStyle({ weight: fill });
        street.casing.setStyle({ weight: casingWeightPx(fill, zoom) });
      }
    }
    this.placeLabels(zoom);
  }

  /** Street names along their streets from street zoom; place names a zoom earlier. */
  private placeLabels(zoom: number): void {
    this.labels.clearLayers();
    const size = this.map.getSize();
    const viewport = { minX: 0, minY: 0, maxX: size.x, maxY: size.y };
    const placer = new LabelPlacer();
    if (zoom >= POI_LABEL_MIN_ZOOM) {
      for (const poi of this.pois) {
        // Place names first: they say where the operator is; street names fit around them.
        const at = this.map.latLngToContainerPoint(poi.at);
        if (!placer.tryPlace(rotatedBox(at, estimateTextWidth(poi.name, 11), 14, 0, 2))) continue;
        const element = document.createElement('div');
        element.className = `map-poi map-poi--${poi.category.replace(/[^a-z-]/g, '')}`;
        element.textContent = poi.name;
        L.marker(poi.at, { pane: 'basemapLabels', interactive: false, keyboard: false, icon: L.divIcon({ className: 'map-poi-icon', html: element, iconSize: [0, 0] }) }).addTo(this.labels);
      }
    }
    if (zoom < STREET_LABEL_MIN_ZOOM) return;
    const fontPx = streetLabelFontPx(zoom);
    const inputs: StreetLabelInput[] = [...this.streets]
      .sort((a, b) => (a.kind === b.kind ? b.width - a.width : a.kind === 'avenue' ? -1 : 1))
      .map((street) => ({ name: street.name, points: street.latlngs.map((ll) => this.map.latLngToContainerPoint(ll)) }));
    for (const label of placeStreetLabels(inputs, { fontPx, viewport, placer })) {
      const text = document.createElement('span');
      text.className = 'map-street-label';
      text.textContent = label.name;
      // Set through the CSSOM: the CSP allows no inline style attributes.
      text.style.fontSize = `${fontPx}px`;
      text.style.transform = `translate(-50%, -50%) rotate(${label.angle.toFixed(1)}deg)`;
      const at = this.map.containerPointToLatLng([label.x, label.y]);
      L.marker(at, { pane: 'basemapLabels', interactive: false, keyboard: false, icon: L.divIcon({ className: 'map-street-label-icon', html: text, iconSize: [0, 0] }) }).addTo(this.labels);
    }
  }
}
