/**
 * What the reducer needs to know about the site: which cameras exist and which call-up number
 * names which camera. Built by main from the loaded site, rebuilt when the site changes.
 */
export interface WallContext {
  cameraIds: ReadonlySet<string>;
  cameraIdByNumber: ReadonlyMap<number, string>;
}

export function wallContextOf(cameras: ReadonlyArray<{ id: string; number: number }>): WallContext {
  return {
    cameraIds: new Set(cameras.map((c) => c.id)),
    cameraIdByNumber: new Map(cameras.map((c) => [c.number, c.id])),
  };
}
