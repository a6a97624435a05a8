/**
 * `send --data` with hostile order ids and poison strings: offline, several orders write one folder each inside
 * `--out` and nowhere else, whatever their ids (`..`, `../x`, `a/b`, `con`, very long); a document holding a
 * NUL or a lone surrogate is refused with its field and exit 2, before anything is written.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execute } from '../../../core/cli';
import { runSendCommand } from '../../../sending/cli/send-command';
import { captured } from '../../support';

const ROOT = new URL('../../..', import.meta.url).pathname;
const SAMPLE = join(ROOT, 'emails/_samples/ko-krw.json');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hostile-data-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function send(args: string[]) {
  const { chunks, output } = captured();
  const code = await execute(
    () =>
      runSendCommand(args, {
        out: output.stdout,
        err: output.stderr,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          TMPDIR: tmpdir(),
          UNSUBSCRIBE_SECRET: 'hostile-data-secret',
        },
      }),
    output,
  );
  return { code, ...chunks };
}

describe('send --data with hostile order ids', () => {
  it('writes every order inside --out, one folder each, and nothing beside it', async () => {
    const sample = JSON.parse(await readFile(SAMPLE, 'utf8')) as { order: Record<string, unknown> };
    const ids = ['..', '.', '../x', 'a/b', 'con', 'x'.repeat(180)];
    const data = join(dir, 'orders.json');
    await writeFile(data, JSON.stringify(ids.map((id) => ({ ...sample, order: { ...sample.order, id } }))));
    const parent = join(dir, 'parent');
    const out = join(parent, 'out');
    const result = await send(['--data', data, '--out', out, '--dry-run']);
    expect(result.code, result.stderr).toBe(0);
    // The parent of --out holds --out alone: nothing was written (or deleted) beside it.
    expect(await readdir(parent)).toEqual(['out']);
    const folders = await readdir(out);
    expect(folders.length).toBe(ids.length);
    for (const folder of folders) {
      expect(folder).not.toMatch(/^\.+$/);
      expect(folder).not.toMatch(/^con$/i);
      expect(await readdir(join(out, folder))).toContain('index.html');
    }
  });

  it('refuses a NUL or a lone surrogate with the field and exit 2, writing nothing', async () => {
    const sample = JSON.parse(await readFile(SAMPLE, 'utf8')) as {
      customer: Record<string, unknown>;
      order: Record<string, unknown>;
    };
    const data = join(dir, 'poison.json');
    await writeFile(
      data,
      JSON.stringify([
        { ...sample, customer: { ...sample.customer, firstName: 'Ji\ud800' } },
        { ...sample, order: { ...sample.order, id: 'poison\u0000' } },
      ]),
    );
    const out = join(dir, 'poison-out');
    const result = await send(['--data', data, '--out', out, '--dry-run']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'orders[0]: customer.firstName: holds a character that cannot be stored (NUL or an unpaired surrogate)',
    );
    expect(result.stderr).toMatch(/orders\[1\]: order\.id: /);
    await expect(readdir(out)).rejects.toThrow();
  });
});
