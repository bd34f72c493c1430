import { useTranslation } from 'react-i18next';
import { presetLayout } from '../../../common/wall/layoutMath';
import type { WallAction } from '../../../common/wall/wallActions';
import type { Screen } from '../../../common/wall/wallSchema';
import { currentPreset, PRESETS_BY_TILES, presetTileCount } from '../keyboard/layoutSteps';
import { LayoutGlyph } from './LayoutGlyph';

/** The layout presets as buttons, fewest tiles first; the screen's current one is lit. */
export function PresetBar({ screen, dispatch }: { screen: Screen; dispatch: (action: WallAction) => void }) {
  const { t } = useTranslation();
  const current = currentPreset(screen.layout);
  return (
    <div className="preset-bar" role="toolbar" aria-label={t('layouts.presets')}>
      {PRESETS_BY_TILES.map((id) => (
        <button
          key={id}
          type="button"
          className={`preset-btn${current === id ? ' preset-btn--current' : ''}`}
          aria-pressed={current === id}
          title={t('layouts.presetHint', { tiles: presetTileCount(id) })}
          data-preset={id}
          onClick={() => dispatch({ type: 'screen.setLayout', screenId: screen.id, layout: { kind: 'preset', preset: id } })}
        >
          <LayoutGlyph layout={presetLayout(id)} />
          <span>{id}</span>
        </button>
      ))}
    </div>
  );
}
