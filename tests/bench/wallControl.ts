import WebSocket from 'ws';
import type { WallChangedSchema } from '../../common/contract/contract';
import { presetLayout, type LayoutPresetId } from '../../common/wall/layoutMath';
import type { WallAction } from '../../common/wall/wallActions';
import type { z } from 'zod';

/**
 * Drives the wall through the contract, as any web client would: JSON-RPC 2.0 over the web
 * host's WebSocket at /api. The bench prepares each view (grid + cameras) once as a saved
 * layout, so showing one is a single `screen.setLayout` — the switch an operator makes.
 */

type WallChanged = z.output<typeof WallChangedSchema>;

export interface View {
  name: string;
  preset: LayoutPresetId;
  cameraIds: string[];
}

export class WallControl {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly savedIds = new Map<string, string>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { id?: number; result?: unknown; error?: { message: string } };
      // Push notifications (wall.changed…) carry no id.
      const waiter = message.id === undefined ? undefined : this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id!);
      if (message.error) waiter.reject(new Error(`wall API: ${message.error.message}`));
      else waiter.resolve(message.result);
    });
  }

  static async connect(hostUrl: string): Promise<WallControl> {
    const socket = new WebSocket(`${hostUrl.replace(/^http/, 'ws')}/api`);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new WallControl(socket);
  }

  private call<T>(method: string, params: unknown): Promise<T> {
    const id = this.nextId++;
    this.socket.send(JSON.stringify({ jsonrpc: '2.0', id, method, params }));
    return new Promise((resolve, reject) => this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject }));
  }

  /** A site other than the demo: every connection signs in before it may touch the wall. */
  async login(credentials: { username: string; password: string }): Promise<void> {
    await this.call('auth.login', credentials);
  }

  dispatch(action: WallAction): Promise<WallChanged> {
    return this.call('wall.dispatch', { action });
  }

  /** Saves the view once (as a shared layout with its tiles) and remembers its id. */
  async save(view: View): Promise<void> {
    if (this.savedIds.has(view.name)) return;
    const layout = presetLayout(view.preset);
    if (view.cameraIds.length !== layout.cells.length) throw new Error(`view ${view.name}: ${view.cameraIds.length} cameras for ${layout.cells.length} cells`);
    const tiles = view.cameraIds.map((cameraId) => ({ kind: 'camera' as const, cameraId }));
    const changed = await this.dispatch({ type: 'layout.save', name: view.name, shared: true, source: { kind: 'layout', layout, tiles } });
    const saved = changed.state.layouts.find((l) => l.name === view.name);
    if (!saved) throw new Error(`view ${view.name} was not saved`);
    this.savedIds.set(view.name, saved.id);
  }

  /** Puts the view on screen 1 (saving it first if needed). */
  async show(view: View): Promise<void> {
    await this.save(view);
    await this.dispatch({ type: 'screen.setLayout', screenId: '1', layout: { kind: 'saved', layoutId: this.savedIds.get(view.name)! } });
  }

  close(): void {
    this.socket.close();
  }
}
