/** Entry point: dispatches to the subcommands; bad flags print a clear error and exit 2. */
import '../node/polyfills.ts';
import { BUILD_SPEC_HELP, EPOCH_HELP, KEY_HELP, PURGE_HELP, RUN_HELP } from './help.ts';
import { UsageError } from './args.ts';
import { ChainSpecError } from '../node/chain-spec.ts';

type Command = (argv: string[]) => Promise<void>;

/** Commands load on demand: `epoch` or `key` do not pay for loading the whole node. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  run: async () => (await import('./commands/run.ts')).runCommand,
  'build-spec': async () => (await import('./commands/build-spec.ts')).buildSpecCommand,
  'purge-chain': async () => (await import('./commands/purge-chain.ts')).purgeChainCommand,
  key: async () => (await import('./commands/key.ts')).keyCommand,
  epoch: async () => (await import('./commands/epoch.ts')).epochCommand,
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
  const named = first && !first.startsWith('-') ? COMMANDS[first] : COMMANDS.run;
  if (!named) throw new UsageError(`unknown command ${JSON.stringify(first)}; see --help`);
  const command = await named();
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
