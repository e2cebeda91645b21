/** `npm run bench`: every benchmark in turn, each in its own process. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const dir = dirname(fileURLToPath(import.meta.url));
for (const script of ['codec.ts', 'fixed.ts', 'trie-root.ts', 'startup.ts', 'transfers.ts', 'rpc-throughput.ts', 'swap.ts', 'epoch.ts', 'rpc-client.ts']) {
  process.stdout.write(`\n== ${script}\n`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(dir, script)], { stdio: 'inherit', cwd: join(dir, '..') });
  if (r.status !== 0) process.stdout.write(`(${script} exited with ${r.status})\n`);
}
