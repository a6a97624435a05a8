import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resendApi } from '../../sending/provider/resend/api';
import { checkSendEmail, FakeResend, readOpenApiSubset, SEND_EMAIL_SCHEMAS } from './fake-resend';

const KEY = 're_test_0123456789abcdef';

let fake: FakeResend;

beforeEach(async () => {
  fake = await FakeResend.start({ apiKey: KEY });
  process.env.RESEND_BASE_URL = fake.url;
});
afterEach(async () => {
  delete process.env.RESEND_BASE_URL;
  await fake.close();
});

describe('the fake Resend server', () => {
  it('validates against the same schemas as the OpenAPI spec holds', () => {
    const spec = readOpenApiSubset();
    expect(spec.schemas).toEqual(SEND_EMAIL_SCHEMAS);
    expect(spec.idempotencyKeyMaxLength).toBe(256);
  });

  it('rejects bodies the API would reject', () => {
    expect(checkSendEmail({ from: 'a@b.co', to: 'c@d.co', subject: 's', html: '<p>' })).toEqual([]);
    expect(checkSendEmail({ to: ['c@d.co'], subject: 1, html: '<p>' })).toEqual([
      'body.from: required',
      'body.subject: expected string, got number',
    ]);
    expect(
      checkSendEmail({ from: 'a@b.co', to: 'c@d.co', subject: 's', text: 't', scheduledAt: 'x' }),
    ).toEqual(['body.scheduledAt: not a field of SendEmailRequest']);
    expect(
      checkSendEmail({
        from: 'a@b.co',
        to: 'c@d.co',
        subject: 's',
        text: 't',
        tags: [{ name: 'order', value: 'ord 1' }],
      }),
    ).toHaveLength(1);
  });

  it('refuses an invalid email alike on POST /emails and in a batch, naming it; a permissive batch sends the rest', async () => {
    const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
      const response = await fetch(`${fake.url}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      });
      return { status: response.status, json: (await response.json()) as Record<string, unknown> };
    };
    const good = { from: 'a@b.co', to: 'c@d.co', subject: 's', text: 't' };
    const bad = { ...good, subject: 1, scheduledAt: 'x' };
    fake.rejectEmail = (body) => (body.to === 'refused@d.co' ? 'to: not allowed' : undefined);
    try {
      const single = await post('/emails', bad);
      expect(single).toEqual({
        status: 422,
        json: {
          statusCode: 422,
          name: 'validation_error',
          message:
            'body.subject: expected string, got number; body.scheduledAt: not a field of SendEmailRequest',
        },
      });
      expect((await post('/emails', { ...good, to: 'refused@d.co' })).json.message).toBe('to: not allowed');
      const strict = await post('/emails/batch', [good, bad]);
      expect(strict.status).toBe(422);
      expect(strict.json.message).toBe(
        'emails[1].subject: expected string, got number; emails[1].scheduledAt: not a field of SendEmailRequest',
      );
      expect(fake.emails).toHaveLength(0);
      const permissive = await post('/emails/batch', [bad, good, { ...good, to: 'refused@d.co' }], {
        'x-batch-validation': 'permissive',
      });
      expect(permissive.status).toBe(200);
      expect(permissive.json.errors).toEqual([
        {
          index: 0,
          message:
            'emails[0].subject: expected string, got number; emails[0].scheduledAt: not a field of SendEmailRequest',
        },
        { index: 2, message: 'to: not allowed' },
      ]);
      expect(permissive.json.data).toEqual([{ id: fake.emails[0]?.id }]);
      expect(fake.emails.map((e) => e.body)).toEqual([good]);
    } finally {
      fake.rejectEmail = undefined;
    }
  });

  it('answers 409 for the same key with a different payload, and the original id for the same payload', async () => {
    const api = resendApi(KEY);
    const signal = new AbortController().signal;
    const payload = { from: 'a@b.co', to: 'c@d.co', subject: 's', html: '<p>hi</p>', text: 'hi', tags: [] };
    const first = await api.send(payload, { idempotencyKey: 'k1', signal });
    const again = await api.send(payload, { idempotencyKey: 'k1', signal });
    const changed = await api.send({ ...payload, subject: 't' }, { idempotencyKey: 'k1', signal });
    expect(again.data?.id).toBe(first.data?.id);
    expect(changed.error).toMatchObject({ statusCode: 409, name: 'invalid_idempotent_request' });
    expect(fake.emails).toHaveLength(1);
  });
});
