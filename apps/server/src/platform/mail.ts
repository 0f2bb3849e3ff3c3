import { sql } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Tx } from './db/tenant.js';
import { exec } from './db/tenant.js';
import type { Hub } from './hub.js';
import { uuidv7 } from './ids.js';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

export const SEND_MAIL_TASK = 'platform.send-mail';

/**
 * Mail leaves through a job enqueued in the caller's transaction: it is sent exactly when the
 * change that caused it (sign-up, invitation, reset) commits, and retried if SMTP is down.
 * Works in a tenant transaction (stamped with the tenant) and in a system transaction.
 */
export async function enqueueMail(tx: Tx, msg: MailMessage) {
  const payload = JSON.stringify(msg);
  // Two statements, not one CASE: PostgreSQL checks the privileges of every function a statement
  // names, and the app role (tenant transactions) may not touch the graphile_worker schema.
  const { rows } = await exec<{ tenant: string | null }>(tx, sql`select platform.current_tenant() as tenant`);
  if (rows[0]?.tenant)
    await exec(tx, sql`select platform.add_job(${SEND_MAIL_TASK}, ${payload}::jsonb, max_attempts => 10)`);
  else
    await exec(
      tx,
      sql`select (graphile_worker.add_job(${SEND_MAIL_TASK}, ${payload}::json, max_attempts => 10)).id`,
    );
}

/** Sends through SMTP when SMTP_URL is set; otherwise keeps the message in the outbox for operators. */
export function registerMail(hub: Hub) {
  let transport: Transporter | undefined;
  hub.tasks.define<MailMessage>(SEND_MAIL_TASK, async (ctx, msg) => {
    let messageId: string | null = null;
    if (hub.config.SMTP_URL) {
      transport ??= nodemailer.createTransport(hub.config.SMTP_URL);
      const info = await transport.sendMail({
        from: hub.config.MAIL_FROM,
        to: msg.to,
        subject: msg.subject,
        text: msg.text,
        html: msg.html,
      });
      messageId = info.messageId;
    }
    await hub.db.admin.query(
      `insert into platform.mail_outbox (id, to_address, from_address, subject, text_body, html_body, transport, message_id)
       values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        uuidv7(),
        msg.to,
        hub.config.MAIL_FROM,
        msg.subject,
        msg.text,
        msg.html ?? null,
        hub.config.SMTP_URL ? 'smtp' : 'outbox',
        messageId,
      ],
    );
    ctx.log.info(
      { to: msg.to, subject: msg.subject, transport: hub.config.SMTP_URL ? 'smtp' : 'outbox' },
      'mail sent',
    );
  });
}

export interface OutboxMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
  transport: 'smtp' | 'outbox';
  createdAt: string;
}

export async function listOutbox(
  hub: Pick<Hub, 'db'>,
  filter: { to?: string; limit?: number } = {},
): Promise<OutboxMessage[]> {
  const { rows } = await hub.db.admin.query(
    `select id, to_address as "to", subject, text_body as text, transport, created_at as "createdAt"
     from platform.mail_outbox where ($1::text is null or lower(to_address) = lower($1))
     order by created_at desc, id desc limit $2`,
    [filter.to ?? null, filter.limit ?? 50],
  );
  return rows;
}
