// One process at a time on an embedded data directory: PGlite keeps no lock of its own, and two
// processes writing the same files would corrupt them. The lock is a listening Unix-domain
// socket named after the directory. The kernel releases it when the holder's descriptors close,
// at exit or at SIGKILL, before the dead process is reaped; a pid file instead outlives its
// process, and a zombie or a reused pid makes it look held.
import { createHash } from 'node:crypto';
import { mkdirSync, realpathSync, unlinkSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { join } from 'node:path';

export class DataDirLockedError extends Error {
  constructor(dataDir: string, pid: number | undefined) {
    super(
      `The data directory ${dataDir} is in use by ${pid === undefined ? 'another process' : `process ${pid}`}. Stop that process first (a running platform, or a CLI command).`,
    );
    this.name = 'DataDirLockedError';
  }
}

/**
 * `abstract`: Linux's abstract socket namespace, no file, gone with the holder's descriptors.
 * `file`: a socket file in the data directory, for other systems; one left by a dead holder
 * refuses connections and is replaced.
 */
export type LockNamespace = 'abstract' | 'file';

export interface LockOptions {
  namespace?: LockNamespace;
}

/** The lock's release: stops listening, so that the next process can take it. Idempotent. */
export type ReleaseLock = () => Promise<void>;

const HOLDER_ANSWER_MS = 1_000;
/**
 * How long a holder that does not answer may take to go. The threads of a killed process exit
 * one by one, and its socket is released with the last of them: for a few milliseconds it is
 * still bound but accepts no one.
 */
const DYING_HOLDER_MS = 3_000;

/** Takes the lock of the data directory or throws DataDirLockedError naming the holder. */
export async function lockDataDir(
  dataDir: string,
  options: LockOptions = {},
): Promise<ReleaseLock> {
  mkdirSync(dataDir, { recursive: true });
  const namespace = options.namespace ?? (process.platform === 'linux' ? 'abstract' : 'file');
  const address = lockAddress(dataDir, namespace);
  const deadline = Date.now() + DYING_HOLDER_MS;
  for (;;) {
    const server = createServer((socket) => {
      socket.on('error', () => undefined); // a caller that hangs up early is no concern
      socket.end(`${process.pid}\n`);
    });
    if (await listen(server, address)) {
      server.unref(); // the lock never keeps the process alive
      return releaseOf(server);
    }
    const holder = await askHolder(address);
    const pid = holder === 'gone' ? undefined : holder.pid;
    if (pid !== undefined || Date.now() > deadline) throw new DataDirLockedError(dataDir, pid);
    if (holder === 'gone' && namespace === 'file')
      unlinkStale(address); // left by a dead holder
    else await new Promise((resolve) => setTimeout(resolve, 50)); // a holder on its way out
  }
}

/** Where the lock of a data directory listens: one name per directory, however it is spelled. */
export function lockAddress(dataDir: string, namespace: LockNamespace): string {
  if (namespace === 'file') return join(dataDir, 'weerbaar.lock');
  const id = createHash('sha256').update(realpathSync(dataDir)).digest('hex');
  return `\0weerbaar-${id}`;
}

/** True when listening; false when another socket holds the address. */
function listen(server: Server, address: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE') resolve(false);
      else reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve(true);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(address);
  });
}

/** The holder writes its pid to every connection; nobody answering means the lock is free. */
function askHolder(address: string): Promise<{ pid: number | undefined } | 'gone'> {
  return new Promise((resolve) => {
    const socket = connect(address);
    let answer = '';
    socket.setEncoding('utf8');
    socket.setTimeout(HOLDER_ANSWER_MS, () => socket.destroy()); // alive but stopped: pid unknown
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED' || error.code === 'ENOENT') resolve('gone');
      else resolve({ pid: undefined });
    });
    socket.on('close', () => {
      const pid = Number(answer.trim());
      resolve({ pid: Number.isInteger(pid) && pid > 0 ? pid : undefined });
    });
  });
}

function unlinkStale(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function releaseOf(server: Server): ReleaseLock {
  let released: Promise<void> | undefined;
  return () =>
    (released ??= new Promise<void>((resolve) => {
      // Closing unlinks a socket file; an abstract name is gone with the descriptor.
      server.close(() => resolve());
    }));
}
