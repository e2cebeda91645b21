/** `build-spec [--chain X] [--raw]`: print a chain spec, optionally with raw genesis storage. */
import { initCrypto } from '../../primitives/hashing.ts';
import { verifySignature } from '../../primitives/crypto.ts';
import { createRuntime } from '../../runtime/runtime.ts';
import { profileByName } from '../../runtime/constants.ts';
import { genesisStorage, loadChainSpec, toRawSpec } from '../../node/chain-spec.ts';
import { parse } from '../args.ts';
import { BUILD_SPEC_HELP } from '../help.ts';


export async function buildSpecCommand(argv: string[]): Promise<void> {
  const { values } = parse(argv, { chain: { type: 'string' }, dev: { type: 'boolean' }, raw: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } });
  if (values.help) {
    process.stdout.write(BUILD_SPEC_HELP);
    return;
  }
  await initCrypto();
  const spec = loadChainSpec(values.chain ?? (values.dev ? 'dev' : 'local'));
  if (!values.raw) {
    process.stdout.write(JSON.stringify(spec, null, 2) + '\n');
    return;
  }
  const rt = createRuntime(profileByName(spec.runtimeProfile), { verifySignature });
  process.stdout.write(JSON.stringify(toRawSpec(spec, genesisStorage(spec, rt)), null, 2) + '\n');
}
