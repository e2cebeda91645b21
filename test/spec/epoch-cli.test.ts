/** `subtensor-ts epoch --input <file>` as a spawned process. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { epochOutputToJson, parseEpochInput, runEpoch } from '../../src/runtime/pallets/subtensor/epoch/index.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'epoch-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'epoch', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    input,
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

// Second epoch of subtensor's test_bonds (vector V03), written as the documented JSON input.
const V03_SECOND_EPOCH = {
  n: 8,
  currentBlock: 2,
  tempo: 1,
  alphaStake: [1, 2, 3, 4, 0, 0, 0, 0],
  taoWeight: 0,
  lastUpdate: [2, 2, 2, 2, 1, 1, 1, 1],
  blockAtRegistration: [1, 1, 1, 1, 1, 1, 1, 1],
  validatorPermit: [true, true, true, true, false, false, false, false],
  maxAllowedValidators: 8,
  weights: [0, 1, 2, 3].map(() => [
    [4, 16383],
    [5, 32767],
    [6, 49149],
    [7, 65535],
  ]),
  yuma3: false,
  commitRevealEnabled: false,
  raoEmission: '1000000000',
};

describe('epoch CLI', () => {
  it('prints the EpochOutput JSON for an input file (V03 second epoch)', () => {
    const r = cli(['--input', file('v03.json', JSON.stringify(V03_SECOND_EPOCH))]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(out.emission).toEqual(['49999998', '99999999', '150000000', '200000001', '49998779', '100000610', '149996337', '200004272']);
    expect(out.incentive).toEqual([0, 0, 0, 0, 6553, 13107, 19660, 26214]);
    expect(out.dividends).toEqual([6553, 13106, 19660, 26214, 0, 0, 0, 0]);
    expect((out.bonds as number[][][]).map((row) => row[0])).toEqual([[4, 16383], [4, 32767], [4, 49151], [4, 65535], undefined, undefined, undefined, undefined]);
    expect(out).toEqual(epochOutputToJson(runEpoch(parseEpochInput(V03_SECOND_EPOCH))));
  });

  it('--pretty and --debug print the same values, indented and with fixed-point intermediates', () => {
    const p = file('pretty.json', JSON.stringify(V03_SECOND_EPOCH));
    const plain = JSON.parse(cli(['--input', p]).stdout) as Record<string, unknown>;
    const r = cli(['--input', p, '--pretty', '--debug']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').length).toBeGreaterThan(10);
    const out = JSON.parse(r.stdout) as Record<string, unknown> & { debug: Record<string, string[]> };
    expect({ ...out, debug: undefined }).toEqual({ ...plain, debug: undefined });
    expect(out.debug.stake[0]).toBe('0.09999999986030161380767822265625');
  });

  it('reads standard input with --input -', () => {
    const r = cli(['--input', '-'], JSON.stringify(V03_SECOND_EPOCH));
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { dividends: number[] }).dividends[0]).toBe(6553);
  });

  it('a malformed input file exits 2 with a clear message', () => {
    const r = cli(['--input', file('broken.json', '{"currentBlock": 2, "alphaStake": [1,')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^error: .*broken\.json: not valid JSON/);
  });

  it('an invalid field exits 2 and names the field', () => {
    const r = cli(['--input', file('invalid.json', JSON.stringify({ ...V03_SECOND_EPOCH, kappa: -1 }))]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/input\.kappa: expected a u16, got -1/);
    const r2 = cli(['--input', file('typo.json', JSON.stringify({ ...V03_SECOND_EPOCH, bondsPenality: 1 }))]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/input\.bondsPenality: unknown field/);
  });

  it('missing --input, a missing file or an unknown flag exit 2', () => {
    expect(cli([]).code).toBe(2);
    const missing = cli(['--input', join(dir, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read --input .*ENOENT/);
    expect(cli(['--input', 'x', '--bogus']).code).toBe(2);
  });

  it('--help prints the usage', () => {
    const r = cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: subtensor-ts epoch --input/);
  });
});
