import 'server-only';
import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy on loopback between the failure lab's engine and the lab Redis that holds every
 * chunk the client sends for `delayMs` (order kept), so each command pays that much extra
 * latency: Redis itself has no switch for that. Replies pass straight through.
 */
export class LatencyProxy {
  private delay = 0;
  private readonly sockets = new Set<Socket>();

  private readonly server: Server;
  private listening = 0;

  private constructor(upstream: { host: string; port: number }) {
    this.server = createServer((client) => this.pipe(client, upstream));
  }

  static async start(upstream: { host: string; port: number }): Promise<LatencyProxy> {
    const proxy = new LatencyProxy(upstream);
    proxy.listening = await new Promise<number>((resolve, reject) => {
      proxy.server.once('error', reject);
      proxy.server.listen(0, '127.0.0.1', () => {
        const address = proxy.server.address();
        if (typeof address === 'object' && address) resolve(address.port);
        else reject(new Error('the latency proxy has no port'));
      });
    });
    return proxy;
  }

  get port(): number {
    return this.listening;
  }

  get delayMs(): number {
    return this.delay;
  }

  setDelay(ms: number): void {
    this.delay = Math.max(0, ms);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private pipe(client: Socket, upstream: { host: string; port: number }) {
    const server = connect(upstream.port, upstream.host);
    this.sockets.add(client).add(server);
    // Each chunk leaves `delay` after it arrived, in arrival order: one queue, one timer at a time.
    const queue: { due: number; chunk: Buffer }[] = [];
    let timer: NodeJS.Timeout | null = null;
    const flush = () => {
      timer = null;
      while (queue.length > 0 && (queue[0]?.due ?? 0) <= Date.now()) {
        const next = queue.shift();
        if (next && server.writable) server.write(next.chunk);
      }
      if (queue.length > 0) timer = setTimeout(flush, (queue[0]?.due ?? 0) - Date.now());
    };
    client.on('data', (chunk: Buffer) => {
      queue.push({ due: Date.now() + this.delay, chunk });
      if (timer === null) flush();
    });
    server.on('data', (chunk) => client.writable && client.write(chunk));
    const end = () => {
      if (timer !== null) clearTimeout(timer);
      client.destroy();
      server.destroy();
      this.sockets.delete(client);
      this.sockets.delete(server);
    };
    for (const socket of [client, server]) {
      socket.on('error', end);
      socket.on('close', end);
    }
  }
}
