/** Entry point: dispatches to the subcommands; bad flags print a clear error and exit 2. */
import '../node/polyfills.ts';
import { buildSpecCommand, BUILD_SPEC_HELP } from './commands/build-spec.ts';
import { epochCommand, EPOCH_HELP } from './commands/epoch.ts';
import { keyCommand, KEY_HELP } from './commands/key.ts';
import { purgeChainCommand, PURGE_HELP } from './commands/purge-chain.ts';
import { runCommand, RUN_HELP } from './commands/run.ts';
import { UsageError } from './args.ts';
import { ChainSpecError } from '../node/chain-spec.ts';

const COMMANDS: Record<string, (argv: string[]) => Promise<void>> = {
  run: runCommand,
  'build-spec': buildSpecCommand,
  'purge-chain': purgeChainCommand,
  key: keyCommand,
  epoch: epochCommand,
};

const HELP = `subtensor-ts — a Subtensor node in TypeScript

Usage: subtensor-ts [command] [options]

Commands:
  run (default)   Start a node (see: subtensor-ts run --help)
  build-spec      Print a chain spec (--raw for genesis storage)
  purge-chain     Delete a chain database
  key             generate | inspect | insert session keys
  epoch           Simulate a Yuma Consensus epoch from a JSON input

Quick start: subtensor-ts --dev

${RUN_HELP}
${BUILD_SPEC_HELP}
${PURGE_HELP}
${KEY_HELP}
${EPOCH_HELP}`;

async function main(argv: string[]): Promise<void> {
  const [first, ...rest] = argv;
  if (first === '--help' || first === '-h' || first === 'help') {
    process.stdout.write(HELP);
    return;
  }
  if (first === '--version' || first === '-V') {
    process.stdout.write('subtensor-ts 0.1.0\n');
    return;
  }
  const command = first && !first.startsWith('-') ? COMMANDS[first] : runCommand;
  if (!command) throw new UsageError(`unknown command ${JSON.stringify(first)}; see --help`);
  await command(first && COMMANDS[first] ? rest : argv);
}

main(process.argv.slice(2)).catch((e: unknown) => {
  if (e instanceof UsageError || e instanceof ChainSpecError) {
    process.stderr.write(`error: ${e.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`error: ${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
