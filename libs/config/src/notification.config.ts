// The settings of escalation and delivery: election days for the election rule, the SMTP server
// and sender, retries of deliveries, the weekly digest, and the public address of the product
// for links in messages. Read from the environment by loadConfig, validated with it.
import { join } from 'node:path';
import { dayNumber } from '@weerbaar/domain';

export interface EscalationConfig {
  /** Municipal election days, YYYY-MM-DD (ELECTION_DATES). */
  electionDays: string[];
}

export interface DigestSchedule {
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  hour: number;
  minute: number;
}

export interface NotificationConfig {
  /** smtp:// or smtps:// URL of the mail server; without it mails are written to `outboxDir`. */
  smtpUrl: string | undefined;
  /** The From of every mail. */
  smtpFrom: string;
  /** Where mails go as .eml files when there is no SMTP server. */
  outboxDir: string;
  /** The address people reach the product at, for links in messages. */
  publicBaseUrl: string;
  delivery: {
    /** Tries per delivery, the first included. */
    maxAttempts: number;
    /** The first retry waits about this long; each next one about twice as long. */
    baseDelayMs: number;
    /** No wait between tries is longer than this. */
    maxDelayMs: number;
    /** How long one try may take (SMTP or webhook). */
    timeoutMs: number;
  };
  /** When the weekly digest goes out (Europe/Amsterdam); undefined when switched off. */
  digest: DigestSchedule | undefined;
}

type Env = Record<string, string | undefined>;

export const DEFAULT_ELECTION_DATES = '2026-03-18,2030-03-20';
export const DEFAULT_DIGEST_SCHEDULE = 'MON 08:00';

const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];

export function parseEscalationConfig(env: Env, problems: string[]): EscalationConfig {
  const raw = env.ELECTION_DATES?.trim() || DEFAULT_ELECTION_DATES;
  const electionDays = raw.split(',').map((day) => day.trim());
  if (electionDays.some((day) => dayNumber(day) === undefined)) {
    problems.push('ELECTION_DATES must be days YYYY-MM-DD separated by commas');
  }
  return { electionDays: [...new Set(electionDays)].sort() };
}

export function parseNotificationConfig(
  env: Env,
  context: { dataDir: string; port: number },
  problems: string[],
): NotificationConfig {
  const smtpUrl = env.SMTP_URL?.trim() || undefined;
  if (smtpUrl !== undefined && !/^smtps?:\/\/[^/]+/.test(smtpUrl)) {
    problems.push('SMTP_URL must be an smtp:// or smtps:// URL, such as smtp://127.0.0.1:2525');
  }
  const smtpFrom = env.SMTP_FROM?.trim() || 'Weerbaar <weerbaar@localhost>';
  if (!/^[^<>\s@]+@[^<>\s@]+$|<[^<>\s@]+@[^<>\s@]+>$/.test(smtpFrom)) {
    problems.push('SMTP_FROM must be an e-mail address, optionally as "Name <address>"');
  }
  const publicBaseUrl = (
    env.PUBLIC_BASE_URL?.trim() || `http://localhost:${context.port === 0 ? 3000 : context.port}`
  ).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/.test(publicBaseUrl)) {
    problems.push('PUBLIC_BASE_URL must be an http:// or https:// URL');
  }
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name]?.trim();
    if (!raw) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max}`);
      return fallback;
    }
    return value;
  };
  const delivery = {
    maxAttempts: int('DELIVERY_MAX_ATTEMPTS', 8, 1, 50),
    baseDelayMs: int('DELIVERY_BASE_DELAY_MS', 2_000, 10, 3_600_000),
    maxDelayMs: int('DELIVERY_MAX_DELAY_MS', 3_600_000, 10, 86_400_000),
    timeoutMs: int('DELIVERY_TIMEOUT_MS', 10_000, 100, 300_000),
  };
  if (delivery.maxDelayMs < delivery.baseDelayMs) {
    problems.push('DELIVERY_MAX_DELAY_MS must not be smaller than DELIVERY_BASE_DELAY_MS');
  }
  return {
    smtpUrl,
    smtpFrom,
    outboxDir: join(context.dataDir, 'outbox'),
    publicBaseUrl,
    delivery,
    digest: parseDigestSchedule(env.DIGEST_SCHEDULE?.trim() || DEFAULT_DIGEST_SCHEDULE, problems),
  };
}

/** "MON 08:00" (a weekday of three letters and a time), or "off". */
function parseDigestSchedule(raw: string, problems: string[]): DigestSchedule | undefined {
  if (raw.toLowerCase() === 'off') return undefined;
  const match = /^([A-Za-z]{3})\s+(\d{1,2}):(\d{2})$/.exec(raw);
  const weekday = match ? WEEKDAYS.indexOf(match[1].toUpperCase()) + 1 : 0;
  const hour = match ? Number(match[2]) : -1;
  const minute = match ? Number(match[3]) : -1;
  if (weekday === 0 || hour > 23 || minute > 59 || hour < 0) {
    problems.push(
      `DIGEST_SCHEDULE must be a weekday (${WEEKDAYS.join(', ')}) and a time, such as "MON 08:00" (Europe/Amsterdam), or "off"`,
    );
    return undefined;
  }
  return { weekday, hour, minute };
}
