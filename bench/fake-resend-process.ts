/**
 * The fake Resend in a process of its own, for the live-engine bench: the real Resend parses, hashes and validates
 * each batch on its own machines, so here the fake does it on the other core, not on the worker's event loop.
 * Started by `startFakeResend()` (bench/store.ts) with its options as JSON in argv; answers `stats` with what it
 * accepted and exits on `close`.
 */
import { FakeResend, type FakeResendOptions } from '../tests/support/fake-resend';

export type FakeStats = Readonly<{ emails: number; batches: number; requests: number; replays: number }>;
export type FakeMessage = { type: 'ready'; url: string } | { type: 'stats'; stats: FakeStats };

const options = JSON.parse(process.argv[2] ?? '{}') as FakeResendOptions;
const fake = await FakeResend.start(options);
process.on('message', (message: { type: string }) => {
  if (message.type === 'stats')
    process.send?.({
      type: 'stats',
      stats: {
        emails: fake.emails.length,
        batches: fake.batches,
        requests: fake.requests.length,
        replays: fake.replays,
      },
    } satisfies FakeMessage);
  else if (message.type === 'close') void fake.close().then(() => process.exit(0));
});
process.send?.({ type: 'ready', url: fake.url } satisfies FakeMessage);
