/**
 * The outward channels (issue 13): which ones an account may choose, and the rules for what a person or an office types
 * into them: an e-mail address, a mobile number, a robot's address, an SMS hook's template. Pure, so the profile page,
 * the robot settings and the server refuse the same input with the same words.
 */

/** In-app messages are always on and are not a choice; these are. */
export const OUTWARD_CHANNELS = ['email', 'dingtalk', 'wecom', 'webhook', 'sms'] as const;
export type OutwardChannel = (typeof OUTWARD_CHANNELS)[number];
export type ChannelChoices = Record<OutwardChannel, boolean>;

export const EMAIL_MAX = 254;
/**
 * One address, local@domain with a dot in the domain, no spaces, no display name, no list: what SMTP's RCPT TO takes
 * and what a person types. Stricter than RFC 5322 on purpose (no quoted local parts, no comments).
 */
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
export function isEmailAddress(value: string): boolean {
  return value.length <= EMAIL_MAX && EMAIL.test(value) && !value.includes('..');
}

/** A mainland mobile number (11 digits, 1[3-9]…), what a 政务短信 platform sends to. */
const MOBILE = /^1[3-9]\d{9}$/;
export function isMobileNumber(value: string): boolean {
  return MOBILE.test(value);
}

export const ROBOT_URL_MAX = 1000;
export const SMS_TEMPLATE_MAX = 2000;
export const SECRET_MAX = 200;
export const SMS_METHODS = ['GET', 'POST'] as const;
export type SmsMethod = (typeof SMS_METHODS)[number];
/** How {phone}, {text} and {secret} are escaped in the body: inside JSON strings, form-encoded, or as they are. */
export const SMS_CONTENT_TYPES = ['json', 'form', 'text'] as const;
export type SmsContentType = (typeof SMS_CONTENT_TYPES)[number];
export const SMS_CONTENT_TYPE_HEADER: Record<SmsContentType, string> = {
  json: 'application/json; charset=utf-8',
  form: 'application/x-www-form-urlencoded; charset=utf-8',
  text: 'text/plain; charset=utf-8',
};

/** Why a robot's address is refused, or null when it is good. */
export type RobotUrlProblem = 'not_http' | 'too_long' | 'missing_token';

/**
 * A robot's webhook address: http or https, with the token the service puts in the query (钉钉 `access_token`,
 * 企业微信 `key`). The host is not checked against oapi.dingtalk.com / qyapi.weixin.qq.com: 政务钉钉, private
 * deployments and gateways inside a government network answer on their own hosts with the same protocol.
 */
export function robotUrlProblem(value: string, tokenParam: 'access_token' | 'key'): RobotUrlProblem | null {
  if (value.length > ROBOT_URL_MAX) return 'too_long';
  const url = parseHttpUrl(value);
  if (!url) return 'not_http';
  if (!url.searchParams.get(tokenParam)) return 'missing_token';
  return null;
}

export function parseHttpUrl(value: string): URL | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  // Credentials in the address would be sent back to the browser with it; the hook has its own secret field.
  if (url.username || url.password) return null;
  return url;
}

export type SmsHookProblem =
  | 'url_not_http'
  | 'url_too_long'
  | 'template_too_long'
  | 'missing_phone'
  | 'missing_text'
  | 'body_not_json';

export interface SmsHook {
  url: string;
  method: SmsMethod;
  contentType: SmsContentType;
  /** The body; ignored for GET, where the placeholders go in the URL. */
  body: string;
}

/** What is wrong with an SMS hook, or null. The placeholders must appear where this method sends them. */
export function smsHookProblem(hook: SmsHook): SmsHookProblem | null {
  if (hook.url.length > ROBOT_URL_MAX) return 'url_too_long';
  // The placeholders are braces, which URL parsing would escape; checked with harmless stand-ins.
  if (!parseHttpUrl(hook.url.replace(/\{(phone|text|secret)\}/g, 'x'))) return 'url_not_http';
  if (hook.body.length > SMS_TEMPLATE_MAX) return 'template_too_long';
  const carrier = hook.method === 'GET' ? hook.url : `${hook.url}\n${hook.body}`;
  if (!carrier.includes('{phone}')) return 'missing_phone';
  if (!carrier.includes('{text}')) return 'missing_text';
  if (hook.method === 'POST' && hook.contentType === 'json') {
    try {
      JSON.parse(fillSmsTemplate(hook.body, 'json', { phone: '13800000000', text: '"\\\n', secret: 's' }));
    } catch {
      return 'body_not_json';
    }
  }
  return null;
}

export interface SmsValues {
  phone: string;
  text: string;
  secret: string;
}

/** Puts the values into a template, each escaped for where it lands, so no text can break the body's syntax. */
export function fillSmsTemplate(template: string, escaping: SmsContentType | 'url', values: SmsValues): string {
  return template.replace(/\{(phone|text|secret)\}/g, (_, name: keyof SmsValues) => {
    const v = values[name];
    if (escaping === 'json') return JSON.stringify(v).slice(1, -1);
    if (escaping === 'form' || escaping === 'url') return encodeURIComponent(v);
    return v;
  });
}

/** The SMS request a hook makes for one message: the URL and, for POST, the body. */
export function smsRequest(hook: SmsHook, values: SmsValues): { url: string; body: string | null } {
  const url = fillSmsTemplate(hook.url, 'url', values);
  return { url, body: hook.method === 'GET' ? null : fillSmsTemplate(hook.body, hook.contentType, values) };
}

/**
 * An address as the browser may see it: every query value (tokens, keys) cut to its last four characters, so the
 * office can tell which robot is set without the page ever holding the token.
 */
export function maskUrl(value: string): string {
  const cut = value.indexOf('?');
  if (cut < 0) return value;
  const query = value
    .slice(cut + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      const v = pair.slice(eq + 1);
      return `${pair.slice(0, eq)}=${v.length <= 4 ? '****' : `****${v.slice(-4)}`}`;
    });
  return `${value.slice(0, cut)}?${query.join('&')}`;
}

/** The text outward channels carry: one short plain-text line for SMS, one markdown block for the robots. */
export function smsText(title: string, body: string): string {
  const text = `【巡察整改】${title}：${body}`;
  return text.length > 300 ? `${text.slice(0, 299)}…` : text;
}

export function robotMarkdown(title: string, body: string, link: string | null, baseUrl: string | null): string {
  const lines = [`#### ${title}`, '', body];
  if (link) lines.push('', baseUrl ? `[查看详情](${new URL(link, baseUrl).toString()})` : `详情：${link}`);
  return lines.join('\n');
}
