import { describe, expect, it } from 'vitest';
import { combineReports, reportedStateOf } from '../../../../common/map/liveStatus';

describe('live state for the map', () => {
  it('a tile state becomes a report; idle says nothing', () => {
    expect(reportedStateOf('idle')).toBeNull();
    expect(reportedStateOf('live')).toBe('live');
    expect(reportedStateOf('live', true)).toBe('degraded');
    expect(reportedStateOf('reconnecting')).toBe('reconnecting');
    expect(reportedStateOf('error')).toBe('error');
  });

  it('the best picture anyone has wins', () => {
    expect(combineReports([])).toBe('unknown');
    expect(combineReports(['offline', 'live'])).toBe('live');
    expect(combineReports(['error', 'reconnecting'])).toBe('degraded');
    expect(combineReports(['connecting'])).toBe('degraded');
    expect(combineReports(['degraded', 'offline'])).toBe('degraded');
    expect(combineReports(['error', 'offline'])).toBe('offline');
  });
});
