/**
 * Process start → first authored block with `--dev`, and RSS after 1,000 blocks.
 *   npx tsx bench/startup.ts [blocks=1000]
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { median, report } from './lib.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const blocks = Number(process.argv[2] ?? 1000);

function runNode(args: string[], until: (line: string) => boolean, timeoutMs: number): Promise<{ ms: number; pid: number; stop: () => void }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('timed out'));
    }, timeoutMs);
    let buf = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const line of lines) {
        if (until(line)) {
          clearTimeout(timer);
          resolve({ ms: performance.now() - t0, pid: child.pid!, stop: () => child.kill('SIGTERM') });
        }
      }
    });
    child.on('exit', () => clearTimeout(timer));
  });
}

const firstBlock: number[] = [];
for (let i = 0; i < 3; i++) {
  const r = await runNode(['--dev', '--rpc-port', String(29944 + i)], (l) => l.includes('"number":1,'), 30_000);
  firstBlock.push(r.ms);
  r.stop();
  await new Promise((res) => setTimeout(res, 500));
}
report('process start → first block, --dev (median of 3)', median(firstBlock), 'ms');

const r = await runNode(['--dev', '--sealing', 'interval=10', '--rpc-port', '29950'], (l) => l.includes(`"number":${blocks},`), 600_000);
const status = readFileSync(`/proc/${r.pid}/status`, 'utf8');
const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
report(`RSS after ${blocks} blocks (10 ms interval sealing)`, rssKb / 1024, 'MB');
report(`time to author ${blocks} blocks`, r.ms / 1000, 's');
r.stop();
