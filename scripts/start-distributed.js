// `npm run start:distributed`: the distributed shape on one machine. Starts PostgreSQL and Kafka
// (infra/local, data under WEERBAAR_DATA_DIR so a restart keeps everything), every service as its
// own process (restarted when it dies), and nginx as the one origin on PORT (default 3000).
// Prints `KAFKA_BROKERS=…` and `DATABASE_URL=…` on stdout once everything is ready; stops
// everything it started on SIGTERM or Ctrl-C.
const { execFileSync, spawn } = require('node:child_process');
const { existsSync, mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const net = require('node:net');
const { join, resolve } = require('node:path');
const { ensureBuild, root } = require('./build-state');

const SERVICES = [
  'signal-intake',
  'risk-projector',
  'risk-query',
  'escalation',
  'notifier',
  'relay',
];
const log = (message) => process.stderr.write(`start-distributed: ${message}\n`);

const dataDir = resolve(process.env.WEERBAAR_DATA_DIR?.trim() || join(root, 'data'));
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST?.trim() || '127.0.0.1';
const pgDir = join(dataDir, 'weerbaar-pg.distributed');
const kafkaDir = join(dataDir, 'kafka');
const nginxDir = join(dataDir, 'nginx');
const children = new Map();
let stopping = false;

function freePort() {
  return new Promise((done, fail) => {
    const server = net.createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port: free } = server.address();
      server.close(() => done(free));
    });
  });
}

function script(name, args) {
  return execFileSync('bash', [join(root, 'infra/local', name), ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
}

function nginxBinary() {
  for (const candidate of ['/usr/sbin/nginx', '/usr/bin/nginx']) {
    if (existsSync(candidate)) return candidate;
  }
  if (process.getuid?.() !== 0) throw new Error('nginx is missing: apt-get install -y nginx');
  log('installing the Debian nginx package (one-off)');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'nginx'], { stdio: 'inherit', env });
  return '/usr/sbin/nginx';
}

function supervise(name, command, args, env) {
  let restarts = 0;
  const start = () => {
    // The services' output goes to stderr: stdout carries the two lines of the contract alone.
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 2, 2] });
    children.set(name, child);
    child.once('exit', (code, signal) => {
      children.delete(name);
      if (stopping) return;
      const wait = Math.min(30_000, 500 * 2 ** Math.min(restarts++, 6));
      log(`${name} exited (${signal ?? code}); starting it again in ${wait} ms`);
      setTimeout(() => !stopping && start(), wait);
    });
  };
  start();
}

async function waitReady(url, timeoutMs = 120_000) {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} not ready within ${timeoutMs / 1000} s`);
}

async function stopAll(code = 0) {
  if (stopping) return;
  stopping = true;
  log('stopping');
  const exits = [...children.values()].map(
    (child) => new Promise((done) => (child.exitCode !== null ? done() : child.once('exit', done))),
  );
  for (const child of children.values()) child.kill('SIGTERM');
  const timer = setTimeout(() => {
    for (const child of children.values()) child.kill('SIGKILL');
  }, 30_000);
  await Promise.all(exits);
  clearTimeout(timer);
  try {
    script('kafka.sh', ['stop', '--keep', kafkaDir]);
  } catch (error) {
    log(`kafka: ${error.message}`);
  }
  try {
    script('postgres.sh', ['stop', '--keep', pgDir]);
  } catch (error) {
    log(`postgres: ${error.message}`);
  }
  process.exit(code);
}

async function main() {
  ensureBuild();
  mkdirSync(dataDir, { recursive: true });
  process.on('SIGTERM', () => void stopAll());
  process.on('SIGINT', () => void stopAll());
  const databaseUrl = script('postgres.sh', ['start', '--dir', pgDir]).split('\n')[0];
  const brokers = script('kafka.sh', ['start', '--dir', kafkaDir]);
  // Secrets generated once into the data directory, before the services read them together.
  const { loadConfig } = require(join(root, 'dist/libs/config/src'));
  loadConfig({ ...process.env, WEERBAAR_DATA_DIR: dataDir, DATABASE_URL: databaseUrl });

  const ports = {};
  for (const service of SERVICES) ports[service] = await freePort();
  const env = {
    ...process.env,
    WEERBAAR_DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: brokers,
    PUBLIC_BASE_URL: process.env.PUBLIC_BASE_URL ?? `http://localhost:${port}`,
    KAFKAJS_NO_PARTITIONER_WARNING: '1',
  };
  // The relay and the consumers create the topic and their tables: start them one by one.
  for (const service of SERVICES) {
    supervise(service, process.execPath, [join(root, `dist/apps/${service}/src/main.js`)], {
      ...env,
      PORT: String(ports[service]),
      HOST: '127.0.0.1',
    });
    await waitReady(`http://127.0.0.1:${ports[service]}/health/ready`);
  }

  mkdirSync(nginxDir, { recursive: true });
  const template = readFileSync(join(root, 'infra/local/nginx.conf.template'), 'utf8');
  const values = { ...ports, dir: nginxDir, port: String(port), host };
  const conf = template.replace(/\{\{([\w-]+)\}\}/g, (_, key) => String(values[key]));
  writeFileSync(join(nginxDir, 'nginx.conf'), conf);
  supervise(
    'nginx',
    nginxBinary(),
    ['-p', nginxDir, '-c', join(nginxDir, 'nginx.conf'), '-g', 'daemon off;'],
    env,
  );
  await waitReady(`http://127.0.0.1:${port}/health/ready`);

  process.stdout.write(`KAFKA_BROKERS=${brokers}\nDATABASE_URL=${databaseUrl}\n`);
  log(`Weerbaar (distributed) is running at http://localhost:${port}/ — data in ${dataDir}`);
}

main().catch((error) => {
  log(error instanceof Error ? error.message : String(error));
  void stopAll(1);
});
