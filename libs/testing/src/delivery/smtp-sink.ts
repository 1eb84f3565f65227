// A real SMTP server for tests (smtp-server's SMTPServer on a free loopback port) that keeps
// every message it accepts, parsed by mailparser: recipients, subject, text, attachments.
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  messageId: string | undefined;
  attachments: { filename: string | undefined; contentType: string; content: Buffer }[];
}

export interface SmtpSink {
  url: string;
  mails: ReceivedMail[];
  /** Resolves when at least `count` mails satisfy `filter` (or rejects after `timeoutMs`). */
  waitFor(
    count: number,
    filter?: (mail: ReceivedMail) => boolean,
    timeoutMs?: number,
  ): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed: ParsedMail) => {
          mails.push({
            to: addressesOf(parsed.to),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            messageId: parsed.messageId,
            attachments: parsed.attachments.map((a) => ({
              filename: a.filename,
              contentType: a.contentType,
              content: a.content,
            })),
          });
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    waitFor: (count, filter = () => true, timeoutMs = 10_000) =>
      waitUntil(
        () => {
          const found = mails.filter(filter);
          return found.length >= count ? found : undefined;
        },
        timeoutMs,
        `${count} mails`,
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function addressesOf(to: ParsedMail['to']): string[] {
  const list = to === undefined ? [] : Array.isArray(to) ? to : [to];
  return list.flatMap((group) => group.value.map((address) => address.address ?? ''));
}

/** Polls `probe` until it returns a value, or rejects after `timeoutMs`. */
export async function waitUntil<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs: number,
  what: string,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
