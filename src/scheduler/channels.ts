import { createHmac } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Config } from '../config.ts';
import { SMS_CONTENT_TYPE_HEADER, type SmsHook, smsRequest } from '../domain/channels.ts';
import { type OutwardReach, outwardReach } from '../repositories/notifications.repository.ts';

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

/** What these channels let the fan-out reach (the units' robots and hooks are in the database). */
export function reachOf(config: Config, channels: Channels): OutwardReach {
  return outwardReach(config, { mail: !!channels.mail, webhook: !!channels.webhook });
}

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

// ── The units' robots and SMS hooks: each service's documented protocol ──

/** Posts JSON (or a template's body) and returns the answer's text; a non-2xx answer is a failure to retry. */
async function post(url: string, body: string | null, method: 'GET' | 'POST', contentType: string): Promise<string> {
  const res = await fetch(url, {
    method,
    headers: body === null ? {} : { 'content-type': contentType },
    body,
    redirect: 'error',
    signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`HTTP ${res.status}: ${text.slice(0, 200)}`);
  return text;
}

/**
 * 钉钉 and 企业微信 answer HTTP 200 with `{"errcode":0,"errmsg":"ok"}` on success and the same status with another
 * errcode on failure (310000 a bad signature or keyword, 300001 a bad token, 45009 over the rate limit), so the body
 * decides: anything but errcode 0 is a failed attempt, retried with the outbox's backoff.
 */
function checkErrcode(service: string, answer: string): void {
  let parsed: { errcode?: unknown; errmsg?: unknown };
  try {
    parsed = JSON.parse(answer);
  } catch {
    throw new Error(`${service}: the answer is not JSON: ${answer.slice(0, 200)}`);
  }
  if (parsed.errcode !== 0)
    throw new Error(`${service}: errcode ${String(parsed.errcode)} ${String(parsed.errmsg ?? '')}`);
}

/**
 * 钉钉's 加签: `sign` is Base64(HMAC-SHA256(key = secret, message = timestamp + "\n" + secret)), URL-encoded, with the
 * millisecond timestamp beside it; 钉钉 refuses a timestamp more than an hour from its own clock.
 */
export function dingtalkSign(timestampMs: number, secret: string): string {
  return encodeURIComponent(createHmac('sha256', secret).update(`${timestampMs}\n${secret}`).digest('base64'));
}

export function dingtalkSignedUrl(url: string, secret: string | null, now: Date): string {
  if (!secret) return url;
  const timestamp = now.getTime();
  return `${url}${url.includes('?') ? '&' : '?'}timestamp=${timestamp}&sign=${dingtalkSign(timestamp, secret)}`;
}

export async function sendDingTalk(
  robot: { url: string; secret: string | null },
  title: string,
  markdown: string,
  now: Date,
): Promise<void> {
  const body = JSON.stringify({ msgtype: 'markdown', markdown: { title, text: markdown } });
  const answer = await post(
    dingtalkSignedUrl(robot.url, robot.secret, now),
    body,
    'POST',
    'application/json; charset=utf-8',
  );
  checkErrcode('钉钉', answer);
}

/** 企业微信's group robot: the key is in the URL; markdown content is at most 4096 bytes. */
export async function sendWecom(url: string, markdown: string): Promise<void> {
  const content = Buffer.byteLength(markdown) > 4096 ? truncateBytes(markdown, 4090) : markdown;
  const answer = await post(
    url,
    JSON.stringify({ msgtype: 'markdown', markdown: { content } }),
    'POST',
    'application/json; charset=utf-8',
  );
  checkErrcode('企业微信', answer);
}

function truncateBytes(text: string, max: number): string {
  let out = '';
  for (const ch of text) {
    if (Buffer.byteLength(out + ch) > max - 3) break;
    out += ch;
  }
  return `${out}…`;
}

/**
 * An office's 政务短信 platform through the unit's template; platforms differ in what they answer, so a 2xx is success
 * (a platform that answers 200 with an error in the body is not told apart: say so to the office setting it up).
 */
export async function sendSms(hook: SmsHook & { secret: string | null }, phone: string, text: string): Promise<void> {
  const request = smsRequest(hook, { phone, text, secret: hook.secret ?? '' });
  await post(request.url, request.body, hook.method, SMS_CONTENT_TYPE_HEADER[hook.contentType]);
}
