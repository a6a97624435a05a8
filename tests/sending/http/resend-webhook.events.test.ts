import { describe, expect, it } from 'vitest';
import { parseResendEvent } from '../../../sending/http/resend-webhook';

const clicked = (click: unknown) => ({
  type: 'email.clicked',
  created_at: '2026-11-20T10:05:00.000Z',
  data: { email_id: 'em_1', to: ['jisoo@example.com'], click },
});

describe('parseResendEvent: outcomes', () => {
  it('reads a click’s link, time and user agent, and records neither the IP address nor the user agent', () => {
    const parsed = parseResendEvent(
      'msg_1',
      clicked({
        ipAddress: '198.51.100.7',
        link: 'https://shop.example.com/p/tea',
        timestamp: '2026-11-20T10:04:59.000Z',
        userAgent: 'Mozilla/5.0 Chrome/131',
      }),
    );
    if (!('event' in parsed)) throw new Error(JSON.stringify(parsed));
    expect(parsed.event.click).toEqual({
      link: 'https://shop.example.com/p/tea',
      at: '2026-11-20T10:04:59.000Z',
      userAgent: 'Mozilla/5.0 Chrome/131',
    });
    const recorded = JSON.stringify(parsed.event.payload);
    expect(recorded).not.toContain('198.51.100.7');
    expect(recorded).not.toContain('Chrome');
    expect(recorded).toContain('https://shop.example.com/p/tea');
  });

  it('refuses a click without its link, naming the field', () => {
    expect(parseResendEvent('m', clicked({ timestamp: '2026-11-20T10:04:59.000Z' }))).toEqual({
      problems: ['data.click.link: expected the clicked URL'],
    });
    expect(parseResendEvent('m', clicked(undefined))).toEqual({
      problems: ['data.click: expected an object'],
    });
  });

  it('takes an open, and Resend’s suppression list events by their address', () => {
    const opened = parseResendEvent('m', {
      type: 'email.opened',
      created_at: 'x',
      data: { email_id: 'e', to: ['a@b.co'] },
    });
    expect('event' in opened && opened.event.type).toBe('email.opened');
    const added = parseResendEvent('m', {
      type: 'suppression.added',
      created_at: '2026-11-20T10:00:00.000Z',
      data: {
        id: 'sup_1',
        email: 'Bo@Example.com',
        origin: 'bounce',
        source_id: null,
        created_at: '2026-11-20T10:00:00.000Z',
      },
    });
    expect('event' in added && added.event.suppression).toEqual({
      email: 'Bo@Example.com',
      origin: 'bounce',
    });
    expect(
      parseResendEvent('m', { type: 'suppression.removed', created_at: 'x', data: { id: 's' } }),
    ).toEqual({
      problems: ['data.email: expected the suppressed address'],
    });
  });
});
