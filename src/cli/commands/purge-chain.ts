/** `purge-chain --base-path <dir> [--chain X] [-y]`: delete a chain's database (keys are kept). */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { loadChainSpec } from '../../node/chain-spec.ts';
import { parse, UsageError } from '../args.ts';
import { PURGE_HELP } from '../help.ts';


export async function purgeChainCommand(argv: string[]): Promise<void> {
  const { values } = parse(argv, {
    'base-path': { type: 'string', short: 'd' },
    chain: { type: 'string' },
    dev: { type: 'boolean' },
    y: { type: 'boolean', short: 'y' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(PURGE_HELP);
    return;
  }
  if (!values['base-path']) throw new UsageError('purge-chain needs --base-path');
  const spec = loadChainSpec(values.chain ?? (values.dev ? 'dev' : 'local'));
  const dbPath = join(values['base-path'], 'chains', spec.id, 'db');
  if (!existsSync(dbPath)) {
    process.stdout.write(`${dbPath} does not exist; nothing to purge.\n`);
    return;
  }
  if (!values.y) {
    if (!process.stdin.isTTY) throw new UsageError('refusing to purge without confirmation: pass -y');
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    const answer = await rl.question(`Are you sure to remove ${dbPath}? [y/N]: `);
    rl.close();
    if (!/^y(es)?$/i.test(answer.trim())) {
      process.stdout.write('Aborted.\n');
      return;
    }
  }
  rmSync(dbPath, { recursive: true, force: true });
  process.stdout.write(`${dbPath} removed.\n`);
}
