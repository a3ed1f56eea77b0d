import { describe, expect, it } from 'vitest';
import {
  fillSmsTemplate,
  isEmailAddress,
  isMobileNumber,
  maskUrl,
  robotUrlProblem,
  SMS_TEMPLATE_MAX,
  smsHookProblem,
  smsRequest,
  smsText,
} from './channels.ts';

describe('contact details', () => {
  it.each([
    ['zhao.ke@jl.gov.cn', true],
    ['a+b@mail.example.com', true],
    ['zhao@localhost', false],
    ['zhao.jl.gov.cn', false],
    ['Zhao <z@jl.cn>', false],
    ['a@b.cn, c@d.cn', false],
    ['a..b@jl.cn', false],
    [' z@jl.cn', false],
    [`${'a'.repeat(250)}@jl.cn`, false],
  ])('%s is an address: %s', (value, ok) => expect(isEmailAddress(value)).toBe(ok));

  it.each([
    ['13800001111', true],
    ['19912345678', true],
    ['12345678901', false],
    ['1380000111', false],
    ['043112345678', false],
    ['+8613800001111', false],
  ])('%s is a mobile: %s', (value, ok) => expect(isMobileNumber(value)).toBe(ok));
});

describe('robot addresses', () => {
  it('need http(s) and the service’s token; any host, for private deployments', () => {
    expect(robotUrlProblem('https://oapi.dingtalk.com/robot/send?access_token=abc', 'access_token')).toBeNull();
    expect(robotUrlProblem('http://10.0.0.5/robot/send?access_token=abc', 'access_token')).toBeNull();
    expect(robotUrlProblem('https://oapi.dingtalk.com/robot/send', 'access_token')).toBe('missing_token');
    expect(robotUrlProblem('ftp://x/?key=1', 'key')).toBe('not_http');
    expect(robotUrlProblem('https://u:p@x/?key=1', 'key')).toBe('not_http');
    expect(robotUrlProblem(`https://x/?key=${'k'.repeat(1000)}`, 'key')).toBe('too_long');
  });

  it('are shown with every query value cut to its last four characters', () => {
    expect(maskUrl('https://q.example/send?key=693a91f6-5aaa&debug=1')).toBe(
      'https://q.example/send?key=****5aaa&debug=****',
    );
    expect(maskUrl('https://q.example/send')).toBe('https://q.example/send');
  });
});

describe('the SMS hook', () => {
  const hook = {
    url: 'https://sms.example/send',
    method: 'POST' as const,
    contentType: 'json' as const,
    body: '{"m":"{phone}","c":"{text}","s":"{secret}"}',
  };
  it('escapes each value for where it lands', () => {
    const values = { phone: '13800001111', text: 'a "b" \\ c\n&d=e', secret: 's&t' };
    expect(JSON.parse(fillSmsTemplate(hook.body, 'json', values))).toEqual({
      m: values.phone,
      c: values.text,
      s: 's&t',
    });
    expect(new URLSearchParams(fillSmsTemplate('to={phone}&msg={text}', 'form', values)).get('msg')).toBe(values.text);
    const get = smsRequest({ ...hook, method: 'GET', url: 'https://sms.example/send?to={phone}&msg={text}' }, values);
    expect(get.body).toBeNull();
    expect(new URL(get.url).searchParams.get('msg')).toBe(values.text);
  });

  it('is refused without its placeholders, with broken JSON, or too long a template', () => {
    expect(smsHookProblem(hook)).toBeNull();
    expect(smsHookProblem({ ...hook, body: '{"c":"{text}"}' })).toBe('missing_phone');
    expect(smsHookProblem({ ...hook, body: '{"m":"{phone}"}' })).toBe('missing_text');
    expect(smsHookProblem({ ...hook, body: '{"m":"{phone}","c":{text}}' })).toBe('body_not_json');
    expect(smsHookProblem({ ...hook, method: 'GET' })).toBe('missing_phone');
    expect(smsHookProblem({ ...hook, body: `{"m":"{phone}","c":"{text}${'x'.repeat(SMS_TEMPLATE_MAX)}"}` })).toBe(
      'template_too_long',
    );
    expect(smsHookProblem({ ...hook, url: 'file:///etc/passwd' })).toBe('url_not_http');
  });

  it('sends one short line', () => {
    expect(smsText('标题', '正文')).toBe('【巡察整改】标题：正文');
    expect(smsText('t', 'x'.repeat(400))).toHaveLength(300);
  });
});
