/** core/cli.ts: what a command's failure prints and the exit code it ends with, and how it reads its files. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError, EXIT, execute, failureOf, readJsonFile } from '../../core/cli';
import { parseOrderDocument } from '../../core/order-document';
import { americanOrderData, koreanOrderData } from '../../emails/_samples';
import { parseOrderInput } from '../../sending/intake/order-input';
import { captured } from '../support';

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

describe('files with a byte-order mark (as Windows editors write them)', () => {
  it('reads a JSON file and NDJSON whose first line carries one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bom-'));
    try {
      const file = join(dir, 'doc.json');
      await writeFile(file, '\uFEFF{"a": 1}');
      expect(await readJsonFile(file, '--data')).toEqual({ a: 1 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const lines = [koreanOrderData, americanOrderData].map((d) => JSON.stringify(d)).join('\n');
    const batch = parseOrderInput(`\uFEFF${lines}\n`);
    expect(batch.invalid).toEqual([]);
    expect(batch.valid.map((v) => v.document.order.id)).toEqual([
      koreanOrderData.order.id,
      americanOrderData.order.id,
    ]);
  });
});
