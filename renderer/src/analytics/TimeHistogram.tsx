import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TimeHistogram as Histogram } from '../../../common/analytics/incidentTable';
import { formatLocalDate } from '../../../common/analytics/time';

export interface TimeHistogramProps {
  histogram: Histogram | null;
  timeZone: string;
  /** The selected date range (epoch ms, `to` exclusive), or null for all. */
  range: { from: number; to: number } | null;
  onRange(range: { from: number; to: number } | null): void;
}

const HEIGHT = 84;
const AXIS = 16;

/**
 * Incidents per day/week/month with a brush: drag across the bars to filter to those dates (the
 * selection snaps to whole bins), click once to clear. The bars show every other filter, so the
 * brush always sees the whole timeline; the selected part is drawn darker.
 */
export function TimeHistogram({ histogram, timeZone, range, onRange }: TimeHistogramProps) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(600);
  const [drag, setDrag] = useState<{ a: number; b: number } | null>(null);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setWidth(Math.max(200, el.clientWidth)));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const bins = histogram?.counts.length ?? 0;
  const bw = bins ? width / bins : 0;
  const max = Math.max(1, ...(histogram?.counts ?? [0]));
  const binAt = (x: number) => Math.min(bins - 1, Math.max(0, Math.floor(x / (bw || 1))));
  const xOf = (event: React.PointerEvent) => event.clientX - (box.current?.getBoundingClientRect().left ?? 0);

  const selectedBins = (() => {
    if (drag) return [Math.min(drag.a, drag.b), Math.max(drag.a, drag.b)] as const;
    if (!range || !histogram) return null;
    const edges = histogram.edges;
    let first = edges.findIndex((e) => e >= range.from);
    if (first < 0) first = bins;
    let last = edges.findIndex((e) => e >= range.to) - 1;
    if (last < 0) last = bins - 1;
    return [first, Math.max(first, last)] as const;
  })();

  const onDown = (event: React.PointerEvent<SVGSVGElement>) => {
    if (!bins) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    const bin = binAt(xOf(event));
    setDrag({ a: bin, b: bin });
  };
  const onMove = (event: React.PointerEvent<SVGSVGElement>) => {
    if (drag) setDrag({ ...drag, b: binAt(xOf(event)) });
  };
  const onUp = () => {
    if (!drag || !histogram) return;
    const [a, b] = [Math.min(drag.a, drag.b), Math.max(drag.a, drag.b)];
    setDrag(null);
    // A click without a drag clears the selection.
    if (a === b && range) onRange(null);
    else onRange({ from: histogram.edges[a]!, to: histogram.edges[b + 1]! });
  };

  const unit = histogram?.unit ?? 'day';
  const labelEvery = Math.max(1, Math.ceil(bins / Math.max(2, Math.floor(width / 90))));
  return (
    <div className="analytics-histogram" ref={box} data-testid="time-histogram">
      <div className="analytics-histogram__head">
        <span>{t('analytics.time.title', { unit: t(`analytics.time.unit.${unit}`) })}</span>
        {range ? (
          <span className="analytics-histogram__range">
            {formatLocalDate(range.from, timeZone)} – {formatLocalDate(range.to - 1, timeZone)}
            <button type="button" onClick={() => onRange(null)}>
              {t('analytics.time.clear')}
            </button>
          </span>
        ) : (
          <span className="analytics-muted">{t('analytics.time.hint')}</span>
        )}
      </div>
      <svg width={width} height={HEIGHT} onPointerDown={onDown} onPointerMove={onMove} onPointerUp={onUp} role="img" aria-label={t('analytics.time.title', { unit })}>
        {histogram?.counts.map((count, i) => {
          const h = ((HEIGHT - AXIS - 4) * count) / max;
          const sel = histogram.selected[i] ?? 0;
          const hs = ((HEIGHT - AXIS - 4) * sel) / max;
          const inBrush = selectedBins ? i >= selectedBins[0] && i <= selectedBins[1] : true;
          return (
            <g key={i}>
              <rect x={i * bw + 0.5} y={HEIGHT - AXIS - h} width={Math.max(1, bw - 1)} height={h} className="analytics-histogram__bar" />
              {inBrush ? <rect x={i * bw + 0.5} y={HEIGHT - AXIS - hs} width={Math.max(1, bw - 1)} height={hs} className="analytics-histogram__bar--selected" /> : null}
              {i % labelEvery === 0 ? (
                <text x={i * bw + 1} y={HEIGHT - 3} className="analytics-histogram__label">
                  {formatLocalDate(histogram.edges[i]!, timeZone)}
                </text>
              ) : null}
            </g>
          );
        })}
        {selectedBins ? <rect x={selectedBins[0] * bw} y={0} width={(selectedBins[1] - selectedBins[0] + 1) * bw} height={HEIGHT - AXIS} className="analytics-histogram__brush" /> : null}
      </svg>
    </div>
  );
}
