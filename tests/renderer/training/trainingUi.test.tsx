import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ExerciseState } from '../../../common/training/exerciseRun';
import { initI18n } from '../../../renderer/src/i18n/i18n';
import { BookmarkForm } from '../../../renderer/src/training/BookmarkForm';
import { ExerciseBanner } from '../../../renderer/src/training/ExerciseBanner';
import { Timeline } from '../../../renderer/src/training/Timeline';
import { categoryName } from '../../../renderer/src/training/trainingText';

beforeAll(async () => {
  await initI18n('en');
});
afterEach(cleanup);

const categories = [
  { id: 'incident', name: 'Incident', colour: '#e53935' },
  { id: 'fire', name: 'Fire', colour: '#ff5722' },
];

describe('bookmark form', () => {
  it('Enter saves with the chosen category and note; the form shows main’s refusal and stays open', async () => {
    const onSave = vi.fn(async () => 'the exercise has ended');
    render(<BookmarkForm placement="bottom" atS={83.4} cameras={['30 · Parque']} categories={categories} needsTrainee={false} onSave={onSave} onCancel={() => undefined} />);
    expect(screen.getByRole('dialog').textContent).toContain('1:23 · 30 · Parque');
    expect(screen.getByRole('dialog').textContent).toContain('never sent to a VMS');
    const select = screen.getByRole('combobox') as HTMLSelectElement;
    expect(document.activeElement).toBe(select);
    fireEvent.change(select, { target: { value: 'fire' } });
    fireEvent.change(screen.getByRole('textbox'), { target: { value: 'smoke by the bin' } });
    await act(async () => {
      fireEvent.keyDown(select, { key: 'Enter' });
    });
    expect(onSave).toHaveBeenCalledWith('fire', 'smoke by the bin');
    expect(screen.getByRole('alert').textContent).toBe('the exercise has ended');
  });

  it('Esc cancels', () => {
    const onCancel = vi.fn();
    render(<BookmarkForm placement="top" atS={0} cameras={['a']} categories={categories} needsTrainee onSave={async () => null} onCancel={onCancel} />);
    expect(screen.getByRole('dialog').textContent).toContain('Pick your name in the banner first.');
    fireEvent.keyDown(screen.getByRole('textbox'), { key: 'Escape' });
    expect(onCancel).toHaveBeenCalled();
  });
});

describe('timeline', () => {
  it('a click seeks to the time under the pointer', () => {
    const onSeek = vi.fn();
    render(<Timeline durationS={180} positionS={30} markers={[{ id: 'J1', atS: 48, kind: 'inject', colour: '#f00', title: 'call' }]} ranges={[{ id: 'I1', startS: 25, endS: 45, colour: '#0f0', title: 'I1' }]} onSeek={onSeek} label="t" />);
    const track = document.querySelector('[data-timeline]') as HTMLElement;
    track.getBoundingClientRect = () => ({ left: 100, width: 600, top: 0, height: 30, right: 700, bottom: 30, x: 100, y: 0, toJSON: () => ({}) });
    fireEvent.mouseDown(track, { clientX: 400 });
    expect(onSeek).toHaveBeenCalledWith(90);
    expect(document.querySelectorAll('[data-marker="inject"]')).toHaveLength(1);
  });
});

describe('exercise banner', () => {
  const state = (patch: Partial<ExerciseState>): ExerciseState => ({
    instance: 'x',
    rev: 1,
    phase: 'running',
    source: '/x.json',
    exercise: { title: 'Drill', description: '', durationS: 180, categories: [], screens: [], injects: [] },
    clock: { playing: true, positionS: 0, atMs: 0, speed: 4, seq: 1 },
    trainees: [
      { id: 'ana', name: 'Ana' },
      { id: 'bea', name: 'Bea' },
    ],
    runId: 'r',
    bookmarks: [],
    report: null,
    ...patch,
  });

  it('says EXERCISE, what the clock is doing, and lets the window pick its trainee', () => {
    const onTrainee = vi.fn();
    const { rerender } = render(<ExerciseBanner state={state({})} position={75} bookmarkKey="B" traineeId={null} onTrainee={onTrainee} pickTrainee />);
    const banner = screen.getByRole('banner');
    expect(banner.textContent).toContain('EXERCISE');
    expect(banner.textContent).toContain('Running 4×');
    expect(banner.textContent).toContain('1:15 / 3:00');
    expect(banner.textContent).toContain('Click a tile, then B to bookmark');
    fireEvent.change(screen.getByRole('combobox'), { target: { value: 'bea' } });
    expect(onTrainee).toHaveBeenCalledWith('bea');
    rerender(<ExerciseBanner state={state({ clock: { playing: false, positionS: 75, atMs: 0, speed: 1, seq: 2 } })} position={75} bookmarkKey="B" traineeId="ana" onTrainee={onTrainee} pickTrainee={false} />);
    expect(screen.getByRole('banner').textContent).toContain('Paused');
    rerender(<ExerciseBanner state={state({ phase: 'ended' })} position={180} bookmarkKey="B" traineeId="ana" onTrainee={onTrainee} pickTrainee={false} />);
    expect(screen.getByRole('banner').textContent).toContain('Ended — not live');
  });

  it('names categories in the UI language, English when the exercise has no translation', () => {
    expect(categoryName({ names: { en: 'Fire', es: 'Incendio' } }, 'es-AR')).toBe('Incendio');
    expect(categoryName({ names: { en: 'Fire', es: 'Incendio' } }, 'pt')).toBe('Fire');
  });
});
