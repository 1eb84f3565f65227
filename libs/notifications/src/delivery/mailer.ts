// Sends e-mail with nodemailer: to the SMTP server of SMTP_URL, or — with no server configured —
// as .eml files into the outbox directory, so a newcomer sees what would be sent. Every message
// carries a Message-ID derived from its delivery, so a receiver can recognise a repeat.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments?: { filename: string; content: Buffer; contentType: string }[];
}

export interface Mailer {
  /** Sends one message; rejects when the server refuses it or cannot be reached. */
  send(message: MailMessage, deliveryId: string): Promise<void>;
  /** Where mail goes, for the start-up message (no credentials). */
  readonly destination: string;
  close(): void;
}

export interface MailerOptions {
  smtpUrl: string | undefined;
  from: string;
  outboxDir: string;
  timeoutMs: number;
}

export function createMailer(options: MailerOptions): Mailer {
  return options.smtpUrl === undefined ? new OutboxMailer(options) : new SmtpMailer(options);
}

const messageIdOf = (deliveryId: string): string => `<${deliveryId}@weerbaar>`;

class SmtpMailer implements Mailer {
  private readonly transport: Transporter;
  readonly destination: string;

  constructor(private readonly options: MailerOptions) {
    const url = new URL(options.smtpUrl!);
    this.destination = `SMTP server ${url.hostname}:${url.port || (url.protocol === 'smtps:' ? 465 : 25)}`;
    // The URL carries host, port, TLS and credentials; the timeouts keep a dead server from
    // holding a delivery longer than one try may take.
    url.searchParams.set('connectionTimeout', String(options.timeoutMs));
    url.searchParams.set('greetingTimeout', String(options.timeoutMs));
    url.searchParams.set('socketTimeout', String(options.timeoutMs));
    this.transport = nodemailer.createTransport(url.toString());
  }

  async send(message: MailMessage, deliveryId: string): Promise<void> {
    await this.transport.sendMail({
      ...message,
      from: this.options.from,
      messageId: messageIdOf(deliveryId),
    });
  }

  close(): void {
    this.transport.close();
  }
}

class OutboxMailer implements Mailer {
  private readonly transport: Transporter;
  readonly destination: string;

  constructor(private readonly options: MailerOptions) {
    this.destination = `the outbox ${options.outboxDir} (.eml files; set SMTP_URL to send)`;
    this.transport = nodemailer.createTransport({
      streamTransport: true,
      buffer: true,
      newline: 'unix',
    });
  }

  async send(message: MailMessage, deliveryId: string): Promise<void> {
    const info = (await this.transport.sendMail({
      ...message,
      from: this.options.from,
      messageId: messageIdOf(deliveryId),
    })) as { message: Buffer };
    mkdirSync(this.options.outboxDir, { recursive: true, mode: 0o700 });
    // Sortable by time, unique per delivery: a repeat overwrites its own file.
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    writeFileSync(join(this.options.outboxDir, `${stamp}-${deliveryId}.eml`), info.message, {
      mode: 0o600,
    });
  }

  close(): void {
    this.transport.close();
  }
}
