// The distributed shape on one machine, as one object: PostgreSQL and Apache Kafka from
// infra/local (their data under the data directory, so a restart keeps everything), every
// service as its own Node process, restarted with back-off when it dies, and nginx as the one
// origin. `npm run start:distributed` runs it; the chaos, scale-out and benchmark code drives it
// (kill an instance, stop and start the broker).
import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';

export { freePort };
import { loadConfig } from '@weerbaar/config';

export const SERVICES = [
  'signal-intake',
  'risk-projector',
  'risk-query',
  'escalation',
  'notifier',
  'relay',
] as const;
export type ServiceName = (typeof SERVICES)[number];

/** The services nginx routes to, by the variable that names their address in its template. */
const ROUTED: Readonly<Record<string, ServiceName>> = {
  SIGNAL_INTAKE: 'signal-intake',
  RISK_QUERY: 'risk-query',
  ESCALATION: 'escalation',
  NOTIFIER: 'notifier',
};

export interface LocalClusterOptions {
  /** The repository: its dist/ (built) and infra/ are used. */
  root: string;
  /** PostgreSQL's, Kafka's and nginx's data, and the generated secrets, live here. */
  dataDir: string;
  /** The origin's port and address. */
  port: number;
  host?: string;
  /** The settings every service gets (AUTH_JWT_SECRET, SMTP_URL, …), besides those set here. */
  env?: NodeJS.ProcessEnv;
  /** Instances per service (default 1). nginx routes to the first of an HTTP service. */
  instances?: Partial<Record<ServiceName, number>>;
  /** Without nginx (false): for a cluster of some services only, e.g. a benchmark's. */
  origin?: boolean;
  /** Where the services' and nginx's output goes: the file descriptor 2, or a file per instance. */
  output?: 'stderr' | { dir: string };
  log?: (message: string) => void;
}

export interface ServiceInstance {
  readonly service: ServiceName | 'nginx';
  readonly index: number;
  readonly port: number;
  /** The running process, or undefined while it waits to be started again. */
  process?: ChildProcess;
  restarts: number;
}

const run = promisify(execFile);

export class LocalCluster {
  private readonly instances: ServiceInstance[] = [];
  /** Instances stopped for good by stopInstance: not started again. */
  private readonly retired = new Set<ServiceInstance>();
  private serviceEnv: NodeJS.ProcessEnv = {};
  private stopping = false;

  private constructor(
    private readonly options: Required<Omit<LocalClusterOptions, 'instances'>>,
    readonly databaseUrl: string,
    readonly brokers: string,
  ) {}

  get origin(): string {
    return `http://127.0.0.1:${this.options.port}`;
  }

  static async start(options: LocalClusterOptions): Promise<LocalCluster> {
    const full = {
      host: '127.0.0.1',
      env: process.env,
      output: 'stderr' as const,
      log: () => undefined,
      origin: true,
      ...options,
    };
    mkdirSync(full.dataDir, { recursive: true });
    const databaseUrl = (await script(full.root, 'postgres.sh', 'start', '--dir', pgDir(full)))
      .split('\n')[0]
      .trim();
    const cluster = new LocalCluster(full, databaseUrl, '');
    try {
      const brokers = await cluster.startBroker();
      Object.assign(cluster, { brokers });
      await cluster.startServices(options.instances ?? {});
      return cluster;
    } catch (error) {
      await cluster.stop();
      throw error;
    }
  }

  /** The running instances of a service (its port, its process). */
  of(service: ServiceName | 'nginx'): readonly ServiceInstance[] {
    return this.instances.filter((instance) => instance.service === service);
  }

  /** Kills an instance (SIGKILL unless told); its supervisor starts it again. */
  kill(service: ServiceName, index = 0, signal: NodeJS.Signals = 'SIGKILL'): void {
    const instance = this.of(service)[index];
    if (!instance?.process) throw new Error(`${service}#${index} is not running`);
    instance.process.kill(signal);
  }

  /** Waits until every instance of every service answers ready. */
  async waitReady(timeoutMs = 120_000): Promise<void> {
    await Promise.all(
      this.instances.map((instance) =>
        waitReady(`http://127.0.0.1:${instance.port}/health/ready`, timeoutMs),
      ),
    );
  }

  /** Starts one more instance of a service, with the settings of the others; waits until ready. */
  async startInstance(service: ServiceName): Promise<ServiceInstance> {
    const port = await freePort();
    // Counted after the wait: instances started together get indexes of their own.
    const instance = { service, index: this.of(service).length, port, restarts: 0 };
    this.supervise(
      instance,
      process.execPath,
      [join(this.options.root, `dist/apps/${service}/src/main.js`)],
      { ...this.serviceEnv, PORT: String(instance.port) },
    );
    await waitReady(`http://127.0.0.1:${instance.port}/health/ready`);
    return instance;
  }

  /** Stops an instance for good (SIGTERM, SIGKILL after 30 s): it is not started again. */
  async stopInstance(service: ServiceName, index = 0): Promise<void> {
    const instance = this.of(service)[index];
    if (!instance) throw new Error(`${service}#${index} does not exist`);
    this.retired.add(instance);
    this.instances.splice(this.instances.indexOf(instance), 1);
    const child = instance.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
  }

  /** Starts the broker (again: with its data and its port). Returns its bootstrap address. */
  async startBroker(): Promise<string> {
    return (await script(this.options.root, 'kafka.sh', 'start', '--dir', kafkaDir(this.options)))
      .split('\n')[0]
      .trim();
  }

  /** Stops the broker, keeping its data. */
  async stopBroker(): Promise<void> {
    await script(this.options.root, 'kafka.sh', 'stop', '--keep', kafkaDir(this.options));
  }

  /** SIGTERM to every process (SIGKILL after 30 s), then the broker and PostgreSQL; data kept. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.options.log('stopping');
    const running = this.instances.flatMap((instance) => instance.process ?? []);
    const exits = running.map(
      (child) =>
        new Promise<void>((done) =>
          child.exitCode !== null || child.signalCode !== null
            ? done()
            : child.once('exit', () => done()),
        ),
    );
    for (const child of running) child.kill('SIGTERM');
    const timer = setTimeout(() => running.forEach((child) => child.kill('SIGKILL')), 30_000);
    await Promise.all(exits);
    clearTimeout(timer);
    for (const [name, dir] of [
      ['kafka.sh', kafkaDir(this.options)],
      ['postgres.sh', pgDir(this.options)],
    ]) {
      await script(this.options.root, name, 'stop', '--keep', dir).catch((error: Error) =>
        this.options.log(`${name}: ${error.message}`),
      );
    }
  }

  private async startServices(instances: LocalClusterOptions['instances']): Promise<void> {
    const { root, dataDir, env: settings, port, host } = this.options;
    // Secrets generated once into the data directory, before the services read them together.
    loadConfig({ ...settings, WEERBAAR_DATA_DIR: dataDir, DATABASE_URL: this.databaseUrl });
    const env = (this.serviceEnv = {
      ...settings,
      WEERBAAR_DATA_DIR: dataDir,
      DATABASE_URL: this.databaseUrl,
      KAFKA_BROKERS: this.brokers,
      PUBLIC_BASE_URL: settings.PUBLIC_BASE_URL ?? `http://localhost:${port}`,
      KAFKAJS_NO_PARTITIONER_WARNING: '1',
      HOST: '127.0.0.1',
    });
    // The relay and the consumers create the topic and their tables: one at a time.
    for (const service of SERVICES) {
      for (let index = 0; index < (instances?.[service] ?? 1); index++) {
        await this.startInstance(service);
      }
    }
    if (this.options.origin === false) return;

    const nginxDir = join(dataDir, 'nginx');
    mkdirSync(nginxDir, { recursive: true });
    await run(process.execPath, [
      join(root, 'dist/apps/platform/src/write-openapi.js'),
      join(nginxDir, 'openapi.json'),
    ]);
    const values: Record<string, string> = {
      DIR: nginxDir,
      LISTEN: `${host}:${port}`,
      OPENAPI_ROOT: nginxDir,
    };
    for (const [name, service] of Object.entries(ROUTED)) {
      values[name] = `127.0.0.1:${this.of(service)[0].port}`;
    }
    const render = (template: string, file: string) =>
      writeFileSync(
        join(nginxDir, file),
        readFileSync(join(root, template), 'utf8').replace(/\$\{(\w+)\}/g, (all, name: string) =>
          name in values ? values[name] : all,
        ),
      );
    render('infra/nginx/weerbaar.conf.template', 'weerbaar.conf');
    render('infra/local/nginx.conf.template', 'nginx.conf');
    this.supervise(
      { service: 'nginx', index: 0, port, restarts: 0 },
      nginxBinary(this.options.log),
      ['-p', nginxDir, '-c', join(nginxDir, 'nginx.conf'), '-g', 'daemon off;'],
      env,
    );
    await waitReady(`http://127.0.0.1:${port}/health/ready`);
  }

  private supervise(
    instance: ServiceInstance,
    command: string,
    args: string[],
    env: NodeJS.ProcessEnv,
  ): void {
    this.instances.push(instance);
    const name = `${instance.service}#${instance.index}`;
    const output = this.options.output;
    const start = () => {
      const fd =
        output === 'stderr'
          ? 2
          : (mkdirSync(output.dir, { recursive: true }),
            openSync(join(output.dir, `${name}.log`), 'a'));
      const startedAt = Date.now();
      const child = spawn(command, args, {
        cwd: this.options.root,
        env,
        stdio: ['ignore', fd, fd],
      });
      if (fd !== 2) closeSync(fd); // the child has its own copy
      instance.process = child;
      child.once('exit', (code, signal) => {
        instance.process = undefined;
        if (this.stopping || this.retired.has(instance)) return;
        // A service that ran a while before it died starts again at once, one that keeps
        // dying waits longer each time (up to 30 s).
        if (Date.now() - startedAt > 60_000) instance.restarts = 0;
        const wait = Math.min(30_000, 250 * 2 ** Math.min(instance.restarts++, 7));
        this.options.log(`${name} exited (${signal ?? code}); starting it again in ${wait} ms`);
        setTimeout(() => !this.stopping && !this.retired.has(instance) && start(), wait);
      });
    };
    start();
  }
}

function pgDir(options: { dataDir: string }): string {
  return join(options.dataDir, 'weerbaar-pg.distributed');
}

function kafkaDir(options: { dataDir: string }): string {
  return join(options.dataDir, 'kafka');
}

async function script(root: string, name: string, ...args: string[]): Promise<string> {
  const { stdout } = await run('bash', [join(root, 'infra/local', name), ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  }).catch((error: Error & { stderr?: string }) => {
    throw new Error(`${name} ${args[0]} failed: ${error.stderr?.trim() || error.message}`);
  });
  return stdout;
}

/** Debian's nginx, installed on first use where we may (as PostgreSQL's script does). */
function nginxBinary(log: (message: string) => void): string {
  const find = () => ['/usr/sbin/nginx', '/usr/bin/nginx'].find((path) => existsSync(path));
  if (find()) return find()!;
  if (process.getuid?.() !== 0) throw new Error('nginx is missing: apt-get install -y nginx');
  log('installing the Debian nginx package (one-off)');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 2, 2], env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'nginx'], { stdio: ['ignore', 2, 2], env });
  return find()!;
}

export async function waitReady(url: string, timeoutMs = 120_000): Promise<void> {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} not ready within ${timeoutMs / 1000} s`);
}
