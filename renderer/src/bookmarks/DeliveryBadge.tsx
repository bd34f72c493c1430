import { useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { BookmarkView, DeliveryState } from '../../../common/bookmarks/bookmarkSchemas';
import type { BookmarkClient } from './bookmarkClient';

/** Re-renders every second while `active`, for countdowns. */
export function useTick(active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

/** Whole seconds from main's `now` to `at`, never below zero. */
export const secondsUntil = (at: number, serverNow: number) => Math.max(0, Math.ceil((at - serverNow) / 1000));

type Delivery = Pick<BookmarkView, 'delivery' | 'deliveries'>;

/** The one word for a bookmark's delivery, with the countdown when it waits for a retry. */
export function DeliveryBadge({ bookmark, client }: { bookmark: Delivery; client: BookmarkClient }) {
  const { t } = useTranslation();
  const retrying = Object.values(bookmark.deliveries).filter((d): d is Extract<DeliveryState, { state: 'retrying' }> => d.state === 'retrying');
  useTick(retrying.length > 0);
  const next = retrying.length > 0 ? Math.min(...retrying.map((d) => d.nextAttemptAt)) : undefined;
  return (
    <span className={`delivery delivery--${bookmark.delivery}`} data-delivery={bookmark.delivery}>
      {t(`bookmarks.delivery.${bookmark.delivery}`)}
      {next !== undefined ? ` · ${t('bookmarks.delivery.retryingIn', { seconds: secondsUntil(next, client.serverNow()) })}` : ''}
    </span>
  );
}

/** What happened at each VMS target, one line each: state, revision, attempt, the VMS's words. */
export function DeliveryDetails({ bookmark, client }: { bookmark: Delivery; client: BookmarkClient }) {
  const { t, i18n } = useTranslation();
  const targets = useSyncExternalStore(client.subscribeTargets, () => client.targets);
  const entries = Object.entries(bookmark.deliveries);
  useTick(entries.some(([, d]) => d.state === 'retrying'));
  if (entries.length === 0) return <p className="muted delivery-details__none">{t('bookmarks.delivery.local')}</p>;
  const nameOf = (id: string) => targets?.targets.find((x) => x.targetId === id)?.name ?? id;
  return (
    <ul className="delivery-details">
      {entries.map(([targetId, d]) => (
        <li key={targetId} data-delivery-target={targetId} data-delivery-state={d.state}>
          <span className="delivery-details__target">{nameOf(targetId)}</span>
          <span className={`delivery delivery--${d.state}`}>{t(`bookmarks.delivery.${d.state}`)}</span>
          <span className="delivery-details__info">
            {d.state === 'delivered'
              ? t('bookmarks.delivery.deliveredAt', { revision: d.revision, time: new Date(d.at).toLocaleTimeString(i18n.language) })
              : d.state === 'failed'
                ? `${d.status !== undefined ? `HTTP ${d.status} · ` : ''}${d.message}`
                : d.state === 'retrying'
                  ? `${t('bookmarks.delivery.retryingIn', { seconds: secondsUntil(d.nextAttemptAt, client.serverNow()) })} · ${t('bookmarks.delivery.attempt', { attempt: d.attempt })} · ${d.lastError}`
                  : d.state === 'delivering'
                    ? t('bookmarks.delivery.attempt', { attempt: d.attempt })
                    : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}
