import { describe, expect, it } from 'vitest';
import { LabelPlacer, labelAnchor, placeStreetLabels, pointAlong, rotatedBox, uprightAngle } from '../../../../common/map/streetLabels';

describe('street labels', () => {
  it('stay upright whichever way the street was drawn', () => {
    expect(uprightAngle(0)).toBe(0);
    expect(uprightAngle(180)).toBe(0);
    expect(uprightAngle(-90)).toBe(90);
    expect(uprightAngle(90)).toBe(90);
    expect(uprightAngle(135)).toBe(-45);
    expect(uprightAngle(-135)).toBe(45);
    expect(uprightAngle(400)).toBe(40);
  });

  it('anchor at the middle of the line by length, along the segment there', () => {
    const anchor = labelAnchor([{ x: 0, y: 0 }, { x: 100, y: 0 }, { x: 100, y: 300 }]);
    expect(anchor).toMatchObject({ x: 100, y: 100, angle: 90, length: 400 });
    expect(pointAlong([{ x: 0, y: 0 }, { x: 10, y: 10 }], 100)).toBeNull();
    expect(labelAnchor([{ x: 5, y: 5 }])).toBeNull();
    expect(labelAnchor([{ x: 5, y: 5 }, { x: 5, y: 5 }])).toBeNull();
  });

  it('box a turned label', () => {
    const box = rotatedBox({ x: 0, y: 0 }, 100, 10, 90);
    expect(box.maxX).toBeCloseTo(5);
    expect(box.maxY).toBeCloseTo(50);
  });

  it('are placed where they fit, repeated along long streets, never overlapping, only in view', () => {
    const long = { name: 'Avenida Larga', points: [{ x: 0, y: 100 }, { x: 2000, y: 100 }] };
    const crossing = { name: 'Calle Corta', points: [{ x: 500, y: 0 }, { x: 500, y: 200 }] };
    const tiny = { name: 'Pasaje con nombre largo', points: [{ x: 10, y: 300 }, { x: 60, y: 300 }] };
    const parallel = { name: 'Avenida Larga bis', points: [{ x: 0, y: 104 }, { x: 2000, y: 104 }] };
    const labels = placeStreetLabels([long, crossing, tiny, parallel], { fontPx: 11, viewport: { minX: 0, minY: 0, maxX: 1280, maxY: 720 }, repeatPx: 500 });
    const names = labels.map((l) => l.name);
    expect(names.filter((n) => n === 'Avenida Larga')).toHaveLength(3); // 4 along it, 1 off screen
    expect(names).toContain('Calle Corta');
    expect(names).not.toContain('Pasaje con nombre largo');
    expect(names).not.toContain('Avenida Larga bis');
    for (const l of labels) expect(l.x).toBeLessThanOrEqual(1280);
  });

  it('avoid boxes already taken by place names', () => {
    const placer = new LabelPlacer();
    placer.tryPlace({ minX: 0, minY: 0, maxX: 400, maxY: 200 });
    const labels = placeStreetLabels([{ name: 'Calle', points: [{ x: 0, y: 100 }, { x: 400, y: 100 }] }], { fontPx: 11, placer });
    expect(labels).toEqual([]);
    expect(placer.count).toBe(1);
  });
});
