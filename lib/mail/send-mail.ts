// Account emails. With SMTP_URL set they go out through nodemailer; without it (local mode) the
// message is printed to the server log, so a developer can follow a reset link without a mail
// server. The log line starts with `[mail]` and carries the whole text body.
import nodemailer, { type Transporter } from 'nodemailer';
import { env } from '@/lib/env';

export type Mail = { to: string; subject: string; text: string };

const globalForMail = globalThis as unknown as { atelierMail?: { url: string; transport: Transporter } };

function transport(url: string): Transporter {
  if (globalForMail.atelierMail?.url === url) return globalForMail.atelierMail.transport;
  const created = nodemailer.createTransport(url);
  globalForMail.atelierMail = { url, transport: created };
  return created;
}

/**
 * Sends `mail` by SMTP when configured, else prints it to the log. Resolves to how it went out.
 * `smtpUrl` overrides the configuration (null: local mode).
 */
export async function sendMail(mail: Mail, { smtpUrl = env().SMTP_URL }: { smtpUrl?: string | null } = {}): Promise<'smtp' | 'log'> {
  if (smtpUrl) {
    await transport(smtpUrl).sendMail({ from: env().MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text });
    return 'smtp';
  }
  console.log(`[mail] (local mode: no SMTP_URL) to=${mail.to} subject=${JSON.stringify(mail.subject)}\n${mail.text}\n[mail] end`);
  return 'log';
}
