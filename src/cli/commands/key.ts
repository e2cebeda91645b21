/** `key generate | inspect | insert`: Substrate's key tools for sr25519/ed25519 keys. */
import { join } from 'node:path';
import { Keyring } from '@polkadot/keyring';
import { cryptoWaitReady, mnemonicGenerate } from '@polkadot/util-crypto';
import { toHex } from '../../primitives/hex.ts';
import { loadChainSpec } from '../../node/chain-spec.ts';
import { Keystore, type KeyTypeId } from '../../node/keystore.ts';
import { intFlag, parse, UsageError } from '../args.ts';
import { KEY_HELP } from '../help.ts';


type Scheme = 'sr25519' | 'ed25519';

function scheme(value: string | undefined): Scheme {
  const s = value ?? 'sr25519';
  if (s !== 'sr25519' && s !== 'ed25519') throw new UsageError(`--scheme must be sr25519 or ed25519, got ${JSON.stringify(s)}`);
  return s;
}

function describe(suri: string | undefined, pair: { publicKey: Uint8Array; address: string }, json: boolean, sch: Scheme): string {
  const accountId = toHex(pair.publicKey);
  if (json) return JSON.stringify({ secretPhrase: suri, publicKey: accountId, accountId, ss58Address: pair.address, ss58PublicKey: pair.address, scheme: sch }, null, 2) + '\n';
  return [
    suri !== undefined ? `Secret phrase:       ${suri}` : undefined,
    `  Network ID:        substrate`,
    `  Public key (hex):  ${accountId}`,
    `  Account ID:        ${accountId}`,
    `  Public key (SS58): ${pair.address}`,
    `  SS58 Address:      ${pair.address}`,
  ].filter(Boolean).join('\n') + '\n';
}

export async function keyCommand(argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
  await cryptoWaitReady();
  if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
    process.stdout.write(KEY_HELP);
    return;
  }
  if (sub === 'generate') {
    const { values } = parse(rest, { scheme: { type: 'string' }, words: { type: 'string', short: 'w' }, 'output-type': { type: 'string' } });
    const words = intFlag('words', values.words, 12, 12, 24);
    if (![12, 15, 18, 21, 24].includes(words)) throw new UsageError('--words must be 12, 15, 18, 21 or 24');
    const sch = scheme(values.scheme);
    const phrase = mnemonicGenerate(words as 12);
    const pair = new Keyring({ type: sch, ss58Format: 42 }).addFromUri(phrase);
    process.stdout.write(describe(phrase, pair, values['output-type'] === 'json', sch));
    return;
  }
  if (sub === 'inspect') {
    const { values, positionals } = parse(rest, { scheme: { type: 'string' }, 'output-type': { type: 'string' }, public: { type: 'boolean' } }, true);
    const input = positionals[0];
    if (!input) throw new UsageError('key inspect needs a secret URI or an SS58 address');
    const sch = scheme(values.scheme);
    const keyring = new Keyring({ type: sch, ss58Format: 42 });
    let pair: { publicKey: Uint8Array; address: string };
    let suri: string | undefined = input;
    try {
      pair = keyring.addFromUri(input);
    } catch {
      try {
        pair = keyring.addFromAddress(input);
        suri = undefined;
      } catch {
        throw new UsageError(`cannot read ${JSON.stringify(input)} as a secret URI or an address`);
      }
    }
    process.stdout.write(describe(suri, pair, values['output-type'] === 'json', sch));
    return;
  }
  if (sub === 'insert') {
    const { values } = parse(rest, {
      suri: { type: 'string' },
      'key-type': { type: 'string' },
      scheme: { type: 'string' },
      'base-path': { type: 'string', short: 'd' },
      chain: { type: 'string' },
      dev: { type: 'boolean' },
    });
    if (!values.suri) throw new UsageError('key insert needs --suri');
    const type = values['key-type'];
    if (type !== 'aura' && type !== 'gran') throw new UsageError('--key-type must be aura or gran');
    const expected = type === 'aura' ? 'sr25519' : 'ed25519';
    if (values.scheme && values.scheme !== expected) throw new UsageError(`key type ${type} uses ${expected}`);
    if (!values['base-path']) throw new UsageError('key insert needs --base-path');
    const spec = loadChainSpec(values.chain ?? (values.dev ? 'dev' : 'local'));
    const keystore = new Keystore(join(values['base-path'], 'chains', spec.id, 'keystore'));
    const pair = keystore.insert(type as KeyTypeId, values.suri);
    process.stdout.write(`Inserted ${type} key ${pair.address} into ${join(values['base-path'], 'chains', spec.id, 'keystore')}\n`);
    return;
  }
  throw new UsageError(`unknown key subcommand ${JSON.stringify(sub)}\n${KEY_HELP}`);
}
