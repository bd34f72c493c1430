import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SMALL_COUNT, type BeforeAfterResult } from '../../../common/analytics/beforeAfter';
import type { AnalyticsCamera, CoverageFigures } from '../../../common/analytics/coverageModel';
import type { Hotspot, Suggestions } from '../../../common/analytics/hotspots';
import { DEFAULT_SPACING_M } from '../../../common/analytics/hotspots';
import { analyticsText, fill, interpretRelativeEffect } from '../../../common/analytics/text';
import { formatLocalDate } from '../../../common/analytics/time';
import type { ImportSummary } from '../../../common/contract/methods/analytics';
import type { formatters } from './format';

type Fmt = ReturnType<typeof formatters>;

/** The method text beside a figure: always one click away, never left out. */
function Method({ texts }: { texts: string[] }) {
  const { t } = useTranslation();
  return (
    <details className="analytics-method">
      <summary>{t('analytics.method')}</summary>
      {texts.map((text, i) => (
        <p key={i}>{text}</p>
      ))}
    </details>
  );
}

export function CoveragePanel({ coverage, fmt, label, cameras, bandwidth, onCamera }: { coverage: CoverageFigures | null; fmt: Fmt; label: (c: string) => string; cameras: number; bandwidth: number; onCamera(cameraId: string): void }) {
  const { t, i18n } = useTranslation();
  const [allCameras, setAllCameras] = useState(false);
  const text = analyticsText(i18n.language);
  if (!coverage) return <p className="analytics-muted">{t('analytics.computing')}</p>;
  const shown = allCameras ? coverage.perCamera : coverage.perCamera.slice(0, 12);
  return (
    <section className="analytics-panel" data-testid="coverage-panel">
      <div className="analytics-figure" data-testid="coverage-share" data-covered={coverage.covered} data-total={coverage.total} data-share={coverage.share}>
        <span className="analytics-figure__value">{coverage.total ? fmt.pct(coverage.share) : '—'}</span>
        <span className="analytics-figure__label">{t('analytics.coverage.share', { covered: fmt.n(coverage.covered), total: fmt.n(coverage.total) })}</span>
      </div>
      <p className="analytics-muted">{t('analytics.coverage.cameras', { cameras: fmt.n(cameras), none: fmt.n(coverage.camerasWithNone) })}</p>
      <h3>{t('analytics.coverage.byCategory')}</h3>
      <table className="analytics-table">
        <thead>
          <tr>
            <th>{t('analytics.category')}</th>
            <th className="num">{t('analytics.incidents')}</th>
            <th className="num">{t('analytics.coverage.inView')}</th>
            <th className="num">{t('analytics.coverage.shareShort')}</th>
          </tr>
        </thead>
        <tbody>
          {coverage.byCategory.map((c) => (
            <tr key={c.category} data-category={c.category}>
              <td>{label(c.category)}</td>
              <td className="num">{fmt.n(c.total)}</td>
              <td className="num">{fmt.n(c.covered)}</td>
              <td className="num">
                <span className="analytics-bar" style={{ width: `${Math.round(c.share * 40)}px` }} />
                {fmt.pct(c.share)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>{t('analytics.coverage.perCamera')}</h3>
      <table className="analytics-table analytics-table--click">
        <tbody>
          {shown.map((c) => (
            <tr key={c.cameraId} onClick={() => onCamera(c.cameraId)} data-camera={c.cameraId}>
              <td className="num">{c.number}</td>
              <td>{c.name}</td>
              <td className="num">{fmt.n(c.incidents)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {coverage.perCamera.length > 12 ? (
        <button type="button" className="analytics-link" onClick={() => setAllCameras(!allCameras)}>
          {allCameras ? t('analytics.coverage.fewer') : t('analytics.coverage.all', { count: coverage.perCamera.length })}
        </button>
      ) : null}
      <p className="analytics-muted">{text.perCameraNote}</p>
      <Method texts={[text.methodCoverage, fill(text.methodHeat, { bandwidth, cell: Math.round(bandwidth / 6) })]} />
    </section>
  );
}

export function HotspotsPanel({
  hotspots,
  suggestions,
  busy,
  fmt,
  label,
  bandwidth,
  onPlace,
}: {
  hotspots: Hotspot[] | null;
  suggestions: Suggestions | null;
  busy: boolean;
  fmt: Fmt;
  label: (c: string) => string;
  bandwidth: number;
  onPlace(lat: number, lng: number): void;
}) {
  const { t, i18n } = useTranslation();
  const text = analyticsText(i18n.language);
  if (!hotspots || !suggestions) return <p className="analytics-muted">{t('analytics.computing')}</p>;
  return (
    <section className="analytics-panel" data-testid="hotspots-panel" data-busy={busy}>
      {busy ? <p className="analytics-muted">{t('analytics.updating')}</p> : null}
      <h3>{t('analytics.hotspots.title')}</h3>
      {hotspots.length === 0 ? <p className="analytics-muted">{text.noHotspots}</p> : null}
      <ol className="analytics-list">
        {hotspots.map((h) => (
          <li key={h.rank} onClick={() => onPlace(h.centre.lat, h.centre.lng)} data-rank={h.rank}>
            <span className="analytics-pin analytics-pin--hotspot">{h.rank}</span>
            <span>
              <strong>{t('analytics.hotspots.count', { count: h.incidents, n: fmt.n(h.incidents), radius: h.radiusMetres })}</strong>
              <br />
              <span className="analytics-muted">{h.topCategories.map((c) => `${label(c.category)} ${fmt.n(c.count)}`).join(' · ')}</span>
            </span>
          </li>
        ))}
      </ol>
      <h3>{t('analytics.hotspots.suggested')}</h3>
      {suggestions.cameras.length === 0 ? <p className="analytics-muted">{text.noSuggestions}</p> : null}
      <ol className="analytics-list">
        {suggestions.cameras.map((s, i) => (
          <li key={i} onClick={() => onPlace(s.position.lat, s.position.lng)}>
            <span className="analytics-pin analytics-pin--suggestion">S{i + 1}</span>
            <span>
              <strong>{t('analytics.hotspots.newlyCovered', { n: fmt.n(s.newlyCovered), total: fmt.n(s.totalCovered) })}</strong>
              <br />
              <span className="analytics-muted">{t('analytics.hotspots.place', { heading: Math.round(s.heading), fov: Math.round(s.fov), range: Math.round(s.range), rank: s.hotspotRank })}</span>
            </span>
          </li>
        ))}
      </ol>
      <p className="analytics-note">{fill(text.assumptions, { fov: Math.round(suggestions.template.fov), range: Math.round(suggestions.template.range) })}</p>
      {suggestions.searched < suggestions.nearHotspots ? <p className="analytics-muted">{fill(text.sampleNote, { near: fmt.n(suggestions.nearHotspots), searched: fmt.n(suggestions.searched) })}</p> : null}
      <Method
        texts={[fill(text.methodHotspots, { radius: bandwidth }), fill(text.methodPlacement, { spacing: DEFAULT_SPACING_M, along: suggestions.candidateSource === 'grid' ? text.onGrid : text.alongStreets })]}
      />
    </section>
  );
}

export function BeforeAfterPanel({
  cameras,
  cameraId,
  weeks,
  result,
  busy,
  fmt,
  timeZone,
  onCamera,
  onWeeks,
}: {
  cameras: AnalyticsCamera[];
  cameraId: string | null;
  weeks: number;
  result: BeforeAfterResult | null;
  busy: boolean;
  fmt: Fmt;
  timeZone: string;
  onCamera(id: string): void;
  onWeeks(weeks: number): void;
}) {
  const { t, i18n } = useTranslation();
  const text = analyticsText(i18n.language);
  if (!cameras.length) return <p className="analytics-muted">{text.noInstalled}</p>;
  const row = (name: string, counts: BeforeAfterResult['target']) => (
    <tr>
      <td>{name}</td>
      <td className="num">{fmt.n(counts.before)}</td>
      <td className="num">{fmt.n(counts.after)}</td>
      <td className="num">{fmt.signedPct(counts.change)}</td>
    </tr>
  );
  return (
    <section className="analytics-panel" data-testid="before-after-panel" data-busy={busy}>
      <div className="analytics-row">
        <label>
          {t('analytics.beforeAfter.camera')}{' '}
          <select value={cameraId ?? ''} onChange={(e) => onCamera(e.target.value)}>
            {cameras.map((c) => (
              <option key={c.id} value={c.id}>
                {c.number} {c.name} ({c.installedAt})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('analytics.beforeAfter.weeks')}{' '}
          <select value={weeks} onChange={(e) => onWeeks(Number(e.target.value))}>
            {[4, 8, 12, 26, 52].map((w) => (
              <option key={w} value={w}>
                {w}
              </option>
            ))}
          </select>
        </label>
      </div>
      {/* The limits come first, before any number: this is a comparison, not an effect estimate. */}
      <p className="analytics-warning" data-testid="before-after-limits">
        {fill(text.limitsBeforeAfter, { small: SMALL_COUNT })}
      </p>
      {result ? (
        <>
          <p className="analytics-muted">
            {t('analytics.beforeAfter.windows', { from: formatLocalDate(result.beforeFrom, timeZone), install: formatLocalDate(result.installation, timeZone), to: formatLocalDate(result.afterTo - 1, timeZone) })}
          </p>
          <table className="analytics-table" data-testid="before-after-table">
            <thead>
              <tr>
                <th />
                <th className="num">{text.before}</th>
                <th className="num">{text.after}</th>
                <th className="num">{text.change}</th>
              </tr>
            </thead>
            <tbody>
              {row(text.target, result.target)}
              {row(fill(text.buffer, { buffer: Math.round(result.bufferMetres) }), result.buffer)}
              {row(text.comparison, result.comparison)}
            </tbody>
          </table>
          <p>
            <strong>{text.relativeEffect}: </strong>
            {result.relativeEffect ? `${result.relativeEffect.value.toFixed(2)} (${result.relativeEffect.low.toFixed(2)}–${result.relativeEffect.high.toFixed(2)})` : '—'}
          </p>
          <p className="analytics-note">{interpretRelativeEffect(text, result.relativeEffect)}</p>
          {result.warnings
            .filter((w) => w.code !== 'no_installation_date')
            .map((w) => (
              <p key={w.code} className="analytics-warning">
                {fill(text.warnings[w.code], { detail: w.code === 'window_incomplete' && w.detail?.includes('/') ? w.detail.split('/').map((d) => formatLocalDate(Date.parse(d), timeZone)).join(' – ') : (w.detail ?? '') })}
              </p>
            ))}
        </>
      ) : (
        <p className="analytics-muted">{t('analytics.computing')}</p>
      )}
      <Method texts={[fill(text.methodBeforeAfter, { weeks })]} />
    </section>
  );
}

export function DataPanel({
  imports,
  counts,
  canImport,
  fmt,
  timeZone,
  onRemove,
}: {
  imports: ImportSummary[];
  counts: { imported: number; bookmarks: number; bookmarksWithoutLocation: number; bookmarksReadable: boolean };
  canImport: boolean;
  fmt: Fmt;
  timeZone: string;
  onRemove(importId: string): void;
}) {
  const { t, i18n } = useTranslation();
  const text = analyticsText(i18n.language);
  return (
    <section className="analytics-panel" data-testid="data-panel">
      <p>{t('analytics.data.summary', { imported: fmt.n(counts.imported), bookmarks: fmt.n(counts.bookmarks) })}</p>
      {counts.bookmarksWithoutLocation ? <p className="analytics-muted">{t('analytics.data.noLocation', { count: counts.bookmarksWithoutLocation })}</p> : null}
      {!counts.bookmarksReadable ? <p className="analytics-muted">{t('analytics.data.noBookmarks')}</p> : null}
      <table className="analytics-table">
        <tbody>
          {imports.map((imp) => (
            <tr key={imp.importId}>
              <td>
                <strong>{imp.fileName}</strong>
                <br />
                <span className="analytics-muted">
                  {t('analytics.data.import', { date: formatLocalDate(Date.parse(imp.importedAt), timeZone), by: imp.by, rows: fmt.n(imp.rows), added: fmt.n(imp.added), updated: fmt.n(imp.updated), current: fmt.n(imp.current) })}
                </span>
              </td>
              <td>
                {canImport ? (
                  <button type="button" className="analytics-link" onClick={() => onRemove(imp.importId)}>
                    {t('analytics.data.remove')}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="analytics-muted">{text.limitsData}</p>
    </section>
  );
}
