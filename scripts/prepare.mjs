/**
 * npm's `prepare` (plain JavaScript: it must run where no TypeScript loader is installed). With the build tools
 * present — a checkout after `npm ci`, `npm pack`, or `npm install <git url>`, for which npm installs a git
 * dependency's dev dependencies before it packs it — it runs `npm run build`. Without them — `npm ci --omit=dev`
 * — there is nothing it can build, so it says so and succeeds: build first (`npm ci && npm run build`), then
 * `npm prune --omit=dev` (docs/deployment.md).
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const missing = ['tsx', 'esbuild', 'typescript'].filter((name) => {
  try {
    require.resolve(`${name}/package.json`);
    return false;
  } catch {
    return true;
  }
});

if (missing.length > 0) {
  process.stderr.write(
    `prepare: not building dist/ (${missing.join(', ')} not installed: a production install); see docs/deployment.md\n`,
  );
} else {
  const build = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], { stdio: 'inherit' });
  process.exitCode = build.status ?? 1;
}
