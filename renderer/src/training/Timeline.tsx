import { formatPosition } from '../../../common/training/exerciseClock';

export interface TimelineMarker {
  id: string;
  atS: number;
  kind: 'inject' | 'bookmark';
  colour: string;
  title: string;
}

export interface TimelineRange {
  id: string;
  startS: number;
  endS: number;
  colour: string;
  title: string;
}

function ticks(durationS: number): number[] {
  const step = [5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600].find((s) => durationS / s <= 12) ?? 3600;
  const out: number[] = [];
  for (let s = 0; s <= durationS; s += step) out.push(s);
  return out;
}

/**
 * The exercise's time line: injects (flags), expected incidents (bars, trainer only), bookmarks
 * (dots) and the playhead. A click seeks there.
 */
export function Timeline({ durationS, positionS, markers, ranges, onSeek, label }: { durationS: number; positionS: number; markers: TimelineMarker[]; ranges: TimelineRange[]; onSeek?: (positionS: number) => void; label: string }) {
  const pct = (s: number) => `${(Math.max(0, Math.min(durationS, s)) / Math.max(durationS, 1e-9)) * 100}%`;
  return (
    <div className="timeline" aria-label={label}>
      <div
        className={`timeline__track${onSeek ? ' timeline__track--seekable' : ''}`}
        data-timeline
        onMouseDown={(event) => {
          if (!onSeek) return;
          const rect = event.currentTarget.getBoundingClientRect();
          onSeek(Math.round(((event.clientX - rect.left) / rect.width) * durationS * 10) / 10);
        }}
      >
        {ranges.map((r) => (
          <div key={r.id} className="timeline__range" title={r.title} style={{ left: pct(r.startS), width: `calc(${pct(r.endS)} - ${pct(r.startS)})`, background: r.colour }} />
        ))}
        {markers.map((m) => (
          <div key={`${m.kind}-${m.id}`} className={`timeline__marker timeline__marker--${m.kind}`} title={m.title} data-marker={m.kind} style={{ left: pct(m.atS), background: m.colour }} />
        ))}
        <div className="timeline__played" style={{ width: pct(positionS) }} />
        <div className="timeline__head" style={{ left: pct(positionS) }} />
      </div>
      <div className="timeline__ticks">
        {ticks(durationS).map((s) => (
          <span key={s} style={{ left: pct(s) }}>
            {formatPosition(s)}
          </span>
        ))}
      </div>
    </div>
  );
}
