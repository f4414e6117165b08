import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createTransport, type Transporter } from 'nodemailer';
import type { MailMessage } from 'nodemailer/lib/mailer';
import { APP_CONFIG } from '@/config/config.constants';
import type { AppConfig } from '@/config/config';

export interface OutgoingMail {
  to: { name: string; address: string };
  subject: string;
  html: string;
  text: string;
  /** Deterministic per mail-log entry, so a copy that slipped through twice is recognisable. */
  messageId: string;
  /** Files that go with the mail (a meeting's .ics). */
  attachments?: { filename: string; content: string | Buffer; contentType: string }[];
  /**
   * Runs once the server took the DATA command (354), before the first byte of the message goes
   * out; the message waits until it resolves, and is not sent at all if it rejects.
   */
  beforeData?: () => Promise<void>;
}

export interface SentMail {
  messageId: string;
  /** The .eml file, when no SMTP server is configured. */
  file?: string;
}

/**
 * Hands mails to the SMTP server of `SMTP_URL` over a connection pool, or — with no SMTP_URL — writes
 * each one as an .eml file to MAIL_DIR so a newcomer can read them without a mail server.
 */
@Injectable()
export class Mailer implements OnApplicationShutdown {
  private readonly logger = new Logger('Mailer');
  private readonly transport: Transporter;
  private readonly toFiles: boolean;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.toFiles = config.smtpUrl === null;
    this.transport = config.smtpUrl
      ? createTransport({ url: config.smtpUrl, pool: true, maxConnections: 5, maxMessages: 1000 })
      : createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    this.transport.use('stream', holdUntilData);
  }

  /** Resolves once the SMTP server accepted the mail (250 after DATA), or the .eml file is written. */
  async send(mail: OutgoingMail): Promise<SentMail> {
    const info = await this.transport.sendMail({
      from: this.config.mailFrom,
      to: mail.to,
      subject: mail.subject,
      html: mail.html,
      text: mail.text,
      messageId: mail.messageId,
      attachments: mail.attachments,
      beforeData: mail.beforeData,
    } as Parameters<Transporter['sendMail']>[0]);
    if (!this.toFiles) return { messageId: mail.messageId };
    await mkdir(this.config.mailDir, { recursive: true });
    const file = join(
      this.config.mailDir,
      `${Date.now()}-${mail.messageId.replace(/[^A-Za-z0-9]+/g, '_')}.eml`,
    );
    await writeFile(file, (info as { message: Buffer }).message);
    return { messageId: mail.messageId, file };
  }

  /** The domain of MAIL_FROM, for Message-IDs. */
  get domain(): string {
    const match = /@([^>\s]+)>?\s*$/.exec(this.config.mailFrom);
    return match ? match[1] : 'localhost';
  }

  onApplicationShutdown(): void {
    this.transport.close();
    this.logger.debug('Mail transport closed.');
  }
}

/**
 * nodemailer's SMTP connection pipes the message stream only after the server answered DATA with
 * 354 (its pool relies on the same: a stream never read was never sent). So the message stream is
 * made lazy: its first read — the moment the body is about to go out — awaits `beforeData` first.
 */
function holdUntilData(mail: MailMessage, done: (error?: Error | null) => void): void {
  const beforeData = (mail.data as { beforeData?: () => Promise<void> }).beforeData;
  if (!beforeData) return done();
  const message = mail.message;
  const createReadStream = message.createReadStream.bind(message);
  message.createReadStream = () =>
    openedOnFirstRead(beforeData, createReadStream) as ReturnType<typeof createReadStream>;
  done();
}

/**
 * A stream that, when first read, awaits `before` and then passes on the chunks of `open()` (a plain
 * pipe with back-pressure: cheaper per chunk than an async generator). If `before` rejects, the stream
 * fails with its error and `open` is never called.
 */
function openedOnFirstRead(before: () => Promise<void>, open: () => Readable): Readable {
  let started = false;
  let source: Readable | null = null;
  const out = new Readable({
    read() {
      if (source) {
        source.resume();
        return;
      }
      if (started) return;
      started = true;
      before().then(
        () => {
          if (out.destroyed) return;
          const opened = open();
          source = opened;
          opened.on('data', (chunk: Buffer | string) => {
            if (!out.push(chunk)) opened.pause();
          });
          opened.once('end', () => out.push(null));
          opened.once('error', (error) => out.destroy(error));
        },
        (error: unknown) => out.destroy(error as Error),
      );
    },
    destroy(error, callback) {
      source?.destroy();
      callback(error);
    },
  });
  return out;
}

/**
 * Whether a failed send certainly did not reach the server's acceptance: the server answered with a
 * refusal code, or the failure came before the message data was on the wire. Anything else (a socket
 * cut or timeout after DATA with no reply) may have been accepted, so it must not be sent again blindly.
 */
export function certainlyNotAccepted(error: unknown): boolean {
  const e = error as { responseCode?: unknown; command?: unknown; code?: unknown; originalCode?: unknown };
  if (typeof e.responseCode === 'number' && e.responseCode >= 400) return true;
  // No connection at all (server down, wrong host).
  const unreachable = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'];
  if (unreachable.includes(String(e.originalCode))) return true;
  // 'CONN' is not in the list: nodemailer also reports a connection cut mid-DATA with it.
  const beforeData = ['API', 'EHLO', 'HELO', 'LHLO', 'STARTTLS', 'MAIL FROM', 'RCPT TO', 'RSET'];
  if (typeof e.command === 'string' && (beforeData.includes(e.command) || e.command.startsWith('AUTH'))) {
    return true;
  }
  return ['EDNS', 'ETLS', 'EAUTH', 'ENOAUTH', 'EENVELOPE', 'ECONFIG', 'EPROXY'].includes(String(e.code));
}
