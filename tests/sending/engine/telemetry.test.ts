/** Addresses masked wherever they appear; the server's logger masks every string of a line, whoever wrote it. */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { maskAddress, maskAddresses } from '../../../sending/engine/telemetry';
import { createServerLogger } from '../../../sending/server/logger';
import { requestIdOf, routeOf } from '../../../sending/server/request-log';

describe('maskAddresses()', () => {
  it('keeps the first letter and the domain of every address in a text, encoded or not', () => {
    expect(maskAddresses('to jane.doe+x@example.com and BOB@Mail.Example.org')).toBe(
      'to j***@example.com and B***@Mail.Example.org',
    );
    expect(maskAddresses('/unsubscribe?e=jane%40example.com&t=abc')).toBe(
      '/unsubscribe?e=j***@example.com&t=abc',
    );
    expect(maskAddresses('no address here, 50% off @ noon')).toBe('no address here, 50% off @ noon');
    expect(maskAddress('  kim@example.kr ')).toBe('k***@example.kr');
    expect(maskAddress('not-an-address')).toBe('***');
  });
});

describe('createServerLogger()', () => {
  it('writes one JSON object per line, masking addresses in the message and in nested fields and errors', () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const log = createServerLogger({ level: 'info', destination });
    log.debug({ to: 'hidden@example.com' }, 'below the level');
    log.info(
      { to: 'mina@example.com', deep: { list: [{ who: 'jun@example.org' }] } },
      'for mina@example.com',
    );
    log.error(
      { err: new Error('rejected: kim@example.kr is not allowed'), authorization: 'Bearer t0ken' },
      'failed',
    );
    expect(lines).toHaveLength(2);
    const [info, error] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(info).toMatchObject({
      level: 'info',
      msg: 'for m***@example.com',
      to: 'm***@example.com',
      deep: { list: [{ who: 'j***@example.org' }] },
    });
    expect(new Date(String(info?.time)).toISOString()).toBe(info?.time);
    expect(error).toMatchObject({ level: 'error', authorization: '[redacted]' });
    const text = lines.join('');
    for (const whole of ['mina@example.com', 'jun@example.org', 'kim@example.kr', 't0ken'])
      expect(text).not.toContain(whole);
  });
});

describe('request ids and routes', () => {
  it('reuses a sane x-request-id and mints one otherwise; routes are patterns, never raw paths', () => {
    const req = (id?: string) =>
      new Request('http://x/', id === undefined ? {} : { headers: { 'x-request-id': id } });
    expect(requestIdOf(req('lb-1234.abc'))).toBe('lb-1234.abc');
    expect(requestIdOf(req('bad id with spaces'))).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdOf(req('x'.repeat(129)))).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdOf(req())).toMatch(/^[0-9a-f-]{36}$/);
    expect(routeOf('/orders/')).toBe('/orders');
    expect(routeOf('/unsubscribe')).toBe('/unsubscribe');
    expect(routeOf('/admin/orders/ord_1')).toBe('/admin/*');
    expect(routeOf('/a@b.example/x')).toBe('(other)');
  });
});
