import { openStore } from './sending/store/store';
import { openQueue } from './sending/store/queue';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
for (let i = 0; i < 3; i++) {
  const c0 = cpu(); const t0 = performance.now();
  const s = await openStore({ ledgerDir: join(await mkdtemp(join(tmpdir(), 'x-')), 'l') });
  const c1 = cpu(); const t1 = performance.now();
  const b = await openQueue(s.pool);
  const c2 = cpu(); const t2 = performance.now();
  await b.stop({ graceful: false, close: false, wait: true }); await s.close();
  console.log('store wall', (t1 - t0).toFixed(0), 'cpu', (c1 - c0).toFixed(0), '| queue wall', (t2 - t1).toFixed(0), 'cpu', (c2 - c1).toFixed(0));
}
