import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CapturedMail {
  /** Envelope recipients (RCPT TO). */
  to: string[];
  subject: string;
  text: string;
  html: string;
  messageId: string;
  /** Headers as parsed (lower-case names). */
  headers: Map<string, unknown>;
  /** Attached files (a meeting's .ics, a decision letter's PDF), as mailparser read them. */
  attachments: { filename: string; contentType: string; content: Buffer }[];
  receivedAt: number;
}

export interface SinkOptions {
  /** Awaited before the server accepts a MAIL FROM (the sender has claimed its mail by then). */
  beforeMailFrom?: () => Promise<void>;
  /** Awaited after a message's body has arrived, before the server answers 250 (the sender waits). */
  beforeAccept?: () => Promise<void>;
  /** Called right after the server answered 250 to a message (e.g. to kill the sending process). */
  afterAccept?: (recipients: string[]) => void;
}

/**
 * A real SMTP server on a free local port that accepts every mail and keeps it, parsed with mailparser.
 * Tests read mails from here, never from a mocked transport.
 */
export class SmtpSink {
  readonly mails: CapturedMail[] = [];
  private pending: Promise<unknown>[] = [];

  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
  ) {}

  static async start(options: SinkOptions = {}): Promise<SmtpSink> {
    let sink: SmtpSink | null = null;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      size: 10 * 1024 * 1024,
      onMailFrom(_address, _session, callback) {
        (options.beforeMailFrom?.() ?? Promise.resolve()).then(() => callback(), callback);
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const recipients = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
          (options.beforeAccept?.() ?? Promise.resolve()).then(() => {
            sink?.capture(Buffer.concat(chunks), recipients);
            callback(null);
            options.afterAccept?.(recipients);
          }, callback);
        });
      },
    });
    // A client killed mid-session (the fault tests kill workers) resets its connection; smtp-server
    // reports that as an 'error' event, which must not become an uncaught error of the test run.
    server.on('error', () => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.server.address() as AddressInfo).port;
    sink = new SmtpSink(server, port);
    return sink;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  private capture(raw: Buffer, to: string[]): void {
    const receivedAt = Date.now();
    this.pending.push(
      simpleParser(raw).then((parsed) => {
        this.mails.push({
          to,
          subject: parsed.subject ?? '',
          text: parsed.text ?? '',
          html: typeof parsed.html === 'string' ? parsed.html : '',
          messageId: parsed.messageId ?? '',
          headers: parsed.headers as Map<string, unknown>,
          attachments: (parsed.attachments ?? []).map((a) => ({
            filename: a.filename ?? '',
            contentType: a.contentType,
            content: a.content,
          })),
          receivedAt,
        });
      }),
    );
  }

  /** Mails to one address, in arrival order. */
  to(address: string): CapturedMail[] {
    return this.mails.filter((m) => m.to.includes(address.toLowerCase()));
  }

  /** Waits until `predicate` holds for the mails received so far (parsing included). */
  async waitFor(
    predicate: (mails: CapturedMail[]) => boolean,
    timeoutMs = 15_000,
    what = 'the expected mails',
  ): Promise<CapturedMail[]> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      await Promise.all(this.pending);
      if (predicate(this.mails)) return this.mails;
      if (Date.now() > until) {
        const seen = this.mails.map((m) => `${m.to.join(',')}: ${m.subject}`).join('\n  ');
        throw new Error(`Timed out waiting for ${what}; received:\n  ${seen || '(none)'}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Waits for the next mail to `address` beyond the `already` seen ones. */
  async next(address: string, already = 0, timeoutMs = 15_000): Promise<CapturedMail> {
    await this.waitFor(
      (mails) => mails.filter((m) => m.to.includes(address.toLowerCase())).length > already,
      timeoutMs,
      `mail to ${address}`,
    );
    return this.to(address)[already];
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
