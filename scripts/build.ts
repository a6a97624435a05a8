/**
 * npm run build — `dist/index.js` (bundled ESM) and `dist/index.d.ts` (declarations), which package.json
 * `exports` points at (build/library.ts says how and why).
 */
import { buildPackage } from '../build/library';

await buildPackage();
process.stdout.write('dist/index.js, dist/sending.js and their declarations written\n');
