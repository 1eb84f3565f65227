// Benchmark (not a test): delivery latency of an escalation on the embedded platform — from the
// HTTP answer to the third threat of a municipality to (a) the signed webhook at the RIEC's
// receiver, (b) the RIEC's e-mail and (c) the burgemeester's summary with PDF at a real SMTP
// server. Runs N municipalities one after the other and prints median, p95 and max.
//
//   npm run bench -- escalation-delivery
//   BENCH_RUNS=40 npm run bench -- escalation-delivery
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { loadConfig } from '@weerbaar/config';
import { mintToken } from '@weerbaar/security';
import { createPlatformApp } from '../apps/platform/src/platform.app';
import { fail, print } from './report';

const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const SECRET = `whsec_${randomBytes(32).toString('base64')}`;

interface Arrival {
  at: number;
  key: string;
}

async function main(): Promise<void> {
  Logger.overrideLogger(false);
  const mails: Arrival[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const at = Date.now();
      simpleParser(stream)
        .then((mail) => {
          const to = session.envelope.rcptTo.map((r) => r.address).join(',');
          mails.push({ at, key: `${to}|${mail.subject ?? ''}` });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const webhooks: Arrival[] = [];
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString()) as {
        data: { municipality: string };
      };
      webhooks.push({ at: Date.now(), key: body.data.municipality });
      res.statusCode = 204;
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));

  const config = loadConfig({
    WEERBAAR_DATA_DIR: '/nonexistent-bench',
    AUTH_JWT_SECRET: randomBytes(32).toString('hex'),
    SUBJECT_FINGERPRINT_KEY: randomBytes(32).toString('hex'),
    PORT: '0',
    LOG_LEVEL: 'silent',
    SMTP_URL: `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
    DIGEST_SCHEDULE: 'off',
  });
  const platform = await createPlatformApp(config, { inMemory: true });
  await platform.app.listen(0, '127.0.0.1');
  const base = (await platform.app.getUrl()).replace('[::1]', '127.0.0.1');
  const token = (options: Parameters<typeof mintToken>[0]) =>
    mintToken(options, config.auth.jwtSecret, platform.referenceData);
  const admin = token({ role: 'admin', sub: 'bench-admin' });
  const call = async (method: string, path: string, bearer: string, body: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  };
  const webhookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  for (const region of platform.referenceData.riecRegions()) {
    await call('PUT', `/api/v1/admin/riec-contacts/${region.id}`, admin, {
      contacts: [
        { name: 'RIEC', email: `riec@${region.id}.test`, webhookUrl, webhookSecret: SECRET },
      ],
    });
  }

  const municipalities = platform.referenceData.municipalities().slice(0, RUNS);
  const latencies = {
    webhook: [] as number[],
    riecMail: [] as number[],
    mayorMail: [] as number[],
  };
  const waitFor = async (list: Arrival[], match: (a: Arrival) => boolean): Promise<number> => {
    for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
      const found = list.find(match);
      if (found) return found.at;
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    throw new Error('a delivery did not arrive within 30 s');
  };
  for (const municipality of municipalities) {
    const mayor = `burgemeester@${municipality.code.toLowerCase()}.test`;
    await call('PUT', `/api/v1/admin/municipality-contacts/${municipality.code}`, admin, {
      burgemeester: { name: 'Burgemeester', email: mayor },
    });
    const coordinator = token({
      role: 'coordinator',
      municipality: municipality.code,
      sub: 'bench',
    });
    let answered = 0;
    for (const daysAgo of [3, 2, 1]) {
      await call('POST', '/api/v1/signals', coordinator, {
        municipality: municipality.code,
        category: 'THREAT',
        subcategory: 'ONLINE',
        targetRole: 'WETHOUDER',
        severity: 2,
        occurredAt: new Date(Date.now() - daysAgo * 86_400_000).toISOString(),
        description: 'Benchmark',
        policeReportFiled: false,
        source: 'DIRECT',
      });
      answered = Date.now();
    }
    const region = municipality.riecRegion;
    latencies.webhook.push(
      (await waitFor(webhooks, (a) => a.key === municipality.code)) - answered,
    );
    latencies.riecMail.push(
      (await waitFor(
        mails,
        (a) => a.key.startsWith(`riec@${region}.test|`) && a.key.includes(municipality.name),
      )) - answered,
    );
    latencies.mayorMail.push(
      (await waitFor(mails, (a) => a.key.startsWith(`${mayor}|`))) - answered,
    );
  }

  print(
    `escalation delivery latency, embedded platform, ${RUNS} threat clusters (ms after the third threat's 201):`,
  );
  for (const [name, values] of Object.entries(latencies)) {
    const sorted = [...values].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    print(`  ${name.padEnd(10)} median ${at(0.5)}  p95 ${at(0.95)}  max ${sorted.at(-1)}`);
  }
  await platform.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  receiver.closeAllConnections();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
}

main().catch(fail);
