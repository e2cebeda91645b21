/** Loads `../shared/reference/vectors.json` (subtensor test vectors) for the spec tests. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface Vector {
  id: string;
  source: string;
  name: string;
  kind: string;
  inputs: Record<string, unknown>;
  expected: Record<string, unknown>;
  tolerance: unknown;
  notes: string;
}

const PATH = fileURLToPath(new URL('../../../shared/reference/vectors.json', import.meta.url));

let cache: Vector[] | undefined;

export function loadVectors(): Vector[] {
  cache ??= JSON.parse(readFileSync(PATH, 'utf8')) as Vector[];
  return cache;
}

export function vectorsOfKind(kind: string): Vector[] {
  return loadVectors().filter((v) => v.kind === kind);
}

export function vector(id: string): Vector {
  const v = loadVectors().find((x) => x.id === id);
  if (!v) throw new Error(`vector ${id} not found`);
  return v;
}
