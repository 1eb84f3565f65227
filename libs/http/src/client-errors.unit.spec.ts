// Node's own error responses, answered as problem+json on a real server and socket.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { answerClientErrors } from './client-errors';

async function exchange(server: Server, bytes: string): Promise<string> {
  const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
  await once(socket, 'connect');
  socket.write(bytes);
  let answer = '';
  socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
  await once(socket, 'close');
  return answer;
}

describe('answerClientErrors', () => {
  let server: Server;
  beforeAll(async () => {
    // Answers once the whole body is in, as the body parser does.
    server = createServer({ requestTimeout: 200, connectionsCheckingInterval: 50 }, (req, res) =>
      req.resume().on('end', () => res.end('ok')),
    );
    answerClientErrors(server);
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
  });
  afterAll(() => server.close());

  const statusAndBody = (answer: string) => {
    const [head, body] = answer.split('\r\n\r\n');
    return { status: head.split(' ')[1], type: head, body: JSON.parse(body) as { status: number } };
  };

  it('answers a malformed request with a 400 problem', async () => {
    const { status, type, body } = statusAndBody(await exchange(server, 'NONSENSE\r\n\r\n'));
    expect(status).toBe('400');
    expect(type).toMatch(/Content-Type: application\/problem\+json/);
    expect(body).toMatchObject({ status: 400, title: 'Bad request' });
  });

  it('answers a request that does not arrive in time with a 408 problem', async () => {
    const { status, body } = statusAndBody(
      await exchange(server, 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"a"'),
    );
    expect(status).toBe('408');
    expect(body).toMatchObject({ status: 408, title: 'Request timeout' });
  });
});
