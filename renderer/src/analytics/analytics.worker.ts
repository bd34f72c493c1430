import { Computer, type Request } from './compute';

// The analytics window's computations, off the UI thread: one message in, one reply out, in order.
const computer = new Computer();

self.onmessage = (event: MessageEvent<Request>) => {
  const { reply, transfer } = computer.handle(event.data);
  (self as unknown as { postMessage(message: unknown, transfer: Transferable[]): void }).postMessage(reply, transfer);
};
