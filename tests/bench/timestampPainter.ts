import { encodeTimestamp, TIMESTAMP_COLS, TIMESTAMP_ROWS } from './timestampCode';

/**
 * Paints raw yuv420p frames for the live source: the capture-time band (timestampCode.ts) over
 * a textured picture that pans a few pixels per frame. The motion matters: a still picture
 * encodes to near-empty P-frames, which would make decoding unrealistically cheap.
 */

/** Limited-range luma, as a camera's H.264 carries it. */
const Y_WHITE = 235;
const Y_BLACK = 16;
const PAN_PX_PER_FRAME = 4;

export interface FrameSize {
  width: number;
  height: number;
}

/** Height in pixels of the timestamp band for a picture of this width. */
export const bandHeight = (width: number): number => (width / TIMESTAMP_COLS) * TIMESTAMP_ROWS;

export class TimestampPainter {
  readonly frameBytes: number;
  private readonly block: number;
  private readonly band: number;
  /** Twice the picture width, so a pan offset in [0, width) is one contiguous row slice. */
  private readonly texture: Buffer;
  private readonly chroma: Buffer;
  private frame = 0;

  constructor(private readonly size: FrameSize) {
    const { width, height } = size;
    this.block = width / TIMESTAMP_COLS;
    // Even blocks keep each cell whole in the half-resolution chroma planes.
    if (!Number.isInteger(this.block) || this.block % 2 !== 0) throw new Error(`width ${width} must be a multiple of ${TIMESTAMP_COLS * 2}`);
    this.band = bandHeight(width);
    if (this.band >= height) throw new Error(`${width}×${height} leaves no picture under the timestamp band`);
    this.frameBytes = (width * height * 3) / 2;
    this.texture = makeTexture(width * 2, height);
    this.chroma = makeChroma(width, height, this.band);
  }

  /** The next frame, stamped with `captureMs`. A new buffer each time: the pipe may still hold the last. */
  paint(captureMs: number): Buffer {
    const { width, height } = this.size;
    const out = Buffer.allocUnsafe(this.frameBytes);
    const pan = (this.frame++ * PAN_PX_PER_FRAME) % width;
    for (let y = this.band; y < height; y++) {
      const row = y * width * 2 + pan;
      this.texture.copy(out, y * width, row, row + width);
    }
    const cells = encodeTimestamp(captureMs);
    for (let y = 0; y < this.band; y++) {
      const cellRow = Math.floor(y / this.block) * TIMESTAMP_COLS;
      for (let col = 0; col < TIMESTAMP_COLS; col++) {
        const start = y * width + col * this.block;
        out.fill(cells[cellRow + col] ? Y_WHITE : Y_BLACK, start, start + this.block);
      }
    }
    this.chroma.copy(out, width * height);
    return out;
  }
}

/** Luma: broad shapes (sines) plus fine detail (hashed 4×4 speckle), like a street scene. */
function makeTexture(width: number, height: number): Buffer {
  const t = Buffer.allocUnsafe(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      // Periodic over `width / 2` in x so the pan wraps without a seam.
      const phase = (2 * Math.PI * x) / (width / 2);
      const broad = 60 * Math.sin(phase * 3) * Math.cos(y / 11) + 30 * Math.sin(phase * 7 + y / 23);
      const cell = ((x % (width / 2)) >> 2) * 73856093 ^ (y >> 2) * 19349663;
      const speckle = ((cell >>> 0) % 41) - 20;
      t[y * width + x] = Math.max(Y_BLACK, Math.min(Y_WHITE, Math.round(126 + broad + speckle)));
    }
  }
  return t;
}

/** Both chroma planes: a gentle colour gradient, neutral under the band so it reads as pure grey. */
function makeChroma(width: number, height: number, band: number): Buffer {
  const cw = width / 2;
  const ch = height / 2;
  const planes = Buffer.alloc(cw * ch * 2, 128);
  for (let y = band / 2; y < ch; y++) {
    for (let x = 0; x < cw; x++) {
      planes[y * cw + x] = 128 + Math.round((40 * x) / cw - 20);
      planes[cw * ch + y * cw + x] = 128 + Math.round((40 * y) / ch - 20);
    }
  }
  return planes;
}
