import nodemailer from 'nodemailer';
import type { SmtpConfig } from '../../core/config.js';
import type { EmailContent } from './message.js';

export interface Mailer {
  send(to: string, content: EmailContent): Promise<void>;
}

const mailers = new WeakMap<SmtpConfig, Mailer>();
let offLogged = false;

/** The mailer of a configuration (one pooled transport per process), or undefined when SMTP is off. */
export function mailerFor(smtp: SmtpConfig | undefined): Mailer | undefined {
  if (!smtp) {
    if (!offLogged) console.info('Notifications par email désactivées : VIGIE_SMTP_URL absent / Email notifications off: VIGIE_SMTP_URL not set');
    offLogged = true;
    return undefined;
  }
  let mailer = mailers.get(smtp);
  if (!mailer) {
    const transport = nodemailer.createTransport(smtp.url);
    mailer = {
      async send(to, content) {
        await transport.sendMail({ from: smtp.from, to, subject: content.subject, text: content.text });
      },
    };
    mailers.set(smtp, mailer);
  }
  return mailer;
}
