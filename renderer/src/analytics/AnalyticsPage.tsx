import type { Position } from 'geojson';
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { BeforeAfterResult } from '../../../common/analytics/beforeAfter';
import { analyticsCameras, type CoverageFigures } from '../../../common/analytics/coverageModel';
import { DEFAULT_SETTINGS, type AnalysisSettings } from '../../../common/analytics/engine';
import type { ExportFormat, ExportKind } from '../../../common/analytics/exportData';
import type { HexCell } from '../../../common/analytics/hexbin';
import type { Hotspot, Suggestions } from '../../../common/analytics/hotspots';
import { FILTER_NO_CATEGORY, type Histograms, type IncidentFilter } from '../../../common/analytics/incidentTable';
import { analyticsText } from '../../../common/analytics/text';
import { formatLocal } from '../../../common/analytics/time';
import type { AnalyticsDataset, IncidentRecord } from '../../../common/contract/methods/analytics';
import type { WallApi } from '../../../common/contract/wallApi';
import type { AppStore } from '../app/appStore';
import { loadDemoCity } from '../map/demoBasemap';
import { AnalyticsMap, type Labels } from './analyticsMap';
import type { HeatResult, Reply } from './compute';
import { ComputeClient } from './computeClient';
import { browserTimeZone, categoryLabeller, download, formatters } from './format';
import { ImportDialog } from './ImportDialog';
import { BeforeAfterPanel, CoveragePanel, DataPanel, HotspotsPanel } from './panels';
import { TimeHistogram } from './TimeHistogram';
import './analytics.css';

type Tab = 'coverage' | 'hotspots' | 'beforeAfter' | 'data';
type ViewReply = Extract<Reply, { type: 'view' }>;

const BANDWIDTHS = [50, 100, 150, 250, 400];
const HEX_SIZES = [40, 75, 150, 300];

/**
 * The analytics window (`?view=analytics`): where incidents cluster and when, whether the
 * cameras are where the incidents are, where new ones would help, and what changed around a
 * camera after it was installed — with the method and its limits beside every figure.
 */
export function AnalyticsPage({ api, store }: { api: WallApi; store: AppStore }) {
  const { t, i18n } = useTranslation();
  const snapshot = useSyncExternalStore(store.subscribe, store.get);
  const site = snapshot.site;
  const timeZone = useMemo(browserTimeZone, []);
  const fmt = useMemo(() => formatters(i18n.language), [i18n.language]);
  const text = analyticsText(i18n.language);

  const [dataset, setDataset] = useState<AnalyticsDataset | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(0); // grows with each dataset the worker has
  const [filter, setFilter] = useState<IncidentFilter>({});
  const [settings, setSettings] = useState<AnalysisSettings>(DEFAULT_SETTINGS);
  const [layers, setLayers] = useState({ heat: true, hexes: false, cameras: true });
  const [view, setView] = useState<ViewReply | null>(null);
  const [figures, setFigures] = useState<{ hotspots: Hotspot[]; suggestions: Suggestions } | null>(null);
  const [figuresBusy, setFiguresBusy] = useState(false);
  const [beforeAfter, setBeforeAfter] = useState<BeforeAfterResult | null>(null);
  const [baBusy, setBaBusy] = useState(false);
  const [baCamera, setBaCamera] = useState<string | null>(null);
  const [weeks, setWeeks] = useState(DEFAULT_SETTINGS.weeks);
  const [tab, setTab] = useState<Tab>('coverage');
  const [importing, setImporting] = useState(false);
  const [busyFile, setBusyFile] = useState<string | null>(null);
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | null>(null);
  const [permissions, setPermissions] = useState<string[]>([]);
  const [categoryNames, setCategoryNames] = useState<Map<string, string>>(new Map());
  const [hexDetail, setHexDetail] = useState<{ cell: HexCell; total: number; records: IncidentRecord[] } | null>(null);
  const [streets, setStreets] = useState<Position[][] | null | undefined>(undefined);

  const mapBox = useRef<HTMLDivElement>(null);
  const mapRef = useRef<AnalyticsMap | null>(null);
  // Two workers: one redraws heat, hexagons and counts on every filter change; the other works out
  // hotspots, suggested cameras and before/after, which take longer and must never hold up the first.
  const client = useMemo(() => new ComputeClient(), []);
  const slow = useMemo(() => new ComputeClient(), []);
  useEffect(
    () => () => {
      client.dispose();
      slow.dispose();
    },
    [client, slow],
  );
  useEffect(() => {
    client.onError = (m) => setMessage({ kind: 'error', text: m });
    slow.onError = client.onError;
  }, [client, slow]);

  const cameras = useMemo(() => analyticsCameras(site?.site.cameras ?? []), [site]);
  const installed = useMemo(() => cameras.filter((c) => c.installedAt).sort((a, b) => (a.installedAt! < b.installedAt! ? -1 : 1)), [cameras]);
  const label = useMemo(() => categoryLabeller(categoryNames, t('analytics.noCategory')), [categoryNames, t]);
  const canExport = permissions.includes('export.create');

  // ---- data ---------------------------------------------------------------------------------

  const fetchDataset = useCallback(async () => {
    const result = await api.call('analytics.dataset', {});
    if (!result.ok) {
      setLoadError(result.error.message);
      return;
    }
    setLoadError(null);
    setDataset(result.value);
  }, [api]);

  useEffect(() => {
    void fetchDataset();
    void api.call('auth.status', {}).then((r) => r.ok && setPermissions(r.value.permissions));
    void api.call('bookmarks.categories', {}).then((r) => {
      if (r.ok) setCategoryNames(new Map(r.value.categories.map((c) => [c.id, c.names[i18n.language as 'en'] ?? c.names.en])));
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const later = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void fetchDataset(), 1500);
    };
    const offA = api.on('analytics.changed', () => void fetchDataset());
    // Delivery progress also sends bookmarks.changed; only a new bookmark or an edit (a higher
    // revision) changes what is analysed, so only those fetch the dataset again.
    const revisions = new Map<string, number>();
    const offB = api.on('bookmarks.changed', (event) => {
      let changed = false;
      for (const b of event.bookmarks) {
        if ((revisions.get(b.id) ?? 0) < b.revision) changed = true;
        revisions.set(b.id, b.revision);
      }
      if (changed) later();
    });
    return () => {
      offA();
      offB();
      clearTimeout(timer);
    };
  }, [api, fetchDataset, i18n.language]);

  // The demo city's streets: where suggested cameras may stand (other basemaps: a grid instead).
  useEffect(() => {
    if (!site) return;
    if (site.site.map.basemap.type !== 'demo') {
      setStreets(null);
      return;
    }
    loadDemoCity().then(
      (city) => setStreets(city.features.filter((f) => f.geometry.type === 'LineString' && ['street', 'avenue'].includes(String(f.properties?.kind))).map((f) => (f.geometry as { coordinates: Position[] }).coordinates)),
      () => setStreets(null),
    );
  }, [site]);

  // Hand the dataset to the worker (typed arrays, transferred rather than copied).
  useEffect(() => {
    if (!dataset || streets === undefined) return;
    const c = dataset.columns;
    const load = (worker: ComputeClient) => {
      const columns = { lat: Float64Array.from(c.lat), lng: Float64Array.from(c.lng), time: Float64Array.from(c.time), category: Int32Array.from(c.category), source: Uint8Array.from(c.source), categories: c.categories };
      return worker.request('load', { columns, cameras, timeZone, ...(streets ? { streets } : {}) }, [columns.lat.buffer, columns.lng.buffer, columns.time.buffer, columns.category.buffer, columns.source.buffer]);
    };
    void Promise.all([load(client), load(slow)]).then(([a, b]) => a && b && setLoaded((n) => n + 1));
  }, [client, slow, dataset, cameras, timeZone, streets]);

  // ---- computations on every change -----------------------------------------------------------

  /** When the filter that the heat layer is computing for was set (for the timing shown to tests). */
  const viewStarted = useRef(0);
  useEffect(() => {
    if (!loaded) return;
    let live = true;
    viewStarted.current = performance.now();
    void client.request('view', { filter, settings }).then((reply) => {
      if (live && reply) setView(reply);
    });
    return () => {
      live = false;
    };
  }, [client, loaded, filter, settings]);

  useEffect(() => {
    if (!loaded) return;
    let live = true;
    setFiguresBusy(true);
    const timer = setTimeout(() => {
      void slow.request('figures', { filter, settings }).then((reply) => {
        if (!live || !reply) return;
        setFigures({ hotspots: reply.hotspots, suggestions: reply.suggestions });
        setFiguresBusy(false);
      });
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [slow, loaded, filter, settings]);

  const baCameraId = baCamera ?? installed[0]?.id ?? null;
  useEffect(() => {
    if (!loaded || !baCameraId) return;
    let live = true;
    setBaBusy(true);
    void slow.request('beforeAfter', { filter, weeks, cameraId: baCameraId }).then((reply) => {
      if (!live || !reply) return;
      setBeforeAfter(reply.results[0] ?? null);
      setBaBusy(false);
    });
    return () => {
      live = false;
    };
  }, [slow, loaded, filter, weeks, baCameraId]);

  // ---- the map --------------------------------------------------------------------------------

  const labels: Labels = useMemo(
    () => ({
      hex: (cell) => t('analytics.map.hex', { count: cell.count, n: fmt.n(cell.count), covered: fmt.n(cell.covered) }),
      camera: (camera, incidents) => t('analytics.map.camera', { number: camera.number, name: camera.name, n: fmt.n(incidents ?? 0) }),
      hotspot: (h) => t('analytics.map.hotspot', { rank: h.rank, n: fmt.n(h.incidents), radius: h.radiusMetres }),
      suggestion: (i, s) => t('analytics.map.suggestion', { index: i + 1, n: fmt.n(s.newlyCovered) }),
    }),
    [t, fmt],
  );
  const latest = useRef({ labels, api, dataset, filter, settings });
  latest.current = { labels, api, dataset, filter, settings };

  const onHexClick = useCallback(
    async (cell: HexCell) => {
      const { dataset: data, filter: f, settings: s, api: a } = latest.current;
      if (!data) return;
      const reply = await client.request('hexIndices', { filter: f, sizeMetres: s.hexSizeMetres, q: cell.q, r: cell.r, max: 50 });
      if (!reply || reply.indices.length === 0) return;
      const records = await a.call('analytics.records', { revision: data.revision, indices: reply.indices });
      setHexDetail({ cell, total: reply.total, records: records.ok ? records.value.items : [] });
    },
    [client],
  );

  const mapKey = site ? JSON.stringify(site.site.map) : '';
  useEffect(() => {
    const box = mapBox.current;
    if (!box || !site) return;
    const map = new AnalyticsMap(
      box,
      site.site.map,
      {
        hexClick: (cell) => void onHexClick(cell),
        cameraClick: (camera) => {
          if (camera.installedAt) {
            setBaCamera(camera.id);
            setTab('beforeAfter');
          }
        },
        problem: (m) => setMessage({ kind: 'error', text: m }),
      },
      latest.current.labels,
    );
    mapRef.current = map;
    return () => {
      map.destroy();
      mapRef.current = null;
    };
    // The map is rebuilt only when the site's map settings change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mapKey]);

  useEffect(() => mapRef.current?.setLabels(labels), [labels]);
  // Draw what the worker computed; the attributes let a test (or a curious admin) see how long a
  // filter change took from the click to the redrawn heat layer.
  useEffect(() => {
    const map = mapRef.current;
    if (!view || !map) return;
    map.setHeat(view.heat);
    map.setHexes(view.hexes);
    const box = mapBox.current;
    if (box) {
      box.dataset.viewMs = String(Math.round(performance.now() - viewStarted.current));
      box.dataset.computeMs = String(Math.round(view.ms));
      box.dataset.filtered = String(view.filtered);
      box.dataset.rendered = String(Number(box.dataset.rendered ?? 0) + 1);
    }
  }, [view, mapKey]);
  useEffect(() => mapRef.current?.setVisible(layers), [layers, mapKey]);
  const counts = useMemo(() => new Map((view?.coverage.perCamera ?? []).map((c) => [c.cameraId, c.incidents])), [view]);
  useEffect(() => mapRef.current?.setCameras(cameras, counts), [cameras, counts, mapKey]);
  useEffect(() => mapRef.current?.setHotspots(tab === 'hotspots' ? (figures?.hotspots ?? []) : [], tab === 'hotspots' ? (figures?.suggestions ?? null) : null), [figures, tab, mapKey]);
  useEffect(() => {
    const camera = tab === 'beforeAfter' ? (cameras.find((c) => c.id === baCameraId) ?? null) : null;
    mapRef.current?.setBeforeAfter(camera, camera ? beforeAfter : null);
  }, [tab, cameras, baCameraId, beforeAfter, mapKey]);
  const fitted = useRef(false);
  useEffect(() => {
    if (view?.extent && !fitted.current && mapRef.current) {
      fitted.current = true;
      if ((dataset?.columns.lat.length ?? 0) > 0) mapRef.current.fit(view.extent);
    }
  }, [view, dataset]);

  // ---- actions --------------------------------------------------------------------------------

  const report = async (format: 'html' | 'pdf') => {
    setBusyFile(format);
    const result = await api.call('analytics.report', { format, filter, settings, timeZone, language: (['en', 'es', 'pt'].includes(i18n.language) ? i18n.language : 'en') as 'en' });
    setBusyFile(null);
    if (result.ok) download(result.value);
    else setMessage({ kind: 'error', text: result.error.message });
  };
  const exportFile = async (kind: ExportKind, format: ExportFormat) => {
    setBusyFile(`${kind}-${format}`);
    const result = await api.call('analytics.export', { kind, format, filter, settings, timeZone });
    setBusyFile(null);
    if (result.ok) download(result.value);
    else setMessage({ kind: 'error', text: result.error.message });
  };
  const removeImport = async (importId: string) => {
    if (!window.confirm(t('analytics.data.confirmRemove'))) return;
    const result = await api.call('analytics.removeImport', { importId });
    if (!result.ok) setMessage({ kind: 'error', text: result.error.message });
  };

  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(() => setMessage(null), message.kind === 'error' ? 10_000 : 4000);
    return () => clearTimeout(timer);
  }, [message]);

  const toggleIn = <K extends 'categories' | 'days' | 'hours'>(key: K, value: NonNullable<IncidentFilter[K]>[number]) => {
    const current = (filter[key] ?? []) as Array<typeof value>;
    const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
    setFilter({ ...filter, [key]: next.length ? next : undefined });
  };

  if (!site) return <div className="app-message">{t('app.loading')}</div>;
  const histograms: Histograms | null = view?.histograms ?? null;
  const coverage: CoverageFigures | null = view?.coverage ?? null;
  const total = dataset?.columns.lat.length ?? 0;
  const dayNames = text.days.split('|');
  const categoryList = dataset ? [...dataset.columns.categories.map((c, i) => ({ key: c, slot: i + 1 })), { key: FILTER_NO_CATEGORY, slot: 0 }] : [];
  const heat: HeatResult | null = view?.heat ?? null;

  return (
    <div className="analytics" data-testid="analytics" data-worker={client.usesWorker && slow.usesWorker ? 'yes' : 'no'}>
      {!snapshot.connected ? <div className="connection-lost">{t('app.connectionLost')}</div> : null}
      <header className="analytics__bar">
        <h1>{t('analytics.title')}</h1>
        <span className="analytics-muted" data-testid="analytics-count" data-total={total} data-filtered={view?.filtered ?? 0}>
          {t('analytics.counts', { filtered: fmt.n(view?.filtered ?? 0), total: fmt.n(total) })}
        </span>
        <span className="analytics-muted">{t('analytics.timeZone', { tz: timeZone })}</span>
        <span className="analytics__spacer" />
        {canExport ? (
          <>
            <button type="button" onClick={() => setImporting(true)} data-testid="open-import">
              {t('analytics.import.open')}
            </button>
            <button type="button" disabled={busyFile !== null} onClick={() => void report('html')}>
              {t('analytics.report.html')}
            </button>
            <button type="button" disabled={busyFile !== null} onClick={() => void report('pdf')}>
              {t('analytics.report.pdf')}
            </button>
            <select
              className="analytics__export"
              value=""
              disabled={busyFile !== null}
              onChange={(e) => {
                const [kind, format] = e.target.value.split(':') as [ExportKind, ExportFormat];
                if (kind) void exportFile(kind, format);
              }}
              aria-label={t('analytics.export.title')}
            >
              <option value="">{busyFile ? t('analytics.export.busy') : t('analytics.export.title')}</option>
              {(['incidents', 'hotspots', 'cameras'] as const).flatMap((kind) =>
                (['csv', 'geojson'] as const).map((format) => (
                  <option key={`${kind}:${format}`} value={`${kind}:${format}`}>
                    {t(`analytics.export.${kind}`)} ({format === 'csv' ? 'CSV' : 'GeoJSON'})
                  </option>
                )),
              )}
            </select>
          </>
        ) : null}
      </header>

      <aside className="analytics__filters">
        <section>
          <h3>{t('analytics.layers.title')}</h3>
          {(['heat', 'hexes', 'cameras'] as const).map((k) => (
            <label key={k} className="analytics-check">
              <input type="checkbox" checked={layers[k]} onChange={(e) => setLayers({ ...layers, [k]: e.target.checked })} data-layer={k} /> {t(`analytics.layers.${k}`)}
            </label>
          ))}
          <label className="analytics-field">
            {t('analytics.layers.bandwidth')}
            <select value={settings.bandwidthMetres} onChange={(e) => setSettings({ ...settings, bandwidthMetres: Number(e.target.value) })}>
              {BANDWIDTHS.map((b) => (
                <option key={b} value={b}>
                  {b} m
                </option>
              ))}
            </select>
          </label>
          <label className="analytics-field">
            {t('analytics.layers.hexSize')}
            <select value={settings.hexSizeMetres} onChange={(e) => setSettings({ ...settings, hexSizeMetres: Number(e.target.value) })}>
              {HEX_SIZES.map((b) => (
                <option key={b} value={b}>
                  {b} m
                </option>
              ))}
            </select>
          </label>
          {heat && layers.heat ? (
            <div className="analytics-legend">
              <span className="analytics-legend__ramp" />
              <span className="analytics-muted">{t('analytics.layers.heatMax', { max: fmt.n(Math.round(heat.max)) })}</span>
              {heat.outside ? <span className="analytics-muted">{t('analytics.layers.outside', { count: heat.outside })}</span> : null}
            </div>
          ) : null}
        </section>
        <section>
          <h3>
            {t('analytics.filters.categories')}
            {filter.categories?.length ? (
              <button type="button" className="analytics-link" onClick={() => setFilter({ ...filter, categories: undefined })}>
                {t('analytics.filters.all')}
              </button>
            ) : null}
          </h3>
          <div className="analytics-chips analytics-chips--column">
            {categoryList
              .filter((c) => (histograms?.categories[c.slot] ?? 0) > 0 || filter.categories?.includes(c.key))
              .map((c) => (
                <label key={c.key} className="analytics-check">
                  <input type="checkbox" checked={filter.categories?.includes(c.key) ?? false} onChange={() => toggleIn('categories', c.key)} data-category={c.key} />
                  <span className="analytics-check__label">{label(c.key)}</span>
                  <span className="analytics-muted">{fmt.n(histograms?.categories[c.slot] ?? 0)}</span>
                </label>
              ))}
          </div>
        </section>
        <section>
          <h3>{t('analytics.filters.days')}</h3>
          <div className="analytics-chips">
            {dayNames.map((d, i) => (
              <button key={i} type="button" className={filter.days?.includes(i) ? 'is-active' : ''} onClick={() => toggleIn('days', i)} title={fmt.n(histograms?.days[i] ?? 0)}>
                {d}
                <small>{fmt.n(histograms?.days[i] ?? 0)}</small>
              </button>
            ))}
          </div>
        </section>
        <section>
          <h3>
            {t('analytics.filters.hours')}
            {filter.hours?.length ? (
              <button type="button" className="analytics-link" onClick={() => setFilter({ ...filter, hours: undefined })}>
                {t('analytics.filters.all')}
              </button>
            ) : null}
          </h3>
          <div className="analytics-hours" role="group" aria-label={t('analytics.filters.hours')}>
            {Array.from({ length: 24 }, (_, h) => {
              const max = Math.max(1, ...(histograms?.hours ?? [1]));
              const v = histograms?.hours[h] ?? 0;
              const on = !filter.hours?.length || filter.hours.includes(h);
              return (
                <button key={h} type="button" className={`analytics-hours__bar${on ? ' is-on' : ''}`} onClick={() => toggleIn('hours', h)} title={`${String(h).padStart(2, '0')}:00 — ${fmt.n(v)}`}>
                  <span style={{ height: `${Math.round((v / max) * 100)}%` }} />
                </button>
              );
            })}
          </div>
          <div className="analytics-hours__axis">
            <span>0</span>
            <span>6</span>
            <span>12</span>
            <span>18</span>
            <span>23</span>
          </div>
        </section>
        <section>
          <h3>{t('analytics.filters.sources')}</h3>
          {(['import', 'bookmark'] as const).map((s) => (
            <label key={s} className="analytics-check">
              <input
                type="checkbox"
                checked={!filter.sources?.length || filter.sources.includes(s)}
                onChange={(e) => {
                  const all = ['import', 'bookmark'] as const;
                  const current = filter.sources?.length ? filter.sources : [...all];
                  const next = e.target.checked ? [...new Set([...current, s])] : current.filter((x) => x !== s);
                  setFilter({ ...filter, sources: next.length === all.length ? undefined : next });
                }}
              />{' '}
              {t(`analytics.filters.source.${s}`)}
            </label>
          ))}
        </section>
        {Object.values(filter).some((v) => v !== undefined) ? (
          <button type="button" onClick={() => setFilter({})}>
            {t('analytics.filters.reset')}
          </button>
        ) : null}
      </aside>

      <main className="analytics__main">
        <div className="analytics__map" ref={mapBox} data-testid="analytics-map" />
        {total === 0 && dataset ? <div className="analytics__empty">{t('analytics.empty')}</div> : null}
        {loadError ? <div className="analytics__empty analytics-error">{loadError}</div> : null}
        <TimeHistogram
          histogram={histograms?.time ?? null}
          timeZone={timeZone}
          range={filter.from !== undefined && filter.to !== undefined ? { from: filter.from, to: filter.to } : null}
          onRange={(range) => setFilter({ ...filter, from: range?.from, to: range?.to })}
        />
      </main>

      <aside className="analytics__side">
        <nav className="analytics-tabs" role="tablist">
          {(['coverage', 'hotspots', 'beforeAfter', 'data'] as const).map((k) => (
            <button key={k} type="button" role="tab" aria-selected={tab === k} className={tab === k ? 'is-active' : ''} onClick={() => setTab(k)} data-tab={k}>
              {t(`analytics.tabs.${k}`)}
            </button>
          ))}
        </nav>
        <div className="analytics__side-body">
          {hexDetail ? (
            <section className="analytics-panel analytics-hexdetail">
              <header>
                <strong>{t('analytics.hexDetail.title', { n: fmt.n(hexDetail.cell.count), covered: fmt.n(hexDetail.cell.covered) })}</strong>
                <button type="button" onClick={() => setHexDetail(null)} aria-label={t('analytics.close')}>
                  ×
                </button>
              </header>
              <ul>
                {hexDetail.records.map((r) => (
                  <li key={r.index}>
                    <strong>{formatLocal(r.time, timeZone, false)}</strong> {label(r.category ?? '')} <span className="analytics-muted">{r.id}</span>
                    {r.fields ? <div className="analytics-muted">{Object.entries(r.fields).map(([k, v]) => `${k}: ${v}`).join(' · ')}</div> : null}
                  </li>
                ))}
              </ul>
              {hexDetail.total > hexDetail.records.length ? <p className="analytics-muted">{t('analytics.hexDetail.more', { count: hexDetail.total - hexDetail.records.length })}</p> : null}
            </section>
          ) : null}
          {tab === 'coverage' ? <CoveragePanel coverage={coverage} fmt={fmt} label={label} cameras={cameras.length} bandwidth={settings.bandwidthMetres} onCamera={(id) => {
            const c = cameras.find((x) => x.id === id);
            if (c) mapRef.current?.panTo(c.position.lat, c.position.lng);
          }} /> : null}
          {tab === 'hotspots' ? <HotspotsPanel hotspots={figures?.hotspots ?? null} suggestions={figures?.suggestions ?? null} busy={figuresBusy} fmt={fmt} label={label} bandwidth={settings.bandwidthMetres} onPlace={(lat, lng) => mapRef.current?.panTo(lat, lng, 17)} /> : null}
          {tab === 'beforeAfter' ? (
            <BeforeAfterPanel cameras={installed} cameraId={baCameraId} weeks={weeks} result={beforeAfter} busy={baBusy} fmt={fmt} timeZone={timeZone} onCamera={setBaCamera} onWeeks={setWeeks} />
          ) : null}
          {tab === 'data' && dataset ? <DataPanel imports={dataset.imports} counts={dataset.counts} canImport={canExport} fmt={fmt} timeZone={timeZone} onRemove={(id) => void removeImport(id)} /> : null}
        </div>
      </aside>

      {importing ? (
        <ImportDialog
          api={api}
          timeZone={timeZone}
          onClose={() => setImporting(false)}
          onImported={(r) => {
            if (r.status === 'imported') setMessage({ kind: 'info', text: t('analytics.import.done', { rows: fmt.n(r.rows), added: fmt.n(r.added), updated: fmt.n(r.updated), total: fmt.n(r.total) }) });
            fitted.current = false;
          }}
        />
      ) : null}
      {message ? (
        <div className={`analytics-toast analytics-toast--${message.kind}`} onClick={() => setMessage(null)}>
          {message.text}
        </div>
      ) : null}
    </div>
  );
}
