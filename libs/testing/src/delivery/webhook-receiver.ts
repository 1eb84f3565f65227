// A local HTTP receiver of webhooks for tests: records every request (headers and raw body) and
// answers 500 to the first `failFirst` requests of each webhook-id, then 204.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitUntil } from './smtp-sink';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
  at: number;
}

export interface WebhookReceiver {
  url: string;
  requests: ReceivedWebhook[];
  waitFor(
    count: number,
    filter?: (request: ReceivedWebhook) => boolean,
    timeoutMs?: number,
  ): Promise<ReceivedWebhook[]>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(
  options: { failFirst?: number } = {},
): Promise<WebhookReceiver> {
  const requests: ReceivedWebhook[] = [];
  const seen = new Map<string, number>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const id = String(req.headers['webhook-id']);
      const count = (seen.get(id) ?? 0) + 1;
      seen.set(id, count);
      const status = count <= (options.failFirst ?? 0) ? 500 : 204;
      requests.push({
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        status,
        at: Date.now(),
      });
      res.statusCode = status;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/weerbaar`,
    requests,
    waitFor: (count, filter = () => true, timeoutMs = 10_000) =>
      waitUntil(
        () => {
          const found = requests.filter(filter);
          return found.length >= count ? found : undefined;
        },
        timeoutMs,
        `${count} webhooks`,
      ),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
