// No personal data or secret in the logs: the API, escalation and hardening suites run again on
// platforms that log everything (level trace) into memory; then every personal value those
// suites stored (descriptions, subjects, references, reasons, notes, contacts, webhook secrets),
// every token they used and the platforms' own secrets are looked for in every log line.
import type { WeerbaarConfig } from '@weerbaar/config';
import { START_OF_LOG, type RecordedEvent } from '@weerbaar/event-store';
import { isSealed } from '@weerbaar/personal-data';
import { describeEscalationApi } from './testing/escalation-api.contract';
import { runPersonalDataScenario } from './testing/personal-data.scenario';
import { describeHardening, HARDENING_HTTP_LIMITS } from './testing/hardening.contract';
import { describePlatformApi } from './testing/platform-api.contract';
import { startTestPlatform, type TestPlatform } from './testing/test-platform';

const lines: string[] = [];
/** Everything the platforms must not log, gathered as they close. */
const plaintext = new Set<string>();

/** Values shorter than this are too plain to tell a leak from chance ("x", "Ja"). */
const MIN_LENGTH = 6;
/** A subject's kind (PERSON, COMPANY …) sits beside its identifiers but is no personal value. */
const ENUM_CODE = /^[A-Z_]+$/;

const strings = (value: unknown): string[] =>
  typeof value === 'string'
    ? [value]
    : Array.isArray(value)
      ? value.flatMap(strings)
      : value && typeof value === 'object'
        ? Object.values(value).flatMap(strings)
        : [];

/** The personal part of each event type that has one (libs/domain's events). */
function personalValues(event: RecordedEvent): string[] {
  const data = event.data as Record<string, unknown>;
  switch (event.type) {
    case 'SignalRecorded':
      return strings(data.personal);
    case 'SignalAmended':
      return [...strings(data.personalChanges), ...strings(data.reason)];
    case 'SignalRetracted':
      return strings(data.reason);
    case 'EscalationNoted':
      return strings(data.text);
    case 'EscalationClosed':
      return strings(data.note);
    case 'RiecContactsSet':
      return (data.contacts as Record<string, unknown>[]).flatMap(
        ({ webhookUrl: _url, ...contact }) => strings(contact),
      );
    case 'MunicipalityContactsSet':
      return strings(data.burgemeester);
    default:
      return [];
  }
}

async function rememberPlaintext(t: TestPlatform): Promise<void> {
  const store = t.platform.infrastructure.eventStore;
  for (let from = START_OF_LOG; ;) {
    const { events, checkpoint } = await store.readAll(from, 1_000);
    if (events.length === 0) break;
    // The log holds them sealed: opened, they are what a leak would show.
    for (const event of await store.openAll(events)) {
      for (const value of personalValues(event)) plaintext.add(value);
    }
    from = checkpoint;
  }
  plaintext.add(t.config.auth.jwtSecret);
  plaintext.add(t.config.fingerprintKey);
  plaintext.add(t.config.personalData.kek.toString('base64'));
}

/** A test platform that logs everything here and records what it must not have logged. */
async function start(overrides: Partial<WeerbaarConfig> = {}): Promise<TestPlatform> {
  const t = await startTestPlatform(
    { ...overrides, logLevel: 'trace' },
    { logDestination: { write: (line) => lines.push(line) } },
  );
  for (const [name, mint] of Object.entries(t.tokens)) {
    (t.tokens as Record<string, (...args: unknown[]) => string>)[name] = (...args) => {
      const token = mint(...(args as [never]));
      plaintext.add(token);
      return token;
    };
  }
  const close = t.close;
  t.close = async () => {
    try {
      await rememberPlaintext(t);
    } finally {
      await close();
    }
  };
  return t;
}

describePlatformApi('logged', () => start());
describeEscalationApi('logged', (config) => start(config));
describeHardening('logged', () => start({ http: HARDENING_HTTP_LIMITS }));

describe('the personal-data scenario, logged', () => {
  it('enters, reads back and erases personal data of every kind', async () => {
    const t = await start();
    try {
      const scenario = await runPersonalDataScenario(t.http, t.tokens, t.settle);
      for (const text of [...scenario.personalTexts, scenario.contactAddress]) plaintext.add(text);
    } finally {
      await t.close();
    }
  });
});

describe('the logs of those suites', () => {
  it('were written, every request line with its request id', () => {
    const entries = lines.map((line) => JSON.parse(line) as { req?: { id?: unknown } });
    const requests = entries.filter((entry) => entry.req !== undefined);
    expect(requests.length).toBeGreaterThan(200);
    expect(requests.filter((entry) => typeof entry.req?.id !== 'string')).toEqual([]);
  });

  it('hold no personal value, token or secret the suites used', () => {
    const looked = [...plaintext].filter(
      (value) => value.trim().length >= MIN_LENGTH && !ENUM_CODE.test(value),
    );
    // The suites record descriptions, subjects, notes, contacts and secrets by the dozen, and
    // they are looked for as entered, not as the log holds them (sealed).
    expect(looked.length).toBeGreaterThan(50);
    expect(looked.filter((value) => isSealed(value))).toEqual([]);
    const text = lines.join('');
    const found = looked.filter(
      (value) => text.includes(value) || text.includes(JSON.stringify(value).slice(1, -1)),
    );
    expect(found).toEqual([]);
  });
});
