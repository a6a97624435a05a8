import { describe, expect, it } from 'vitest';
import { AB_DEFAULTS } from '../../../sending/plan/ab-decision';
import { parseSequence, variantFor } from '../../../sending/plan/sequence';

const stepWith = (abTest: unknown) =>
  parseSequence({ steps: [{ template: 'thank-you', day: 3, abTest }] }).steps[0];

describe('abTest in the sequence file', () => {
  it('reads the list form as the defaults with the click metric', () => {
    expect(stepWith(['a', 'b'])?.abTest).toEqual({ ...AB_DEFAULTS, variants: ['a', 'b'], metric: 'click' });
  });

  it('reads the object form, filling what it leaves out', () => {
    expect(
      stepWith({ variants: ['a', 'b'], metric: 'revenue', minPerArm: 800, fallback: 'best' })?.abTest,
    ).toEqual({
      variants: ['a', 'b'],
      metric: 'revenue',
      minPerArm: 800,
      winProbability: 0.9,
      maxDays: 30,
      fallback: 'best',
    });
  });

  it('refuses the open metric when the sequence is read, saying why', () => {
    expect(() => stepWith({ variants: ['a', 'b'], metric: 'open' })).toThrow(
      /steps\[0\]\.abTest\.metric: "open" cannot decide a test: Apple Mail Privacy Protection opens every email/,
    );
  });

  it('refuses impossible settings, naming each field', () => {
    expect(() => stepWith({ variants: ['a', 'b'], winProbability: 1 })).toThrow(
      /abTest\.winProbability: must be below 1/,
    );
    expect(() => stepWith({ variants: ['a', 'b'], minPerArm: 2 })).toThrow(
      /abTest\.minPerArm: must be at least 10/,
    );
    expect(() => stepWith({ variants: ['a', 'b'], fallback: 'coin' })).toThrow(
      /abTest\.fallback: expected one of keep-split, best/,
    );
    expect(() => stepWith({ variants: ['a'] })).toThrow(
      /abTest\.variants: an A\/B test needs at least two variants/,
    );
  });

  it('gives every order the recorded winner once there is one; a fixed subject stays fixed', () => {
    const step = stepWith(['a', 'b']);
    if (!step) throw new Error('no step');
    const ids = Array.from({ length: 50 }, (_, i) => `ord_${i}`);
    expect(new Set(ids.map((id) => variantFor(step, id)))).toEqual(new Set(['a', 'b']));
    expect(new Set(ids.map((id) => variantFor(step, id, 'b')))).toEqual(new Set(['b']));
    // A winner the step does not test (a changed file) is ignored: the split goes on.
    expect(new Set(ids.map((id) => variantFor(step, id, 'z')))).toEqual(new Set(['a', 'b']));
  });
});
