import type { DeliveryCamera, DeliveryContext } from './adapter';
import { VmsError } from './vmsError';

/**
 * The create-or-update loop shared by VMSes that keep one record per camera and name it
 * themselves (Nx, Milestone, Frigate). None of them takes a client-chosen id, so a create is not
 * idempotent: the attempt is journaled before it is sent, and a camera whose create went out
 * without a recorded answer is looked up in the VMS before anything is sent again.
 */
export interface PerCameraOps {
  /** The VMS's name, for messages. */
  vms: string;
  create(camera: DeliveryCamera & { vmsDeviceId: string }): Promise<string>;
  update(camera: DeliveryCamera & { vmsDeviceId: string }, remoteId: string): Promise<void>;
  /** The id of the record this bookmark already has on this camera, if any. */
  find(camera: DeliveryCamera & { vmsDeviceId: string }): Promise<string | undefined>;
  /** What a create cannot carry, sent once its id is on disk (a failure here is retried as an edit). */
  afterCreate?(camera: DeliveryCamera & { vmsDeviceId: string }, remoteId: string): Promise<void>;
  /** Throws (permanently) when a new record can no longer be made, before anything is sent. */
  checkCanCreate?(): void;
}

export async function deliverPerCamera(context: DeliveryContext, ops: PerCameraOps): Promise<void> {
  const mapped = context.cameras.filter((c): c is DeliveryCamera & { vmsDeviceId: string } => c.vmsDeviceId !== undefined);
  const unmapped = context.cameras.filter((c) => c.vmsDeviceId === undefined).map((c) => c.id);
  if (mapped.length === 0) throw new VmsError(`no ${ops.vms} device id for camera ${unmapped.join(', ')}`, { permanent: true });
  // Behind: this target has not confirmed the current revision (an edit, or a partial delivery).
  const behind = context.bookmark.revision > context.deliveredRevision;

  for (const camera of mapped) {
    const known = context.remoteIds[camera.id];
    if (known !== undefined) {
      if (behind) await ops.update(camera, known);
      continue;
    }
    if (context.unconfirmed.has(camera.id)) {
      const found = await ops.find(camera);
      if (found !== undefined) {
        await context.created(camera.id, found);
        // It may hold an older revision than the one to deliver now.
        await ops.update(camera, found);
        continue;
      }
    }
    ops.checkCanCreate?.();
    await context.beforeCreate(camera.id);
    const remoteId = await ops.create(camera);
    await context.created(camera.id, remoteId);
    await ops.afterCreate?.(camera, remoteId);
  }

  // The mapped cameras are marked; the rest is a site configuration error for the administrator.
  if (unmapped.length > 0) {
    throw new VmsError(`marked ${mapped.length} camera(s); no ${ops.vms} device id for ${unmapped.join(', ')}`, { permanent: true });
  }
}
