import { createHmac } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Config } from '../config.ts';

/** The webhook's signature header value: HMAC-SHA256 of the exact body bytes under the shared secret. */
export function webhookSignature(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export interface Channels {
  /** Null when RECTIFY_SMTP_URL is unset: no e-mail is queued. */
  mail: ((to: string, subject: string, text: string) => Promise<void>) | null;
  /** Null when RECTIFY_WEBHOOK_URL is unset: nothing is posted. */
  webhook: ((body: string) => Promise<void>) | null;
  close(): void;
}

const SEND_TIMEOUT_MS = 15_000;

/** The configured addresses and nothing else: SMTP at smtpUrl, the robot at webhookUrl. */
export function configuredChannels(config: Config): Channels {
  const transport = config.smtpUrl
    ? nodemailer.createTransport({
        url: config.smtpUrl,
        connectionTimeout: SEND_TIMEOUT_MS,
        greetingTimeout: SEND_TIMEOUT_MS,
        socketTimeout: SEND_TIMEOUT_MS,
      })
    : null;
  const { webhookUrl, webhookSecret } = config;
  return {
    mail: transport
      ? async (to, subject, text) => {
          await transport.sendMail({ from: config.mailFrom, to, subject, text });
        }
      : null,
    webhook:
      webhookUrl && webhookSecret
        ? async (body) => {
            const res = await fetch(webhookUrl, {
              method: 'POST',
              headers: {
                'content-type': 'application/json; charset=utf-8',
                'x-rectify-signature': webhookSignature(body, webhookSecret),
              },
              body,
              redirect: 'error',
              signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
            });
            // The body is drained so the connection is freed; a robot's answer says nothing we act on.
            await res.arrayBuffer();
            if (!res.ok) throw new Error(`HTTP ${res.status}`);
          }
        : null,
    close: () => transport?.close(),
  };
}
