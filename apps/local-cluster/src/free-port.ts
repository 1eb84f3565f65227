// A port for a server to listen on, from below the kernel's ephemeral range. A port the kernel
// hands out for `listen(0)` comes from that range, which is also where outgoing connections take
// their local ports: between choosing such a port and a child process binding it (nginx, a
// service), a database or broker connection may take it, and the bind fails. Below the range only
// listeners compete, and the bind test sees them.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** The lowest port outgoing connections use (Linux's ip_local_port_range; 32768 by default). */
function ephemeralFloor(): number {
  try {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/);
    return Number(low) || 32_768;
  } catch {
    return 32_768;
  }
}

const LOWEST = 20_000;

function canListen(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });
}

export async function freePort(): Promise<number> {
  const ceiling = ephemeralFloor();
  for (let attempt = 0; ceiling > LOWEST && attempt < 100; attempt++) {
    const port = LOWEST + Math.floor(Math.random() * (ceiling - LOWEST));
    if (await canListen(port)) return port;
  }
  throw new Error(`no free port between ${LOWEST} and ${ceiling}`);
}
