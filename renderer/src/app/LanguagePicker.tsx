import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { WallApi } from '../../../common/contract/wallApi';
import type { AppStore } from './appStore';

const CHOICES = ['auto', 'es', 'pt', 'en'] as const;

/**
 * The language setting: "auto" follows the operating system's locale. Saved in main, so every
 * window of the wall switches together.
 */
export function LanguagePicker({ api, store }: { api: WallApi; store: AppStore }) {
  const { t } = useTranslation();
  const snapshot = useSyncExternalStore(store.subscribe, store.get);
  const current = snapshot.settings?.locale ?? 'auto';
  return (
    <select className="select" value={current} aria-label={t('app.language')} data-language onChange={(e) => void api.call('settings.set', { locale: e.target.value as (typeof CHOICES)[number] })}>
      {CHOICES.map((choice) => (
        <option key={choice} value={choice}>
          {t(`languages.${choice}`)}
        </option>
      ))}
    </select>
  );
}
