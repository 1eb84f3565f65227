// Runs the built platform and CLI as real processes, for chaos tests: start, wait until ready,
// kill with any signal, run CLI commands against the same data directory.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { freePort } from '../../apps/local-cluster/src/free-port';
import { promisify } from 'node:util';

const root = join(__dirname, '../..');
const run = promisify(execFile);

/** Builds dist/ when the sources are newer (the same check `npm start` makes). */
export function ensureBuilt(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require(join(root, 'scripts/build-state.js')) as { ensureBuild(): void }).ensureBuild();
}

export { freePort };

export class PlatformProcess {
  private child: ChildProcess | undefined;
  private output = '';

  constructor(
    readonly dataDir: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private get env(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      WEERBAAR_DATA_DIR: this.dataDir,
      PORT: String(this.port),
      LOG_LEVEL: 'warn',
    };
  }

  async start(): Promise<void> {
    this.output = '';
    const child = spawn(process.execPath, [join(root, 'dist/apps/platform/src/main.js')], {
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.child = child;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`platform exited early:\n${this.output}`);
      try {
        if ((await fetch(`${this.url}/health/ready`)).ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`platform not ready within 60 s:\n${this.output}`);
  }

  /** Sends the signal and waits until the process is gone. */
  async stop(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill(signal);
    await exited;
    this.child = undefined;
  }

  async cli(...args: string[]): Promise<{ stdout: string; code: number }> {
    try {
      const { stdout } = await run(
        process.execPath,
        [join(root, 'dist/apps/cli/src/main.js'), ...args],
        {
          env: this.env,
        },
      );
      return { stdout, code: 0 };
    } catch (error) {
      const failed = error as { stdout?: string; stderr?: string; code?: number };
      return { stdout: `${failed.stdout ?? ''}${failed.stderr ?? ''}`, code: failed.code ?? 1 };
    }
  }

  get log(): string {
    return this.output;
  }
}
