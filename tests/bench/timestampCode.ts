/**
 * The capture-time code painted into every benchmark frame and read back from every presented
 * frame in the page. Pure (no DOM, no Node): the painter imports it in Node and the page probe
 * gets it transpiled into the page (see pageScript.ts).
 *
 * The code is a band across the top of the picture, TIMESTAMP_COLS × TIMESTAMP_ROWS cells, each
 * cell a square block 1/TIMESTAMP_COLS of the picture wide: 16 px at 320×180, 32 px at 640×360,
 * so blocks sit on H.264 macroblocks and survive heavy quantisation. Cells in reading order:
 *   4 start-marker cells (white, black, white, black) — also the reader's white/black reference,
 *   44 data bits, the capture time in ms since the epoch, most significant first (until 2527),
 *   8 bits of CRC-8 over the data, so a torn or smeared frame is rejected instead of misread,
 *   4 end-marker cells (black, white, black, white).
 */

export const TIMESTAMP_COLS = 20;
export const TIMESTAMP_ROWS = 3;
export const TIMESTAMP_CELLS = TIMESTAMP_COLS * TIMESTAMP_ROWS;
const DATA_BITS = 44;
const CRC_BITS = 8;
const START_MARKER = [1, 0, 1, 0];
const END_MARKER = [0, 1, 0, 1];
const DATA_AT = START_MARKER.length;
const CRC_AT = DATA_AT + DATA_BITS;
const END_AT = CRC_AT + CRC_BITS;
const MAX_MS = 2 ** DATA_BITS - 1;
/** A read is trusted only when the picture still tells white from black by this much (0–255). */
const MIN_CONTRAST = 64;

/** CRC-8/SMBUS (polynomial 0x07) over the data bits taken 8 at a time, the last group short. */
function crc8(bits: readonly number[]): number {
  let crc = 0;
  for (let i = 0; i < bits.length; i += 8) {
    let byte = 0;
    for (let j = i; j < i + 8 && j < bits.length; j++) byte = (byte << 1) | bits[j]!;
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 0x80 ? ((crc << 1) ^ 0x07) & 0xff : (crc << 1) & 0xff;
  }
  return crc;
}

/** 44 bits, most significant first. Plain arithmetic: the value is wider than 32-bit bit ops. */
function msToBits(ms: number): number[] {
  const bits: number[] = [];
  let rest = ms;
  for (let i = DATA_BITS - 1; i >= 0; i--) {
    const weight = 2 ** i;
    const bit = rest >= weight ? 1 : 0;
    bits.push(bit);
    rest -= bit * weight;
  }
  return bits;
}

/** The cells to paint for a capture time: 1 = white, 0 = black. */
export function encodeTimestamp(ms: number): number[] {
  const whole = Math.floor(ms);
  if (!(whole >= 0 && whole <= MAX_MS)) throw new RangeError(`capture time ${ms} does not fit ${DATA_BITS} bits`);
  const data = msToBits(whole);
  const crc = crc8(data);
  const crcBits = Array.from({ length: CRC_BITS }, (_, i) => (crc >> (CRC_BITS - 1 - i)) & 1);
  return [...START_MARKER, ...data, ...crcBits, ...END_MARKER];
}

/**
 * Reads the capture time back from the brightness (0–255) sampled at the centre of each cell,
 * in reading order. Returns null unless the markers, the contrast and the CRC all agree.
 */
export function decodeTimestamp(levels: ArrayLike<number>): number | null {
  if (levels.length !== TIMESTAMP_CELLS) return null;
  const markers = [...START_MARKER.map((bit, i) => [bit, levels[i]!]), ...END_MARKER.map((bit, i) => [bit, levels[END_AT + i]!])];
  const whites = markers.filter(([bit]) => bit === 1).map(([, level]) => level!);
  const blacks = markers.filter(([bit]) => bit === 0).map(([, level]) => level!);
  const white = Math.min(...whites);
  const black = Math.max(...blacks);
  if (white - black < MIN_CONTRAST) return null;
  const threshold = (white + black) / 2;
  const bits = Array.from({ length: TIMESTAMP_CELLS }, (_, i): number => (levels[i]! > threshold ? 1 : 0));
  const data = bits.slice(DATA_AT, CRC_AT);
  let crc = 0;
  for (let i = CRC_AT; i < END_AT; i++) crc = (crc << 1) | bits[i]!;
  if (crc !== crc8(data)) return null;
  return data.reduce<number>((ms, bit) => ms * 2 + bit, 0);
}
