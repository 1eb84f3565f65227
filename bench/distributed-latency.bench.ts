// Benchmark (not a test): in the distributed shape, the time from `POST /api/v1/signals` at the
// origin (nginx) to the risk picture showing the signal, at offered rates of 200 and 1,000
// signals/s, open-loop.
//
//   npm run bench -- distributed-latency
//   BENCH_RATES=200 BENCH_SECONDS=10 npm run bench -- distributed-latency
//
// It starts a LocalCluster (PostgreSQL with durable settings, Kafka 4.4.0, every service, nginx)
// in a temp directory. Per rate it sends signals on a fixed schedule, whatever the answers (a
// request waits for a free connection when BENCH_SOCKETS are busy, but its time counts from its
// scheduled moment, so a slow system is not hidden by a slow sender). The signals go in turn
// to the municipalities of one RIEC region (BENCH_REGION, default amsterdam: 6), each with the
// coordinator token of its municipality.
//
// "Showing it": one analyst of the region polls the region's risk picture
// (GET /api/v1/regions/{region}/risk, every municipality's picture in one answer) every
// BENCH_POLL_MS (100) ms, one request at a time, through the origin. A municipality's
// `liveSignals` counts its signals projected so far (none is ever retracted here), and the
// projector applies a municipality's events in the order of the event store's log (one Kafka
// partition per municipality, one transaction per batch): when it reads k, the first k of that
// municipality's signals in log order are in the picture. After each step the bench reads that
// order from the event store (bookkeeping only: which signal is the k-th), and a signal counts
// as shown at the arrival of the first poll answer whose count reaches its rank. Latency = that
// arrival - the signal's scheduled send time; the resolution is the poll interval (plus the
// poll's own answer time, which is included: a user sees it then).
//
// The signals are INFILTRATION signals of severity 1-4 without subjects: the rule engine and the
// notifier run and judge each of them, but on a few municipalities a threat or bribery mix would
// grow one escalation by thousands of signals (see intake-load), which is not the path measured
// here. Other settings: BENCH_SECONDS (25 per rate), BENCH_WARMUP_SECONDS (5, at 50/s),
// BENCH_DRAIN_SECONDS (120: longest wait for the picture after a step), BENCH_SOCKETS (256),
// BENCH_PROJECTORS (1 risk-projector instance), BENCH_LOCK (see read-load).
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { ReferenceData } from '@weerbaar/reference-data';
import { mintToken } from '@weerbaar/security';
import { type BenchCluster, describeCpu, readCpu, withLocalCluster } from './distributed-cluster';
import { percentile, sleep, takeBenchLock, withClient } from './platform-under-load';
import { fail, print } from './report';

const RATES = (process.env.BENCH_RATES ?? '200,1000').split(',').map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 25);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 5);
const WARMUP_RATE = 50;
const POLL_MS = Number(process.env.BENCH_POLL_MS ?? 100);
const DRAIN_MS = Number(process.env.BENCH_DRAIN_SECONDS ?? 120) * 1000;
const SOCKETS = Number(process.env.BENCH_SOCKETS ?? 256);
const PROJECTORS = Number(process.env.BENCH_PROJECTORS ?? 1);
const REGION = process.env.BENCH_REGION ?? 'amsterdam';
const REQUEST_TIMEOUT_MS = 30_000;

const REFERENCE_DATA = ReferenceData.load();
const KINDS = [
  { category: 'INFILTRATION', subcategory: 'REAL_ESTATE' },
  { category: 'INFILTRATION', subcategory: 'PERMIT_OR_TENDER' },
];

/** performance.now() as a wall-clock instant (ms). */
const wallOf = (at: number) => performance.timeOrigin + at;
const fmt = (n: number) => n.toLocaleString('en-US');
const ms = (n: number) =>
  Number.isFinite(n) ? `${n < 10 ? n.toFixed(1) : Math.round(n)} ms` : '—';

// ------------------------------------------------------------------ HTTP

interface Answer {
  status: number;
  body: string;
}

function call(
  agent: Agent,
  origin: string,
  method: 'GET' | 'POST',
  path: string,
  token: string,
  body?: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${origin}${path}`,
      {
        method,
        agent,
        timeout: REQUEST_TIMEOUT_MS,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined
            ? {}
            : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

// ------------------------------------------------------------------ the picture, polled

interface Poll {
  /** performance.now() when the answer arrived. */
  at: number;
  /** liveSignals by municipality. */
  live: Map<string, number>;
}

class PicturePoller {
  readonly polls: Poll[] = [];
  readonly answerMs: number[] = [];
  failures = 0;
  private running = true;
  private readonly done: Promise<void>;

  constructor(
    private readonly agent: Agent,
    private readonly origin: string,
    private readonly token: string,
  ) {
    this.done = this.loop();
  }

  get latest(): Poll | undefined {
    return this.polls[this.polls.length - 1];
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.done;
  }

  private async loop(): Promise<void> {
    let next = performance.now();
    while (this.running) {
      const sent = performance.now();
      try {
        const answer = await call(
          this.agent,
          this.origin,
          'GET',
          `/api/v1/regions/${REGION}/risk`,
          this.token,
        );
        const at = performance.now();
        if (answer.status !== 200) throw new Error(`status ${answer.status}`);
        const picture = JSON.parse(answer.body) as {
          municipalities: { municipality: string; liveSignals: number }[];
        };
        this.polls.push({
          at,
          live: new Map(picture.municipalities.map((m) => [m.municipality, m.liveSignals])),
        });
        this.answerMs.push(at - sent);
      } catch {
        this.failures++;
      }
      // A fixed schedule; a poll that took longer than the interval is followed at once.
      next = Math.max(next + POLL_MS, performance.now());
      await sleep(next - performance.now());
    }
  }
}

// ------------------------------------------------------------------ one step of load

interface Sent {
  signalId: string;
  municipality: string;
  /** performance.now() of the scheduled send. */
  scheduled: number;
  /** performance.now() of the answer; undefined while in flight. */
  answered?: number;
  status?: number;
  error?: string;
}

interface StepResult {
  sent: Sent[];
  maxSendLateMs: number;
  windowMs: number;
}

/** Sends `rate` signals a second for `seconds` on a fixed schedule, without waiting for answers. */
async function sendOnSchedule(
  agent: Agent,
  origin: string,
  tokens: Map<string, string>,
  municipalities: readonly string[],
  rate: number,
  seconds: number,
): Promise<StepResult> {
  const count = Math.round(rate * seconds);
  const sent: Sent[] = [];
  const settled: Promise<void>[] = [];
  const start = performance.now() + 20;
  let maxSendLateMs = 0;
  const send = (i: number) => {
    const scheduled = start + (i * 1000) / rate;
    maxSendLateMs = Math.max(maxSendLateMs, performance.now() - scheduled);
    const municipality = municipalities[i % municipalities.length];
    const entry: Sent = { signalId: randomUUID(), municipality, scheduled };
    sent.push(entry);
    const body = JSON.stringify({
      signalId: entry.signalId,
      municipality,
      ...KINDS[Math.floor(i / municipalities.length) % KINDS.length],
      targetRole: 'WETHOUDER',
      severity: 1 + (i % 4),
      occurredAt: new Date(wallOf(scheduled) - 1000).toISOString(),
      description: `Melding ${i} over een vastgoedtransactie (benchmark)`,
      policeReportFiled: i % 3 === 0,
      source: 'DIRECT',
    });
    settled.push(
      call(agent, origin, 'POST', '/api/v1/signals', tokens.get(municipality)!, body).then(
        (answer) => {
          entry.answered = performance.now();
          entry.status = answer.status;
        },
        (error: Error) => {
          entry.answered = performance.now();
          entry.error = error.message;
        },
      ),
    );
  };
  let next = 0;
  while (next < count) {
    const due = Math.min(count, Math.floor(((performance.now() - start) * rate) / 1000) + 1);
    while (next < due) send(next++);
    await sleep(1);
  }
  await Promise.all(settled);
  return { sent, maxSendLateMs, windowMs: (count * 1000) / rate };
}

/** Waits until every municipality's picture counts all its signals in the log; false on the limit. */
async function waitForPicture(
  poller: PicturePoller,
  order: Map<string, string[]>,
  limitMs: number,
): Promise<boolean> {
  const until = performance.now() + limitMs;
  for (;;) {
    const latest = poller.latest;
    if (latest && [...order].every(([m, ids]) => (latest.live.get(m) ?? 0) >= ids.length)) {
      // One more poll, after every answer: nothing committed late is missed.
      const after = poller.polls.length;
      while (poller.polls.length === after && performance.now() < until) await sleep(POLL_MS / 4);
      return true;
    }
    if (performance.now() > until) return false;
    await sleep(POLL_MS / 2);
  }
}

/** Every signal of each municipality, in the order of the event store's log. */
async function logOrder(
  databaseUrl: string,
  municipalities: readonly string[],
): Promise<Map<string, string[]>> {
  const { rows } = await withClient(databaseUrl, (client) =>
    client.query<{ id: string; municipality: string }>(
      `SELECT data->>'signalId' AS id, data->'facts'->>'municipality' AS municipality
         FROM es_events
        WHERE type = 'SignalRecorded' AND data->'facts'->>'municipality' = ANY($1)
        ORDER BY transaction_id, position`,
      [municipalities],
    ),
  );
  const order = new Map<string, string[]>(municipalities.map((m) => [m, []]));
  for (const row of rows) order.get(row.municipality)!.push(row.id);
  return order;
}

interface Figures {
  rate: number;
  accepted: number;
  failed: number;
  achieved: number;
  post: number[];
  endToEnd: number[];
  notVisible: number;
}

async function runStep(
  bench: BenchCluster,
  agent: Agent,
  poller: PicturePoller,
  tokens: Map<string, string>,
  municipalities: readonly string[],
  rate: number,
  seconds: number,
  label: string,
): Promise<Figures> {
  const cpuBefore = readCpu(bench);
  const step = await sendOnSchedule(
    agent,
    bench.cluster.origin,
    tokens,
    municipalities,
    rate,
    seconds,
  );
  const cpuAfter = readCpu(bench);
  const statuses = new Map<string, number>();
  for (const s of step.sent) {
    const key = s.error ?? String(s.status);
    statuses.set(key, (statuses.get(key) ?? 0) + 1);
  }
  // Every request has its answer (or gave up): what is in the log now is what must show.
  const order = await logOrder(bench.cluster.databaseUrl, municipalities);
  const caughtUp = await waitForPicture(poller, order, DRAIN_MS);

  // No signal is ever retracted here, so a municipality's liveSignals counts its signals
  // projected so far: the k-th in log order shows at the first poll answer that counts k.
  const bySignal = new Map(step.sent.map((s) => [s.signalId, s]));
  const visibleAt = new Map<string, number>();
  for (const [municipality, ids] of order) {
    let rank = 0;
    for (const poll of poller.polls) {
      const shown = poll.live.get(municipality) ?? 0;
      while (rank < ids.length && rank < shown) visibleAt.set(ids[rank++], poll.at);
    }
  }
  const first = step.sent[0].scheduled;
  const acceptedSent = step.sent.filter((s) => s.status === 201);
  const lastAnswer = acceptedSent.reduce((last, s) => Math.max(last, s.answered!), first);
  const post = acceptedSent.map((s) => s.answered! - s.scheduled).sort((a, b) => a - b);
  const committed = [...order.values()].flat().filter((id) => bySignal.has(id));
  const endToEnd = committed
    .filter((id) => visibleAt.has(id))
    .map((id) => visibleAt.get(id)! - bySignal.get(id)!.scheduled)
    .sort((a, b) => a - b);
  const notVisible = committed.length - endToEnd.length;
  // The asynchronous part alone: from the 201 to the picture (relay, Kafka, projector, poll).
  const afterAnswer = acceptedSent
    .filter((s) => visibleAt.has(s.signalId))
    .map((s) => visibleAt.get(s.signalId)! - s.answered!)
    .sort((a, b) => a - b);
  const figures: Figures = {
    rate,
    accepted: acceptedSent.length,
    failed: step.sent.length - acceptedSent.length,
    achieved: (acceptedSent.length * 1000) / Math.max(1, lastAnswer - first),
    post,
    endToEnd,
    notVisible,
  };
  print(
    `${label}: offered ${fmt(rate)}/s for ${seconds} s = ${fmt(step.sent.length)} signals (sender at most ${ms(step.maxSendLateMs)} behind its schedule)`,
  );
  print(
    `  answers: ${[...statuses].map(([k, n]) => `${k} ×${fmt(n)}`).join(', ')}; accepted ${fmt(figures.accepted)} in ${((lastAnswer - first) / 1000).toFixed(1)} s = ${fmt(Math.round(figures.achieved))}/s achieved`,
  );
  const line = (values: number[]) =>
    `p50 ${ms(percentile(values, 50))}  p95 ${ms(percentile(values, 95))}  p99 ${ms(percentile(values, 99))}  max ${ms(values[values.length - 1] ?? NaN)}`;
  print(`  POST answered (from the scheduled send):       ${line(post)}`);
  print(`  shown in the risk picture (poll ${POLL_MS} ms):    ${line(endToEnd)}`);
  print(`  shown in the picture after the 201:           ${line(afterAnswer)}`);
  print(
    `  ${fmt(committed.length)} signals in the log, ${fmt(endToEnd.length)} seen in the picture${caughtUp ? '' : ` — not all within ${DRAIN_MS / 1000} s after the load: the figures above leave ${fmt(notVisible)} out and are too low`}`,
  );
  print(`  during the load: ${describeCpu(cpuBefore, cpuAfter)}`);
  return figures;
}

// ------------------------------------------------------------------ main

async function main(): Promise<void> {
  const municipalities = REFERENCE_DATA.municipalitiesOfRegion(REGION).map((m) => m.code);
  if (municipalities.length === 0) throw new Error(`no RIEC region ${REGION}`);
  print(
    `distributed latency: POST /api/v1/signals at the origin → the risk picture shows it; offered ${RATES.map(fmt).join(' and ')} signals/s, ${SECONDS} s each, over the ${municipalities.length} municipalities of RIEC ${REGION}; poll every ${POLL_MS} ms; ${PROJECTORS} risk-projector instance(s); ${new Date().toISOString().slice(0, 10)}`,
  );
  await withLocalCluster({ instances: { 'risk-projector': PROJECTORS } }, async (bench) => {
    print(`cluster ready at ${bench.cluster.origin} (data in ${bench.workDir})`);
    const tokens = new Map(
      municipalities.map((municipality) => [
        municipality,
        mintToken(
          { role: 'coordinator', municipality, sub: `bench-${municipality}` },
          bench.jwtSecret,
          REFERENCE_DATA,
        ),
      ]),
    );
    const analyst = mintToken(
      { role: 'analyst', riecRegion: REGION, sub: 'bench-analyst' },
      bench.jwtSecret,
      REFERENCE_DATA,
    );
    const agent = new Agent({ keepAlive: true, maxSockets: SOCKETS });
    const pollAgent = new Agent({ keepAlive: true, maxSockets: 1 });
    const poller = new PicturePoller(pollAgent, bench.cluster.origin, analyst);
    const release = await takeBenchLock(process.env.BENCH_LOCK);
    try {
      for (const until = Date.now() + 30_000; !poller.latest; await sleep(POLL_MS)) {
        if (Date.now() > until) throw new Error('the region picture does not answer at the origin');
      }
      if (WARMUP_SECONDS > 0) {
        await runStep(
          bench,
          agent,
          poller,
          tokens,
          municipalities,
          WARMUP_RATE,
          WARMUP_SECONDS,
          'warm-up',
        );
      }
      const results: Figures[] = [];
      for (const rate of RATES) {
        results.push(
          await runStep(
            bench,
            agent,
            poller,
            tokens,
            municipalities,
            rate,
            SECONDS,
            `${fmt(rate)}/s`,
          ),
        );
      }
      const polls = [...poller.answerMs].sort((a, b) => a - b);
      print(
        `polls of the picture: ${fmt(poller.polls.length)} answered (p50 ${ms(percentile(polls, 50))}, p99 ${ms(percentile(polls, 99))}), ${poller.failures} failed`,
      );
      print('summary (end to end, POST at the origin → shown in the risk picture):');
      for (const r of results) {
        print(
          `  offered ${fmt(r.rate)}/s: achieved ${fmt(Math.round(r.achieved))}/s, p50 ${ms(percentile(r.endToEnd, 50))}, p95 ${ms(percentile(r.endToEnd, 95))}, p99 ${ms(percentile(r.endToEnd, 99))}; failed requests ${fmt(r.failed)}, not shown ${fmt(r.notVisible)}`,
        );
      }
    } finally {
      release();
      await poller.stop();
      agent.destroy();
      pollAgent.destroy();
    }
  });
}

main().catch(fail);
