// The data-directory lock across real processes: held while its holder lives, free as soon as
// the holder is killed, even while the dead holder is a zombie that nobody has reaped yet.
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { DataDirLockedError, lockAddress, lockDataDir, type LockNamespace } from './data-dir-lock';

jest.setTimeout(30_000);

let work: string;
let dataDir: string;
let lockModule: string;
const children: ChildProcess[] = [];

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'weerbaar-lock-'));
  // Child processes run this very module, compiled on the fly (it imports only Node's own).
  lockModule = join(work, 'data-dir-lock.js');
  const source = readFileSync(join(__dirname, 'data-dir-lock.ts'), 'utf8');
  const compiled = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  });
  writeFileSync(lockModule, compiled.outputText);
});

beforeEach(() => {
  dataDir = mkdtempSync(join(work, 'data-'));
});

afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A script that takes the lock, says `locked <pid>` (or `refused <message>`), then lives on. */
function holderScript(namespace: LockNamespace, options: { stay: boolean } = { stay: true }) {
  return `
    require(${JSON.stringify(lockModule)})
      .lockDataDir(${JSON.stringify(dataDir)}, { namespace: ${JSON.stringify(namespace)} })
      .then(
        () => {
          process.stdout.write('locked ' + process.pid + '\\n');
          ${options.stay ? 'setInterval(() => undefined, 1 << 30);' : ''}
        },
        (error) => {
          process.stdout.write('refused ' + error.message + '\\n');
          process.exitCode = 3;
        },
      );`;
}

function run(script: string): ChildProcess {
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  return child;
}

async function firstLine(child: ChildProcess): Promise<string> {
  let output = '';
  for await (const chunk of child.stdout!) {
    output += String(chunk);
    if (output.includes('\n')) return output.split('\n')[0];
  }
  throw new Error(`no output from the child process (exit ${child.exitCode})`);
}

/** The state letter of a process in /proc (R, S, Z, …), or undefined once it is gone. */
function stateOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  } catch {
    return undefined;
  }
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('lockDataDir', () => {
  it('refuses a second lock in the same process, under any spelling of the directory', async () => {
    const release = await lockDataDir(dataDir);
    await expect(lockDataDir(dataDir)).rejects.toThrow(DataDirLockedError);
    await expect(lockDataDir(join(dataDir, '.'))).rejects.toThrow(`process ${process.pid}`);
    await release();
    await release(); // idempotent
    const again = await lockDataDir(dataDir);
    await again();
  });

  it('refuses a child process while the lock is held, and names this process', async () => {
    const release = await lockDataDir(dataDir);
    try {
      const child = run(holderScript('abstract'));
      expect(await firstLine(child)).toMatch(
        new RegExp(`^refused .*in use by process ${process.pid}\\b`),
      );
    } finally {
      await release();
    }
  });

  it('never keeps its process alive', async () => {
    const child = run(holderScript('abstract', { stay: false }));
    expect(await firstLine(child)).toMatch(/^locked/);
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
  });

  it('is free at once when its holder is killed, though the holder is not reaped yet', async () => {
    // The holder's parent blocks its event loop and so never reaps it: once killed, the holder
    // stays a zombie, which a pid-file lock takes for a live process.
    const parent = run(`
      const holder = require('node:child_process').spawn(
        process.execPath, ['-e', ${JSON.stringify(holderScript('abstract'))}],
        { stdio: ['ignore', 'pipe', 'inherit'] });
      holder.stdout.once('data', () => {
        process.stdout.write(holder.pid + '\\n');
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60000);
      });`);
    const holderPid = Number(await firstLine(parent));
    await expect(lockDataDir(dataDir)).rejects.toThrow(`in use by process ${holderPid}`);

    process.kill(holderPid, 'SIGKILL');
    await until(() => stateOf(holderPid) === 'Z', `process ${holderPid} to be a zombie`);

    const release = await lockDataDir(dataDir);
    expect(stateOf(holderPid)).toBe('Z'); // still not reaped
    await release();
  });

  it('takes over the socket file of a killed holder where there is no abstract namespace', async () => {
    const holder = run(holderScript('file'));
    const [, pid] = (await firstLine(holder)).split(' ');
    await expect(lockDataDir(dataDir, { namespace: 'file' })).rejects.toThrow(
      `in use by process ${pid}`,
    );
    holder.kill('SIGKILL');
    await once(holder, 'exit');
    const file = lockAddress(dataDir, 'file');
    expect(existsSync(file)).toBe(true); // left behind by the dead holder

    const release = await lockDataDir(dataDir, { namespace: 'file' });
    await expect(lockDataDir(dataDir, { namespace: 'file' })).rejects.toThrow(DataDirLockedError);
    await release();
    expect(existsSync(file)).toBe(false);
  });
});
