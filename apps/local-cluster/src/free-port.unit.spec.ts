import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { freePort } from './free-port';

it('gives ports below the range outgoing connections use, each free to listen on', async () => {
  const floor = Number(
    readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').split(/\s+/)[0],
  );
  const ports = await Promise.all(Array.from({ length: 20 }, () => freePort()));
  for (const port of ports) {
    expect(port).toBeGreaterThanOrEqual(20_000);
    expect(port).toBeLessThan(floor);
  }
  const server = createServer();
  await new Promise<void>((done) => server.listen(ports[0], '127.0.0.1', done));
  server.close();
});
