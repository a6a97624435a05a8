/** core/cli.ts: what a command's failure prints and the exit code it ends with. */
import { describe, expect, it } from 'vitest';
import { CliError, EXIT, execute, failureOf } from '../core/cli';
import { parseOrderDocument } from '../core/order-document';
import { captured } from './support';

describe('failureOf', () => {
  it('gives bad usage and invalid input exit 2, with their own message', () => {
    expect(failureOf(new CliError('--only nope: unknown template'))).toEqual({
      message: '--only nope: unknown template',
      code: EXIT.usage,
    });
    const invalid = (() => {
      try {
        parseOrderDocument({});
      } catch (error) {
        return error;
      }
    })();
    expect(failureOf(invalid)).toMatchObject({ code: EXIT.usage, message: expect.stringContaining('order') });
  });

  it('gives the machine saying no one line and exit 1: a store, a port in use, a path', () => {
    const store = Object.assign(new Error('--ledger x: the embedded store is in use by process 7'), {
      name: 'StoreError',
    });
    expect(failureOf(store)).toEqual({ message: store.message, code: EXIT.failed });
    const inUse = Object.assign(new Error('listen EADDRINUSE: address already in use 0.0.0.0:8787'), {
      code: 'EADDRINUSE',
      syscall: 'listen',
    });
    expect(failureOf(inUse)).toEqual({ message: inUse.message, code: EXIT.failed });
  });

  it('keeps the stack of anything else: a bug to report', () => {
    const bug = new TypeError('Cannot read properties of undefined');
    const { message, code } = failureOf(bug);
    expect(code).toBe(EXIT.failed);
    expect(message).toContain('TypeError: Cannot read properties of undefined');
    expect(message.split('\n').length).toBeGreaterThan(1);
  });

  it('is what execute prints, after "error: "', async () => {
    const { chunks, output } = captured();
    const code = await execute(async () => {
      throw Object.assign(new Error("EACCES: permission denied, open '/x'"), {
        code: 'EACCES',
        syscall: 'open',
      });
    }, output);
    expect(code).toBe(EXIT.failed);
    expect(chunks.stderr).toBe("error: EACCES: permission denied, open '/x'\n");
  });
});
