import { useEffect, useState } from 'react';
import type { LiveStatus } from '../../../common/contract/methods/map';
import type { WallApi } from '../../../common/contract/wallApi';

const EMPTY: LiveStatus = { rev: 0, cameras: {} };

/** Every camera's combined live state, kept current by `streams.changed`. */
export function useLiveStatus(api: WallApi): LiveStatus {
  const [status, setStatus] = useState<LiveStatus>(EMPTY);
  useEffect(() => {
    let alive = true;
    let pushed = false;
    const off = api.on('streams.changed', (next) => {
      pushed = true;
      if (alive) setStatus(next);
    });
    void api.call('streams.get', {}).then((result) => {
      // A push that arrived meanwhile is newer than this answer.
      if (alive && !pushed && result.ok) setStatus(result.value);
    });
    return () => {
      alive = false;
      off();
    };
  }, [api]);
  return status;
}
