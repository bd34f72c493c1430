import type { Bookmark } from '../../../common/bookmarks/bookmarkSchemas';
import type { BookmarkCategory } from '../../../common/bookmarks/categories';

/**
 * What every VMS adapter does: make the VMS hold the current revision of one bookmark, exactly
 * once per camera, and throw a VmsError (permanent or not) when it cannot.
 */
export interface VmsAdapter {
  deliver(context: DeliveryContext): Promise<void>;
}

export interface DeliveryCamera {
  id: string;
  name?: string;
  /** The camera's id in this VMS; without one, VMSes that bookmark per device cannot mark it. */
  vmsDeviceId?: string;
}

export interface DeliveryContext {
  bookmark: Bookmark;
  category: BookmarkCategory;
  cameras: readonly DeliveryCamera[];
  /** Highest revision this target already confirmed; 0 = it has never had this bookmark. */
  deliveredRevision: number;
  /** The VMS's own ids of records already made, by camera id. */
  remoteIds: Readonly<Record<string, string>>;
  /**
   * Cameras whose create was sent without an answer being recorded (a crash, a timeout): the
   * VMS may already hold them, so look there before creating again.
   */
  unconfirmed: ReadonlySet<string>;
  /** Records on disk that a create is about to be sent; resolves once durable. */
  beforeCreate(cameraId: string): Promise<void>;
  /** Records on disk the VMS's id for what it created (or was found to hold). */
  created(cameraId: string, remoteId: string): Promise<void>;
  signal: AbortSignal;
}

/**
 * Where credentials come from. The Electron side implements it over safeStorage; main/services
 * never sees how secrets are kept, and the renderer never sees them at all.
 */
export interface SecretStore {
  get(ref: string): Promise<string | undefined>;
}

/** Marks a VMS record as made by Atalaya for this bookmark, so it can be found again. */
export const atalayaMarker = (bookmarkId: string) => `atalaya:${bookmarkId}`;
