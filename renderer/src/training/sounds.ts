/**
 * Inject sounds, synthesised with WebAudio: nothing to ship, nothing to fetch in an air-gapped
 * room. A browser may keep audio suspended until someone clicks the page; then the inject is
 * still shown, only silent.
 */
let context: AudioContext | null = null;

function audio(): AudioContext | null {
  try {
    context ??= new AudioContext();
    if (context.state === 'suspended') void context.resume().catch(() => undefined);
    return context;
  } catch {
    return null;
  }
}

function tone(ctx: AudioContext, frequency: number, start: number, length: number, type: OscillatorType, volume: number): void {
  const osc = ctx.createOscillator();
  const gain = ctx.createGain();
  osc.type = type;
  osc.frequency.value = frequency;
  gain.gain.setValueAtTime(0, start);
  gain.gain.linearRampToValueAtTime(volume, start + 0.02);
  gain.gain.setValueAtTime(volume, start + length - 0.05);
  gain.gain.linearRampToValueAtTime(0, start + length);
  osc.connect(gain).connect(ctx.destination);
  osc.start(start);
  osc.stop(start + length + 0.02);
}

export function playInjectSound(sound: 'none' | 'chime' | 'alarm'): void {
  if (sound === 'none') return;
  const ctx = audio();
  if (!ctx) return;
  const t = ctx.currentTime + 0.02;
  if (sound === 'chime') {
    tone(ctx, 880, t, 0.25, 'sine', 0.2);
    tone(ctx, 1320, t + 0.25, 0.4, 'sine', 0.2);
  } else {
    for (let i = 0; i < 4; i++) tone(ctx, i % 2 === 0 ? 960 : 720, t + i * 0.3, 0.28, 'square', 0.08);
  }
}

/** Call from a click handler: a user gesture lets the browser start audio. */
export function unlockAudio(): void {
  audio();
}
