/**
 * Prints docs/learning.md's power table: recipients per arm needed to find a lift, by base rate, for the A/B
 * rule (seeded simulation) and for a classical fixed-size test. `npx tsx scripts/ab-power-table.ts [--runs 200]`.
 */
import { parseArgs } from 'node:util';
import { AB_DEFAULTS } from '../sending/plan/ab-decision';
import { classicalPerArm, rulePerArm } from '../sending/plan/ab-power';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '200' } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 50) {
  process.stderr.write('--runs: expected a whole number of at least 50\n');
  process.exit(2);
}
const test = { ...AB_DEFAULTS, variants: ['a', 'b'] };
const bases = [0.01, 0.02, 0.05, 0.1, 0.2, 0.3];
const lifts = [0.1, 0.2, 0.3, 0.5];
const pct = (x: number) => `${Math.round(x * 100)} %`;
const fmt = (n: number | undefined) => (n === undefined ? '> 512,000' : n.toLocaleString('en'));

process.stdout.write(`| base rate | ${lifts.map((l) => `+${pct(l)}: rule / classical`).join(' | ')} |\n`);
process.stdout.write(`|---|${lifts.map(() => '---').join('|')}|\n`);
for (const base of bases) {
  const cells = lifts.map((lift) => {
    const rule = rulePerArm(test, base, lift, { runs, seed: Math.round(base * 1e4 + lift * 1e2) });
    return `${fmt(rule)} / ${fmt(classicalPerArm(base, lift))}`;
  });
  process.stdout.write(`| ${pct(base)} | ${cells.join(' | ')} |\n`);
}
