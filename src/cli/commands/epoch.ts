/** `epoch --input <file|-> [--pretty] [--debug]`: run one Yuma Consensus epoch on a JSON input, print the outputs. */
import { readFileSync } from 'node:fs';
import {
  EpochInputError,
  epochOutputToJson,
  parseEpochInput,
  runEpoch,
} from '../../runtime/pallets/subtensor/epoch/index.ts';
import { parse, UsageError } from '../args.ts';
import { EPOCH_HELP } from '../help.ts';


function readInput(path: string): string {
  try {
    return path === '-' ? readFileSync(0, 'utf8') : readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read --input ${JSON.stringify(path)}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

export async function epochCommand(argv: string[]): Promise<void> {
  const { values } = parse(argv, {
    input: { type: 'string', short: 'i' },
    pretty: { type: 'boolean' },
    debug: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(EPOCH_HELP);
    return;
  }
  if (values.input === undefined) throw new UsageError('epoch needs --input <file.json> (see: subtensor-ts epoch --help)');
  const text = readInput(values.input);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${values.input}: not valid JSON (${(e as Error).message})`);
  }
  let input;
  try {
    input = parseEpochInput(doc);
  } catch (e) {
    if (e instanceof EpochInputError) throw new UsageError(`${values.input}: ${e.message}`);
    throw e;
  }
  const output = epochOutputToJson(runEpoch(input, { debug: values.debug === true }));
  process.stdout.write(`${values.pretty ? pretty(output, '') : JSON.stringify(output)}\n`);
}

/** One field per line; vectors stay on one line, matrices get one row per line. */
function pretty(value: Record<string, unknown>, indent: string): string {
  const inner = `${indent}  `;
  const fields = Object.entries(value).map(([key, v]) => {
    let text: string;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) text = pretty(v as Record<string, unknown>, inner);
    else if (Array.isArray(v) && v.some((row) => Array.isArray(row) && row.some(Array.isArray))) {
      text = v.length === 0 ? '[]' : `[\n${v.map((row) => `${inner}  ${JSON.stringify(row)}`).join(',\n')}\n${inner}]`;
    } else text = JSON.stringify(v);
    return `${inner}${JSON.stringify(key)}: ${text}`;
  });
  return `{\n${fields.join(',\n')}\n${indent}}`;
}
