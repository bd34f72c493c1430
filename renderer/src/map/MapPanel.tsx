import type { LoadedSite } from '../../../common/contract/contract';
import type { WallApi } from '../../../common/contract/wallApi';
import type { WallState } from '../../../common/wall/wallSchema';

export interface MapPanelProps {
  api: WallApi;
  site: LoadedSite;
  wall: WallState;
  /** The wall screen the map works with: its selected tile is highlighted, clicks send cameras there. */
  screenId: string;
}

/** The map of the site's cameras, linked to the wall (built out by the map work). */
export function MapPanel({ site }: MapPanelProps) {
  return <div className="map-panel" data-panel="map" data-cameras={site.site.cameras.length} />;
}
