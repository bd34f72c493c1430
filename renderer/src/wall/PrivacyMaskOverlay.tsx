import { useTranslation } from 'react-i18next';
import type { MaskPolygon } from '../../../common/contract/methods/masks';

export interface PrivacyMaskOverlayProps {
  polygons: readonly MaskPolygon[];
  /** Set while a supervisor has lifted the mask: the outline stays so everyone sees it is lifted. */
  liftedUntil?: number;
}

/** The colour masked pixels take; tests read it back from screenshots. */
export const MASK_FILL = 'rgb(64, 64, 64)';

/**
 * Privacy masks drawn over the picture, inside the tile's video box (which has the picture's
 * aspect ratio), so every view that shows a camera through a tile shows its masks.
 */
export function PrivacyMaskOverlay({ polygons, liftedUntil }: PrivacyMaskOverlayProps) {
  const { t } = useTranslation();
  if (polygons.length === 0) return null;
  const lifted = liftedUntil !== undefined;
  return (
    <svg className={`tile__mask${lifted ? ' tile__mask--lifted' : ''}`} viewBox="0 0 1 1" preserveAspectRatio="none" aria-label={lifted ? t('masks.lifted') : t('masks.masked')} data-mask={lifted ? 'lifted' : 'on'}>
      {polygons.map((polygon, i) => (
        <polygon key={i} points={polygon.map(([x, y]) => `${x},${y}`).join(' ')} fill={lifted ? 'none' : MASK_FILL} stroke={lifted ? '#d29922' : 'none'} strokeWidth={lifted ? 0.004 : 0} strokeDasharray={lifted ? '0.01 0.01' : undefined} />
      ))}
    </svg>
  );
}
