/**
 * Where the bookmark form goes: never over the video it is about. Beside the (first) bookmarked
 * tile if there is room, else below, to the left or above it, else in a corner of the screen
 * clear of every bookmarked tile; and when the tiles leave no such room (one tile filling the
 * screen, a maximized tile), in a rail at the right edge that the wall gives up its width to.
 * Pure geometry, so it is tested without a browser.
 */

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface Size {
  width: number;
  height: number;
}

export type FormPlacement = { kind: 'float'; left: number; top: number } | { kind: 'rail' };

/** Space kept between the form and the tile and the screen's edge. */
export const FORM_GAP = 8;

const clamp = (value: number, min: number, max: number) => Math.max(min, Math.min(max, value));

function overlaps(a: Rect, b: Rect): boolean {
  return a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;
}

function inside(r: Rect, viewport: Size): boolean {
  return r.left >= 0 && r.top >= 0 && r.left + r.width <= viewport.width && r.top + r.height <= viewport.height;
}

export function placeForm(viewport: Size, avoid: readonly Rect[], form: Size, gap = FORM_GAP): FormPlacement {
  const fits = (left: number, top: number) => {
    const r = { left, top, width: form.width, height: form.height };
    return inside(r, viewport) && avoid.every((a) => !overlaps(r, a));
  };
  const maxLeft = viewport.width - form.width - gap;
  const maxTop = viewport.height - form.height - gap;
  const candidates: Array<[number, number]> = [];
  const primary = avoid[0];
  if (primary) {
    const alignTop = clamp(primary.top, gap, maxTop);
    const alignLeft = clamp(primary.left, gap, maxLeft);
    candidates.push(
      [primary.left + primary.width + gap, alignTop], // right
      [alignLeft, primary.top + primary.height + gap], // below
      [primary.left - gap - form.width, alignTop], // left
      [alignLeft, primary.top - gap - form.height], // above
    );
  }
  candidates.push([maxLeft, gap], [maxLeft, maxTop], [gap, maxTop], [gap, gap]);
  for (const [left, top] of candidates) if (fits(left, top)) return { kind: 'float', left: Math.round(left), top: Math.round(top) };
  return { kind: 'rail' };
}
