import { useTranslation } from 'react-i18next';
import type { WallApi } from '../../../common/contract/wallApi';

const VIEWS = ['map', 'trainer', 'analytics'] as const;

/**
 * Opens the other windows of the app from the console: the desktop app asks main for a window
 * (windows are main's, and may not open themselves); a browser opens a tab.
 */
export function ViewLinks({ api, screenId }: { api: WallApi; screenId: string }) {
  const { t } = useTranslation();
  const open = (view: (typeof VIEWS)[number]) => {
    if (api.transport === 'ipc') void api.call('app.openView', { view, screenId });
    else window.open(`?view=${view}&screen=${encodeURIComponent(screenId)}`, '_blank', 'noopener');
  };
  return (
    <nav className="view-links" aria-label={t('app.views.label')}>
      {VIEWS.map((view) => (
        <button key={view} type="button" className="btn" onClick={() => open(view)} data-open-view={view}>
          {t(`app.views.${view}`)}
        </button>
      ))}
    </nav>
  );
}
