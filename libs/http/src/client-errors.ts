// Errors Node's HTTP server answers itself, before a request reaches the app: a malformed
// request (400), headers too large (431), a request not received in time (408). Node would
// send them bare; here they are application/problem+json like every other error.
import { type Server, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { PROBLEM_JSON, problem } from './problem-details';

const BY_CODE: Readonly<Record<string, readonly [status: number, detail: string]>> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'The request was not received in time'],
  HPE_HEADER_OVERFLOW: [431, 'The request headers are too large'],
};

export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    // A socket that is gone, or that a response was already written to, only closes (as Node
    // does: it answers only while nothing has been written).
    if (error.code === 'ECONNRESET' || !socket.writable || (socket as Socket).bytesWritten > 0) {
      socket.destroy();
      return;
    }
    const [status, detail] = BY_CODE[error.code ?? ''] ?? [400, 'The request is not valid HTTP'];
    const body = JSON.stringify(problem(status, detail));
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${PROBLEM_JSON}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
