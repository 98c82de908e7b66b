import type { Kysely } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Database } from '../db/tables.js';
import type { Clock } from '../domain/clock.js';
import { newSortableId } from '../domain/tokens.js';
import type { Mail, MailQueue, TemplateName } from '../domain/mail.js';
import { renderMail } from './templates.js';

export interface MailerOptions {
  db: Kysely<Database>;
  clock: Clock;
  /** `smtp://user:pass@host:587` or `smtps://…`; without it mails are only stored in the outbox. */
  smtpUrl?: string | undefined;
  /** The From header; defaults to `MAIL_FROM`, else a no-reply address. */
  from?: string | undefined;
  log?: { warn(obj: object, msg: string): void } | undefined;
}

const MAX_ATTEMPTS = 5;
const RETRY_EVERY_MS = 30_000;

/**
 * Every mail is first a row in the outbox, written in the caller's transaction, so a mail exists
 * exactly when the change that caused it was committed. When SMTP is configured, a background
 * pass hands undelivered rows to nodemailer shortly after, and retries failures a few times.
 */
export class Mailer implements MailQueue {
  readonly #transport: Transporter | null;
  readonly #from: string;
  #running: Promise<number> | null = null;
  #again = false;
  #timer: NodeJS.Timeout | null = null;
  #retry: NodeJS.Timeout | null = null;
  #closed = false;

  constructor(private readonly options: MailerOptions) {
    this.#transport = options.smtpUrl ? nodemailer.createTransport(options.smtpUrl) : null;
    this.#from = options.from ?? process.env.MAIL_FROM ?? 'Client area <no-reply@clientarea.invalid>';
    if (this.#transport) {
      this.#retry = setInterval(() => this.schedule(), RETRY_EVERY_MS);
      this.#retry.unref();
    }
  }

  get sendsSmtp(): boolean {
    return this.#transport !== null;
  }

  /** Renders and stores one mail with `db` (pass the transaction the change runs in). Returns its id. */
  async enqueue<T extends TemplateName>(db: Kysely<Database>, now: Date, mail: Mail<T>): Promise<string> {
    const rendered = renderMail(mail.template, mail.language, mail.vars);
    const id = newSortableId('mail');
    await db
      .insertInto('outbox')
      .values({
        id,
        account_id: mail.accountId ?? null,
        to_address: mail.to.trim().toLowerCase(),
        kind: mail.kind,
        template: mail.template,
        language: rendered.language,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        created_at: now.toISOString(),
        delivered_at: null,
        delivery_error: null,
        attempts: 0,
      })
      .execute();
    this.schedule();
    return id;
  }

  /** Delivery runs outside the caller's transaction: it is only scheduled here, never awaited. */
  schedule(): void {
    if (!this.#transport || this.#closed || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.flush().catch((error: unknown) => this.options.log?.warn({ err: error }, 'mail delivery pass failed'));
    }, 20);
    this.#timer.unref();
  }

  /** Hands every undelivered mail to SMTP; resolves with how many were delivered. */
  flush(): Promise<number> {
    if (!this.#transport) return Promise.resolve(0);
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = this.#deliverPending().finally(() => {
      this.#running = null;
      if (this.#again && !this.#closed) {
        this.#again = false;
        this.schedule();
      }
    });
    return this.#running;
  }

  async #deliverPending(): Promise<number> {
    const transport = this.#transport;
    if (!transport) return 0;
    const { db, clock } = this.options;
    const rows = await db
      .selectFrom('outbox')
      .selectAll()
      .where('delivered_at', 'is', null)
      .where('attempts', '<', MAX_ATTEMPTS)
      .orderBy('created_at')
      .limit(100)
      .execute();
    let delivered = 0;
    for (const row of rows) {
      if (this.#closed) break;
      try {
        await transport.sendMail({ from: this.#from, to: row.to_address, subject: row.subject, text: row.text, html: row.html });
        await db
          .updateTable('outbox')
          .set({ delivered_at: clock().toISOString(), delivery_error: null, attempts: row.attempts + 1 })
          .where('id', '=', row.id)
          .execute();
        delivered++;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await db
          .updateTable('outbox')
          .set({ delivery_error: message.slice(0, 500), attempts: row.attempts + 1 })
          .where('id', '=', row.id)
          .execute();
        this.options.log?.warn({ mailId: row.id, error: message }, 'mail delivery failed');
      }
    }
    return delivered;
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    if (this.#retry) clearInterval(this.#retry);
    await this.#running?.catch(() => 0);
    this.#transport?.close();
  }
}
