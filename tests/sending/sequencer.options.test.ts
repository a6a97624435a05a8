/**
 * `createSequencer` checks its options when called, naming each bad one, before any store opens: a live
 * sequencer without `from` used to fail at the first enqueue with a database error, and one without a key sent
 * nothing, silently.
 */
import { describe, expect, it } from 'vitest';
import { createSequencer, type SequencerOptions, SequencerOptionsError } from '../../sending';

const FROM = 'Hanok Goods <orders@hanok.example>';

function problemsOf(options: unknown): readonly string[] {
  try {
    createSequencer(options as SequencerOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(SequencerOptionsError);
    expect((error as Error).message).toMatch(/^invalid createSequencer options:\n/);
    return (error as SequencerOptionsError).problems;
  }
  return [];
}

describe('createSequencer(options)', () => {
  it('refuses a live sequencer without a sender or a key, naming both', () => {
    expect(problemsOf({})).toEqual([
      expect.stringMatching(/^from: required to send/),
      expect.stringMatching(/^apiKey: required to send: a Resend API key, or an `api`/),
    ]);
    expect(problemsOf({ apiKey: 're_x' })).toEqual([expect.stringMatching(/^from: required/)]);
    expect(problemsOf({ from: FROM })).toEqual([expect.stringMatching(/^apiKey: required/)]);
  });

  it('takes a key or an api for a live one, and neither for dryRun: true', () => {
    expect(problemsOf({ from: FROM, apiKey: 're_x', ledgerDir: '/nonexistent/never' })).toEqual([]);
    const api = {
      send: async () => ({ data: null, error: null }),
      batch: async () => ({ data: null, error: null }),
    };
    expect(problemsOf({ from: FROM, api })).toEqual([]);
    expect(problemsOf({ dryRun: true })).toEqual([]);
  });

  it('names every malformed or unknown option at once', () => {
    const problems = problemsOf({
      from: 'orders at hanok',
      apikey: 're_typo',
      apiKey: '',
      databaseUrl: 'mysql://localhost/shop',
      releaseWindowMs: 31 * 86_400_000,
      lanes: 0,
      log: 'stdout',
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'apikey: unknown option',
        'from: expected "Name <address@your-domain>" or an address',
        'apiKey: must not be empty',
        'databaseUrl: expected a postgres:// or postgresql:// URL',
        'releaseWindowMs: expected at most 2592000000 of milliseconds (0 … 30 days)',
        'lanes: expected at least 1',
        'log: expected a function (line: string) => void',
      ]),
    );
    expect(problems).toHaveLength(7);
    expect(problemsOf(undefined)).toEqual(['options: expected an options object']);
  });

  it('opens nothing when it refuses: the check comes before the store', () => {
    // A store directory that cannot be created would fail at open; the refusal comes first and names `from`.
    expect(problemsOf({ apiKey: 're_x', ledgerDir: '/proc/never/here' })).toEqual([
      expect.stringMatching(/^from: required/),
    ]);
  });
});
