import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { DELIVERY_STATES, type BookmarkView } from '../../../common/bookmarks/bookmarkSchemas';
import { categoryName, type BookmarkCategory } from '../../../common/bookmarks/categories';
import type { BookmarkExportFormat, TargetView } from '../../../common/contract/methods/bookmarks';
import type { WallApi } from '../../../common/contract/wallApi';
import type { Camera } from '../../../common/site/siteSchema';
import type { AppStore } from '../app/appStore';
import { downloadText, usePermissions } from '../console/consoleSupport';
import { bookmarkClientFor, type BookmarkClient } from './bookmarkClient';
import { BookmarkForm, localeOf } from './BookmarkForm';
import { DeliveryBadge, DeliveryDetails, secondsUntil, useTick } from './DeliveryBadge';
import type { ListFilter } from './incidentList';
import { showCamerasActions } from './openOnWall';
import { useIncidentList } from './useIncidentList';
import './bookmarks.css';

const RANGES = [
  { id: 'all', ms: null },
  { id: '1h', ms: 3_600_000 },
  { id: '8h', ms: 8 * 3_600_000 },
  { id: '24h', ms: 24 * 3_600_000 },
  { id: '7d', ms: 7 * 24 * 3_600_000 },
  { id: 'custom', ms: null },
] as const;
type RangeId = (typeof RANGES)[number]['id'];

interface Filters {
  range: RangeId;
  /** datetime-local text, for 'custom'. */
  from: string;
  to: string;
  cameraId: string;
  category: string;
  delivery: string;
  targetId: string;
}

const NO_FILTERS: Filters = { range: 'all', from: '', to: '', cameraId: '', category: '', delivery: '', targetId: '' };

function listFilter(f: Filters, now: number): ListFilter {
  const range = RANGES.find((r) => r.id === f.range);
  const from = f.range === 'custom' ? (f.from ? new Date(f.from).getTime() : undefined) : range?.ms ? now - range.ms : undefined;
  const to = f.range === 'custom' && f.to ? new Date(f.to).getTime() : undefined;
  return {
    ...(from !== undefined && Number.isFinite(from) ? { from: Math.max(0, from) } : {}),
    ...(to !== undefined && Number.isFinite(to) ? { to: Math.max(0, to) } : {}),
    ...(f.cameraId ? { cameraId: f.cameraId } : {}),
    ...(f.category ? { category: f.category } : {}),
    ...(f.delivery ? { delivery: f.delivery as ListFilter['delivery'] } : {}),
    ...(f.targetId ? { targetId: f.targetId } : {}),
  };
}

/**
 * The console's incident list: every bookmark newest first with its delivery, filtered by time,
 * camera, category and delivery state; the state of each VMS target (connected, retrying in N s,
 * failing and why) with manual retry; a bookmark's cameras put on the target screen; edits; CSV
 * and GeoJSON export. Says so plainly when VMS credentials are not in an OS-protected store.
 */
export function IncidentsPanel({ api, store, screenId }: { api: WallApi; store: AppStore; screenId: string }) {
  const { t, i18n } = useTranslation();
  const locale = localeOf(i18n.language);
  const client = useMemo(() => bookmarkClientFor(api), [api]);
  const snapshot = useSyncExternalStore(store.subscribe, store.get);
  const permissions = usePermissions(api);
  const canRead = permissions?.has('bookmark.read') ?? false;
  const canCreate = permissions?.has('bookmark.create') ?? false;
  const canExport = permissions?.has('export.create') ?? false;
  const canSetCredentials = permissions?.has('secrets.manage') ?? false;
  const [categories, setCategories] = useState<BookmarkCategory[]>([]);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  // The rolling ranges ("last hour") are taken from when the filter was chosen.
  const [filterAt, setFilterAt] = useState(() => client.serverNow());
  const filter = useMemo(() => listFilter(filters, filterAt), [filters, filterAt]);
  const list = useIncidentList(api, client, filter, canRead);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [editing, setEditing] = useState<BookmarkView | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [wide, setWide] = useState(false);

  const cameras = useMemo(() => new Map<string, Camera>(snapshot.site?.site.cameras.map((c) => [c.id, c]) ?? []), [snapshot.site]);
  const cameraList = useMemo(() => [...cameras.values()].sort((a, b) => a.number - b.number), [cameras]);
  const categoryById = useMemo(() => new Map(categories.map((c) => [c.id, c])), [categories]);

  useEffect(() => {
    if (!canRead) return;
    let live = true;
    void client
      .categories()
      .then((c) => live && setCategories(c))
      .catch(() => undefined);
    void client.refreshTargets();
    return () => {
      live = false;
    };
  }, [client, canRead, snapshot.connected]);

  useEffect(() => {
    if (message === null) return;
    const timer = setTimeout(() => setMessage(null), 5000);
    return () => clearTimeout(timer);
  }, [message]);

  const setFilter = (patch: Partial<Filters>) => {
    setFilters((f) => ({ ...f, ...patch }));
    setFilterAt(client.serverNow());
  };

  const cameraLabel = (id: string) => {
    const camera = cameras.get(id);
    return camera ? `${camera.number} ${camera.name}` : id;
  };

  const showOnWall = async (bookmark: BookmarkView) => {
    const screen = store.get().wall?.state.screens.find((s) => s.id === screenId);
    if (!screen) return;
    for (const action of showCamerasActions(screen, bookmark.cameraIds.filter((id) => cameras.has(id)))) {
      const result = await api.call('wall.dispatch', { action });
      if (!result.ok) return setMessage(result.error.message);
    }
    setMessage(t('bookmarks.list.opened', { cameras: bookmark.cameraIds.map((id) => cameras.get(id)?.number ?? id).join(', '), screen: screenId }));
  };

  const retry = async (params: { bookmarkId?: string; targetId?: string }) => {
    const result = await api.call('bookmarks.retry', params);
    setMessage(result.ok ? t('bookmarks.list.retried', { count: result.value.retried }) : result.error.message);
  };

  const exportAs = async (format: BookmarkExportFormat) => {
    const result = await api.call('bookmarks.export', { format, filter, language: locale });
    if (!result.ok) return setMessage(t('bookmarks.export.failed', { message: result.error.message }));
    downloadText(result.value.fileName, result.value.text, result.value.mimeType);
    setMessage(t('bookmarks.export.done', { count: result.value.count }));
  };

  const toggle = (id: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  if (permissions !== null && !canRead) {
    return (
      <section className="panel console__incidents incidents" data-panel="incidents" aria-label={t('bookmarks.list.title')}>
        <header className="panel__header">
          <h2>{t('bookmarks.list.title')}</h2>
        </header>
        <p className="muted incidents__empty">{t('bookmarks.list.notAllowed')}</p>
      </section>
    );
  }

  return (
    <section className={`panel console__incidents incidents${wide ? ' incidents--wide' : ''}`} data-panel="incidents" aria-label={t('bookmarks.list.title')}>
      <header className="panel__header incidents__header">
        <h2>{t('bookmarks.list.title')}</h2>
        <span className="panel__count" data-incident-count={list.total}>
          {t('bookmarks.list.count', { shown: list.items.length, total: list.total })}
        </span>
        {canExport ? (
          <span className="incidents__export" aria-label={t('bookmarks.export.title')}>
            <button type="button" className="btn btn--small" onClick={() => void exportAs('csv')} data-export="csv">
              ⤓ CSV
            </button>
            <button type="button" className="btn btn--small" onClick={() => void exportAs('geojson')} data-export="geojson">
              ⤓ GeoJSON
            </button>
          </span>
        ) : null}
        <button type="button" className="btn btn--small btn--icon" onClick={() => setWide((w) => !w)} aria-pressed={wide} title={wide ? t('bookmarks.list.narrow') : t('bookmarks.list.wide')}>
          {wide ? '⤡' : '⤢'}
        </button>
      </header>

      <TargetsBar client={client} api={api} canRetry={canCreate} canSetCredentials={canSetCredentials} onMessage={setMessage} onRetry={(targetId) => void retry({ targetId })} />

      <div className="incidents__filters" role="group" aria-label={t('bookmarks.filter.title')}>
        <select className="select" value={filters.range} onChange={(e) => setFilter({ range: e.target.value as RangeId })} aria-label={t('bookmarks.filter.time')} data-filter="time">
          {RANGES.map((r) => (
            <option key={r.id} value={r.id}>
              {t(`bookmarks.filter.range.${r.id}`)}
            </option>
          ))}
        </select>
        {filters.range === 'custom' ? (
          <>
            <input type="datetime-local" className="select" value={filters.from} onChange={(e) => setFilter({ from: e.target.value })} aria-label={t('bookmarks.filter.from')} />
            <input type="datetime-local" className="select" value={filters.to} onChange={(e) => setFilter({ to: e.target.value })} aria-label={t('bookmarks.filter.to')} />
          </>
        ) : null}
        <select className="select" value={filters.cameraId} onChange={(e) => setFilter({ cameraId: e.target.value })} aria-label={t('bookmarks.filter.camera')} data-filter="camera">
          <option value="">{t('bookmarks.filter.anyCamera')}</option>
          {cameraList.map((c) => (
            <option key={c.id} value={c.id}>
              {c.number} · {c.name}
            </option>
          ))}
        </select>
        <select className="select" value={filters.category} onChange={(e) => setFilter({ category: e.target.value })} aria-label={t('bookmarks.filter.category')} data-filter="category">
          <option value="">{t('bookmarks.filter.anyCategory')}</option>
          {categories.map((c) => (
            <option key={c.id} value={c.id}>
              {categoryName(c, locale)}
            </option>
          ))}
        </select>
        <select className="select" value={filters.delivery} onChange={(e) => setFilter({ delivery: e.target.value })} aria-label={t('bookmarks.filter.delivery')} data-filter="delivery">
          <option value="">{t('bookmarks.filter.anyDelivery')}</option>
          {(['local', ...DELIVERY_STATES] as const).map((s) => (
            <option key={s} value={s}>
              {t(`bookmarks.delivery.${s}`)}
            </option>
          ))}
        </select>
        {(client.targets?.targets.length ?? 0) > 1 ? (
          <select className="select" value={filters.targetId} onChange={(e) => setFilter({ targetId: e.target.value })} aria-label={t('bookmarks.filter.target')} data-filter="target">
            <option value="">{t('bookmarks.filter.anyTarget')}</option>
            {client.targets!.targets.map((target) => (
              <option key={target.targetId} value={target.targetId}>
                {target.name}
              </option>
            ))}
          </select>
        ) : null}
        {JSON.stringify(filters) !== JSON.stringify(NO_FILTERS) ? (
          <button type="button" className="btn btn--small" onClick={() => setFilter(NO_FILTERS)}>
            {t('bookmarks.filter.clear')}
          </button>
        ) : null}
      </div>

      {message !== null ? (
        <div className="incidents__message" role="status">
          {message}
        </div>
      ) : null}
      {list.error !== null ? (
        <div className="incidents__message incidents__message--bad" role="alert">
          {list.error}
        </div>
      ) : null}

      {editing && categories.length > 0 ? (
        <BookmarkForm
          key={editing.id}
          api={api}
          mode={{ kind: 'edit', bookmark: editing, cameras: editing.cameraIds.flatMap((id) => (cameras.has(id) ? [cameras.get(id)!] : [])) }}
          categories={categories}
          className="bookmark-form--inline"
          onCancel={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            setMessage(t('bookmarks.list.saved'));
          }}
        />
      ) : null}

      <ol className="incidents__list" data-incident-list>
        {list.items.map((b) => {
          const category = categoryById.get(b.category);
          const open = expanded.has(b.id);
          const canRetryThis = canCreate && Object.values(b.deliveries).some((d) => d.state === 'failed' || d.state === 'retrying');
          return (
            <li key={b.id} className={`incident${open ? ' incident--open' : ''}`} style={{ ['--cat' as string]: category?.colour ?? '#607d8b' }} data-bookmark-id={b.id} data-delivery={b.delivery}>
              <button type="button" className="incident__main" onClick={() => toggle(b.id)} aria-expanded={open}>
                <span className="incident__dot" aria-hidden />
                <span className="incident__time" title={new Date(b.time).toLocaleString(i18n.language)}>
                  {formatWhen(b.time, i18n.language)}
                </span>
                <span className="incident__category">{category ? categoryName(category, locale) : b.category}</span>
                <span className={`incident__priority priority--${b.priority}`}>{t(`bookmarks.priority.${b.priority}`)}</span>
                <DeliveryBadge bookmark={b} client={client} />
              </button>
              <div className="incident__sub">
                <span className="incident__cameras">{b.cameraIds.map(cameraLabel).join(', ')}</span>
                <span className="incident__by">{t('bookmarks.list.by', { operator: b.operator })}</span>
                {b.revision > 1 ? <span className="incident__by">{t('bookmarks.list.editedBy', { operator: b.updatedBy, revision: b.revision })}</span> : null}
              </div>
              {b.note ? <div className={`incident__note${open ? '' : ' incident__note--clip'}`}>{b.note}</div> : null}
              {open ? (
                <div className="incident__details">
                  <div className="incident__window">
                    {t('bookmarks.list.window', { from: new Date(b.startTime).toLocaleTimeString(i18n.language), to: new Date(b.endTime).toLocaleTimeString(i18n.language) })}
                    {b.location ? ` · ${b.location.lat.toFixed(5)}, ${b.location.lng.toFixed(5)}` : ''}
                  </div>
                  <DeliveryDetails bookmark={b} client={client} />
                </div>
              ) : null}
              <div className="incident__actions">
                <button type="button" className="btn btn--small" onClick={() => void showOnWall(b)} data-action="open">
                  {t('bookmarks.list.open')}
                </button>
                {canCreate ? (
                  <button type="button" className="btn btn--small" onClick={() => setEditing(b)} data-action="edit">
                    {t('bookmarks.list.edit')}
                  </button>
                ) : null}
                {canRetryThis ? (
                  <button type="button" className="btn btn--small" onClick={() => void retry({ bookmarkId: b.id })} data-action="retry">
                    {t('bookmarks.list.retry')}
                  </button>
                ) : null}
              </div>
            </li>
          );
        })}
      </ol>
      {list.items.length === 0 && !list.loading ? <p className="muted incidents__empty">{t('bookmarks.list.empty')}</p> : null}
      {list.items.length < list.total ? (
        <button type="button" className="btn btn--small incidents__more" onClick={list.loadMore} disabled={list.loading}>
          {t('bookmarks.list.more', { count: list.total - list.items.length })}
        </button>
      ) : null}
    </section>
  );
}

function formatWhen(time: number, language: string): string {
  const date = new Date(time);
  const today = new Date();
  const sameDay = date.toDateString() === today.toDateString();
  return sameDay ? date.toLocaleTimeString(language) : date.toLocaleString(language, { dateStyle: 'short', timeStyle: 'medium' });
}

/** Each VMS target's state, its queue, manual retry, and its credential (set by those allowed). */
function TargetsBar({ client, api, canRetry, canSetCredentials, onMessage, onRetry }: { client: BookmarkClient; api: WallApi; canRetry: boolean; canSetCredentials: boolean; onMessage: (m: string) => void; onRetry: (targetId: string) => void }) {
  const { t } = useTranslation();
  const targets = useSyncExternalStore(client.subscribeTargets, () => client.targets);
  useTick((targets?.targets ?? []).some((x) => x.state === 'retrying'));
  const [credentialFor, setCredentialFor] = useState<string | null>(null);
  if (!targets) return null;
  if (targets.targets.length === 0) return <p className="muted targets__none">{t('bookmarks.targets.none')}</p>;
  const usesCredentials = targets.targets.some((x) => x.credential !== 'none');
  return (
    <div className="targets" data-targets>
      {!targets.credentialStore.secure && usesCredentials ? (
        <details className="targets__insecure" role="note" data-insecure-credentials>
          <summary>⚠ {t('bookmarks.targets.insecureShort')}</summary>
          <p>{t('bookmarks.targets.insecure', { description: targets.credentialStore.description })}</p>
        </details>
      ) : null}
      {targets.targets.map((target) => (
        <div key={target.targetId} className={`target target--${target.state}`} data-target-id={target.targetId} data-target-state={target.state}>
          <span className="target__dot" aria-hidden />
          <span className="target__name">{target.name}</span>
          <span className="target__type">{target.type}</span>
          <span className="target__state">{targetStateText(target, client, t)}</span>
          <span className="target__queue">{t('bookmarks.targets.queue', { pending: target.pending, failed: target.failed })}</span>
          {canRetry && (target.pending > 0 || target.failed > 0) ? (
            <button type="button" className="btn btn--small" onClick={() => onRetry(target.targetId)} data-action="retry-target">
              {t('bookmarks.targets.retry')}
            </button>
          ) : null}
          {target.lastError && target.state !== 'connected' ? (
            <span className="target__reason">
              {target.status !== undefined ? `HTTP ${target.status} · ` : ''}
              {target.lastError}
            </span>
          ) : null}
          {target.credential === 'missing' || target.credential === 'unreadable' ? (
            <span className="target__credential">
              ⚠ {t(`bookmarks.targets.credential.${target.credential}`)}
              {canSetCredentials ? (
                <button type="button" className="btn btn--small" onClick={() => setCredentialFor(target.targetId)}>
                  {t('bookmarks.targets.setCredential')}
                </button>
              ) : null}
            </span>
          ) : canSetCredentials && target.credential === 'set' ? (
            <button type="button" className="btn btn--small target__change" onClick={() => setCredentialFor(target.targetId)}>
              {t('bookmarks.targets.changeCredential')}
            </button>
          ) : null}
          {credentialFor === target.targetId ? <CredentialForm api={api} target={target} onDone={(ok, m) => { setCredentialFor(null); if (ok) client.setTargets(ok); onMessage(m); }} /> : null}
        </div>
      ))}
    </div>
  );
}

function targetStateText(target: TargetView, client: BookmarkClient, t: TFunction): string {
  if (target.state === 'retrying' && target.nextAttemptAt !== undefined) return t('bookmarks.targets.state.retrying', { seconds: secondsUntil(target.nextAttemptAt, client.serverNow()) });
  return t(`bookmarks.targets.state.${target.state}`);
}

/** Write-only: the value goes to main's encrypted store and is never shown or sent back. */
function CredentialForm({ api, target, onDone }: { api: WallApi; target: TargetView; onDone: (targets: Parameters<BookmarkClient['setTargets']>[0] | null, message: string) => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="credential-form"
      onSubmit={async (e) => {
        e.preventDefault();
        if (value === '' || busy) return;
        setBusy(true);
        const result = await api.call('bookmarks.setCredential', { targetId: target.targetId, value });
        setBusy(false);
        setValue('');
        onDone(result.ok ? result.value : null, result.ok ? t('bookmarks.targets.credentialSaved') : result.error.message);
      }}
    >
      <input type="password" autoComplete="off" className="select" value={value} onChange={(e) => setValue(e.target.value)} aria-label={t('bookmarks.targets.credentialLabel', { target: target.name })} placeholder={t('bookmarks.targets.credentialLabel', { target: target.name })} autoFocus />
      <button type="submit" className="btn btn--small btn--primary" disabled={value === '' || busy}>
        {t('bookmarks.targets.credentialSave')}
      </button>
      <button type="button" className="btn btn--small" onClick={() => onDone(null, '')}>
        {t('bookmarks.form.cancel')}
      </button>
    </form>
  );
}
