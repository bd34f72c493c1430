import { z } from 'zod';
import { VmsTargetSchema } from './vmsTargets';

/**
 * The site file: everything Atalaya knows about one monitoring centre's cameras, map and VMS.
 * Unknown fields are rejected (`strict`) so a typo in a hand-edited file is reported, not ignored.
 */

/** `sim://<cameraId>/<main|sub>` names a stream of the built-in simulator; main resolves it. */
export const STREAM_URL_SCHEMES = ['http:', 'https:', 'ws:', 'wss:', 'sim:'] as const;

const streamUrl = z
  .string()
  .refine(
    (value) => {
      try {
        const url = new URL(value);
        return (STREAM_URL_SCHEMES as readonly string[]).includes(url.protocol) && url.host !== '';
      } catch {
        return false;
      }
    },
    { message: `must be an absolute URL with one of the schemes ${STREAM_URL_SCHEMES.join(' ')}` },
  )
  // Credentials in a URL would sit in the site file in clear and travel to every window.
  .refine((value) => !/^[a-z]+:\/\/[^/?#]*@/i.test(value), { message: 'must not contain a user name or password: store them in the credential store and name them with "secretRef"' });

export const LatLngSchema = z
  .object({
    lat: z.number().min(-90).max(90),
    lng: z.number().min(-180).max(180),
  })
  .strict();

export const StreamSchema = z
  .object({
    url: streamUrl,
    format: z.enum(['flv', 'mpegts']),
    quality: z.enum(['main', 'sub']),
    width: z.number().int().positive().max(16384),
    height: z.number().int().positive().max(16384),
    fps: z.number().positive().max(240),
    /**
     * Credentials for an HTTP(S) stream ("user:password"), kept encrypted by main and added by the
     * stream scheme / relay as HTTP Basic auth; never sent to a window.
     */
    secretRef: z.string().min(1).max(120).optional(),
  })
  .strict();

export const CameraIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1–64 letters, digits, - or _');

export const CameraSchema = z
  .object({
    id: CameraIdSchema,
    /** The operator's call-up number, typed on the keyboard. */
    number: z.number().int().min(1).max(99999),
    name: z.string().min(1).max(120),
    streams: z.array(StreamSchema).min(1),
    engine: z.enum(['mpegts', 'flv']).default('mpegts'),
    position: LatLngSchema,
    /** Degrees clockwise from north the camera looks at. */
    heading: z.number().min(0).max(360),
    /** Horizontal field of view in degrees. */
    fov: z.number().gt(0).max(360),
    /** How far the camera usefully sees, in metres. */
    range: z.number().positive().max(20000),
    tags: z.array(z.string().min(1).max(60)).default([]),
    vmsDeviceId: z.string().min(1).max(200).optional(),
    /** Permission group (see the security issue); cameras without one are in "default". */
    group: z.string().min(1).max(60).optional(),
    /** ISO date the camera went into service, for before/after analysis. */
    installedAt: z.iso.date().optional(),
    /** Floor id when the camera is placed on a floor plan instead of the street map. */
    floor: z.string().min(1).max(60).optional(),
  })
  .strict();

export const BasemapSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('demo') }).strict(),
  z
    .object({
      type: z.literal('xyz'),
      url: z.string().min(1),
      attribution: z.string().optional(),
      maxZoom: z.number().int().min(0).max(24).optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('wms'),
      url: z.string().min(1),
      layers: z.string().min(1),
      format: z.string().default('image/png'),
      attribution: z.string().optional(),
    })
    .strict(),
  z.object({ type: z.literal('pmtiles'), path: z.string().min(1), attribution: z.string().optional() }).strict(),
]);

export const FloorSchema = z
  .object({
    id: z.string().min(1).max(60),
    name: z.string().min(1).max(120),
    /** Image path, relative to the site file. */
    image: z.string().min(1),
    /** Image size in plan units (pixels or metres): the overlay spans [0,0]–[height,width]. */
    width: z.number().positive(),
    height: z.number().positive(),
  })
  .strict();

export const MapSettingsSchema = z
  .object({
    center: LatLngSchema,
    zoom: z.number().int().min(0).max(22),
    minZoom: z.number().int().min(0).max(22).optional(),
    maxZoom: z.number().int().min(0).max(24).optional(),
    basemap: BasemapSchema,
    floors: z.array(FloorSchema).default([]),
  })
  .strict();

export const SiteSchema = z
  .object({
    name: z.string().min(1).max(120),
    cameras: z.array(CameraSchema),
    map: MapSettingsSchema,
    vms: z.array(VmsTargetSchema).default([]),
  })
  .strict()
  .superRefine((site, ctx) => {
    const seenIds = new Map<string, number>();
    const seenNumbers = new Map<number, number>();
    site.cameras.forEach((camera, index) => {
      const idAt = seenIds.get(camera.id);
      if (idAt !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['cameras', index, 'id'], message: `duplicate camera id "${camera.id}" (also cameras[${idAt}])` });
      } else seenIds.set(camera.id, index);
      const numberAt = seenNumbers.get(camera.number);
      if (numberAt !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['cameras', index, 'number'], message: `duplicate camera number ${camera.number} (also cameras[${numberAt}])` });
      } else seenNumbers.set(camera.number, index);
    });
    const floorIds = new Set(site.map.floors.map((f) => f.id));
    site.cameras.forEach((camera, index) => {
      if (camera.floor !== undefined && !floorIds.has(camera.floor)) {
        ctx.addIssue({ code: 'custom', path: ['cameras', index, 'floor'], message: `unknown floor "${camera.floor}"` });
      }
    });
    const targetIds = new Set<string>();
    site.vms.forEach((target, index) => {
      if (targetIds.has(target.id)) ctx.addIssue({ code: 'custom', path: ['vms', index, 'id'], message: `duplicate VMS target id "${target.id}"` });
      targetIds.add(target.id);
    });
  });

export type LatLng = z.infer<typeof LatLngSchema>;
export type Stream = z.infer<typeof StreamSchema>;
export type Camera = z.infer<typeof CameraSchema>;
export type MapSettings = z.infer<typeof MapSettingsSchema>;
export type Site = z.infer<typeof SiteSchema>;
/** The site file as written (defaults not yet applied). */
export type SiteInput = z.input<typeof SiteSchema>;
