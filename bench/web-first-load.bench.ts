// Benchmark (not a test): what the web app costs a browser. Prints the production build's
// JavaScript and CSS sizes (raw and gzip; what the first load fetches and what loads lazily per
// screen) and the first-load time of each main screen in Debian's Chromium against the built
// embedded platform: cold (empty cache) and warm (assets cached), on localhost and on an
// emulated office line (BENCH_LINE_MBIT, default 10 Mbit/s down with 40 ms round trips).
//
//   npm run build && node dist/bench/web-first-load.bench.js
//   BENCH_RUNS=5 CHROMIUM_PATH=/usr/bin/chromium node dist/bench/web-first-load.bench.js
//
// "Ready" is when the screen's h1 is shown, no loading indicator is left and the network has
// been idle for 500 ms: what a person waits for, not just the HTML's load event.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { type Browser, chromium, type Page } from 'playwright-core';
import { percentile, ROOT, startPlatform } from './platform-under-load';

const WEB = join(ROOT, 'dist/web');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const LINE_MBIT = Number(process.env.BENCH_LINE_MBIT ?? 10);
const LINE_RTT_MS = Number(process.env.BENCH_LINE_RTT_MS ?? 40);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface Screen {
  name: string;
  path: string;
  session: 'coordinator' | 'analyst' | 'burgemeester' | undefined;
}

const SCREENS: Screen[] = [
  { name: 'sign-in', path: '/sign-in', session: undefined },
  { name: 'coordinator: signals', path: '/signals', session: 'coordinator' },
  { name: 'coordinator: new signal', path: '/signals/new', session: 'coordinator' },
  { name: 'analyst: region map', path: '/region', session: 'analyst' },
  { name: 'analyst: municipality', path: '/municipalities/GM0363', session: 'analyst' },
  { name: 'analyst: escalations', path: '/escalations', session: 'analyst' },
  { name: 'mayor: summary', path: '/summary', session: 'burgemeester' },
];

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} kB`;
}

function printBundle(): void {
  const index = readFileSync(join(WEB, 'index.html'), 'utf8');
  const initial = new Set(
    [...index.matchAll(/(?:src|href)="\/assets\/([^"]+)"/g)].map((m) => m[1]),
  );
  const files = readdirSync(join(WEB, 'assets')).filter((f) => /\.(js|css)$/.test(f));
  let initialRaw = 0;
  let initialGzip = 0;
  let lazyGzip = 0;
  const rows = files.map((file) => {
    const content = readFileSync(join(WEB, 'assets', file));
    const gzip = gzipSync(content, { level: 9 }).length;
    const first = initial.has(file);
    if (first) {
      initialRaw += content.length;
      initialGzip += gzip;
    } else lazyGzip += gzip;
    return { file, raw: statSync(join(WEB, 'assets', file)).size, gzip, first };
  });
  rows.sort((a, b) => b.gzip - a.gzip);
  process.stdout.write('Production build (dist/web/assets):\n');
  for (const row of rows) {
    process.stdout.write(
      `  ${row.first ? 'first load' : 'lazy      '}  ${row.file.padEnd(44)} ${kb(row.raw).padStart(10)}  gzip ${kb(row.gzip).padStart(9)}\n`,
    );
  }
  process.stdout.write(
    `  first load: ${kb(initialRaw)} (gzip ${kb(initialGzip)}); lazy chunks: gzip ${kb(lazyGzip)} in all\n\n`,
  );
}

async function devSession(base: string, role: NonNullable<Screen['session']>): Promise<string> {
  const body =
    role === 'analyst' ? { role, riecRegion: 'amsterdam' } : { role, municipality: 'GM0363' };
  const res = await fetch(`${base}/api/v1/dev/tokens`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`dev sign-in: ${res.status}`);
  return JSON.stringify(await res.json());
}

/** Three threats and a bribery in Amsterdam, so the screens have something to show. */
async function seed(base: string, coordinatorSession: string): Promise<void> {
  const { token } = JSON.parse(coordinatorSession) as { token: string };
  const day = 86_400_000;
  for (const [i, category, subcategory] of [
    [1, 'THREAT', 'ONLINE'],
    [2, 'THREAT', 'AT_HOME'],
    [3, 'THREAT', 'VERBAL'],
    [4, 'BRIBERY', 'MONEY_OFFER'],
  ] as const) {
    const res = await fetch(`${base}/api/v1/signals`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify({
        municipality: 'GM0363',
        category,
        subcategory,
        targetRole: 'WETHOUDER',
        severity: 3,
        occurredAt: new Date(Date.now() - i * day).toISOString(),
        description: `Benchmark signal ${i}`,
        policeReportFiled: i % 2 === 0,
        source: 'DIRECT',
      }),
    });
    if (!res.ok) throw new Error(`seed: ${res.status} ${await res.text()}`);
  }
}

async function loadOnce(page: Page, path: string): Promise<number> {
  const started = performance.now();
  await page.goto(path, { waitUntil: 'domcontentloaded' });
  await page.locator('h1').first().waitFor({ state: 'visible' });
  await page.waitForLoadState('networkidle');
  await page.waitForFunction('document.querySelectorAll(".loading").length === 0');
  return performance.now() - started - 500; // networkidle waits 500 ms of quiet
}

async function measure(
  browser: Browser,
  base: string,
  screen: Screen,
  session: string | undefined,
  line: boolean,
): Promise<{ cold: number[]; warm: number[]; transferred: number }> {
  const cold: number[] = [];
  const warm: number[] = [];
  let transferred = 0;
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ baseURL: base, locale: 'nl-NL' });
    if (session) {
      await context.addInitScript(
        `sessionStorage.setItem('weerbaar.session', ${JSON.stringify(session)})`,
      );
    }
    const page = await context.newPage();
    if (line) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: LINE_RTT_MS,
        downloadThroughput: (LINE_MBIT * 1_000_000) / 8,
        uploadThroughput: (LINE_MBIT * 1_000_000) / 16,
      });
    }
    cold.push(await loadOnce(page, screen.path));
    // What went over the wire (compressed), the document and everything it loaded.
    transferred = Number(
      await page.evaluate(
        "[...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].reduce((n, e) => n + e.transferSize, 0)",
      ),
    );
    warm.push(await loadOnce(page, screen.path));
    await context.close();
  }
  return { cold, warm, transferred };
}

function ms(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  return `median ${percentile(sorted, 50).toFixed(0).padStart(5)} ms  max ${sorted[sorted.length - 1].toFixed(0).padStart(5)} ms`;
}

async function main(): Promise<void> {
  printBundle();
  const workDir = mkdtempSync(join(tmpdir(), 'weerbaar-web-bench-'));
  const platform = await startPlatform({
    workDir,
    env: { WEERBAAR_DATA_DIR: join(workDir, 'data'), LOG_LEVEL: 'warn' },
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
  try {
    const sessions = {
      coordinator: await devSession(platform.base, 'coordinator'),
      analyst: await devSession(platform.base, 'analyst'),
      burgemeester: await devSession(platform.base, 'burgemeester'),
    };
    await seed(platform.base, sessions.coordinator);
    for (const line of [false, true]) {
      process.stdout.write(
        line
          ? `First load on an emulated ${LINE_MBIT} Mbit/s line with ${LINE_RTT_MS} ms round trips (${RUNS} runs):\n`
          : `First load on localhost (${RUNS} runs):\n`,
      );
      for (const screen of SCREENS) {
        const session = screen.session ? sessions[screen.session] : undefined;
        const { cold, warm, transferred } = await measure(
          browser,
          platform.base,
          screen,
          session,
          line,
        );
        process.stdout.write(
          `  ${screen.name.padEnd(26)} cold ${ms(cold)}   warm ${ms(warm)}   fetched ${kb(transferred)}\n`,
        );
      }
    }
  } finally {
    await browser.close();
    await platform.stop();
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
