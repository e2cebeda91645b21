/**
 * Compares two decoded metadata documents (the JSON of polkadot.js' `Metadata.asLatest`, V15
 * shape) pallet by pallet: storage names/modifiers/hashers/fallbacks and key/value type shapes,
 * call/event/error names, indices and fields, constants. Types are compared by *shape*
 * (structure, field and variant names, primitives), not by id, so two registries with different
 * numbering compare equal when they describe the same bytes.
 */

interface Json {
  [k: string]: unknown;
}

interface LookupType {
  id: number;
  type: { path: string[]; params: { name: string; type: number | null }[]; def: Record<string, unknown>; docs: string[] };
}

export interface Latest {
  lookup: { types: LookupType[] };
  pallets: PalletJson[];
  extrinsic: Json;
  type: number;
  outerEnums?: Json;
}

interface FieldJson {
  name: string | null;
  type: number;
  typeName: string | null;
}

interface VariantJson {
  name: string;
  index: number;
  fields: FieldJson[];
  docs: string[];
}

interface PalletJson {
  name: string;
  index: number;
  storage: { prefix: string; items: StorageItemJson[] } | null;
  calls: { type: number } | null;
  events: { type: number } | null;
  errors: { type: number } | null;
  constants: { name: string; type: number; value: string; docs: string[] }[];
  docs?: string[];
}

interface StorageItemJson {
  name: string;
  modifier: string;
  type: { plain?: number; map?: { hashers: string[]; key: number; value: number } };
  fallback: string;
  docs: string[];
}

/** Types expanded only by name: runtime-wide enums that legitimately differ with the pallet set. */
const OPAQUE_PATHS = /(^|::)(RuntimeCall|RuntimeEvent|RuntimeError|OriginCaller|RuntimeHoldReason|RuntimeFreezeReason)$/;

export class Shapes {
  private readonly byId: Map<number, LookupType>;

  constructor(latest: Latest) {
    this.byId = new Map(latest.lookup.types.map((t) => [t.id, t]));
  }

  type(id: number): LookupType {
    const t = this.byId.get(id);
    if (!t) throw new Error(`no type ${id}`);
    return t;
  }

  pathOf(id: number): string {
    return this.type(id).type.path.join('::');
  }

  /** A canonical, id-free description of a type. */
  shape(id: number, stack: number[] = []): string {
    const t = this.type(id);
    const path = t.type.path.join('::');
    if (path && OPAQUE_PATHS.test(path)) return path;
    if (stack.includes(id)) return `↺${path}`;
    const next = [...stack, id];
    const def = t.type.def;
    const [kind] = Object.keys(def);
    const v = def[kind!] as Json;
    const fields = (fs: FieldJson[]) => fs.map((f) => `${f.name ?? '_'}: ${this.shape(f.type, next)}`).join(', ');
    switch (kind) {
      case 'primitive':
        return String(v).toLowerCase();
      case 'compact':
        return `Compact<${this.shape((v as { type: number }).type, next)}>`;
      case 'sequence':
        return `Vec<${this.shape((v as { type: number }).type, next)}>`;
      case 'array': {
        const a = v as unknown as { len: number; type: number };
        return `[${this.shape(a.type, next)}; ${a.len}]`;
      }
      case 'tuple':
        return `(${(v as unknown as number[]).map((x) => this.shape(x, next)).join(', ')})`;
      case 'composite':
        return `${path}{${fields((v as unknown as { fields: FieldJson[] }).fields)}}`;
      case 'variant': {
        const vs = (v as unknown as { variants: VariantJson[] }).variants;
        return `${path}<${vs.map((x) => `${x.index}:${x.name}(${fields(x.fields)})`).join(' | ')}>`;
      }
      case 'bitSequence':
        return 'BitSeq';
      default:
        return `?${kind}`;
    }
  }

  variants(id: number): VariantJson[] {
    const def = this.type(id).type.def as { variant?: { variants: VariantJson[] } };
    if (!def.variant) throw new Error(`type ${id} is not a variant`);
    return def.variant.variants;
  }
}

export interface Mismatch {
  pallet: string;
  what: string;
  ours: string;
  reference: string;
}

function variantDiff(
  out: Mismatch[], pallet: string, kind: string,
  ours: { m: Shapes; id: number | undefined }, ref: { m: Shapes; id: number | undefined },
  fieldsToo: boolean,
): void {
  const ov = ours.id === undefined ? [] : ours.m.variants(ours.id);
  const rv = ref.id === undefined ? [] : ref.m.variants(ref.id);
  if (ours.id === undefined && ref.id !== undefined) out.push({ pallet, what: `${kind} enum`, ours: 'none', reference: ref.m.pathOf(ref.id) });
  if (ref.id === undefined && ours.id !== undefined) out.push({ pallet, what: `${kind} enum`, ours: ours.m.pathOf(ours.id), reference: 'none' });
  if (ours.id !== undefined && ref.id !== undefined) {
    const op = ours.m.type(ours.id).type;
    const rp = ref.m.type(ref.id).type;
    const oName = `${op.path.join('::')}<${op.params.map((p) => p.name).join(',')}>`;
    const rName = `${rp.path.join('::')}<${rp.params.map((p) => p.name).join(',')}>`;
    if (oName !== rName) out.push({ pallet, what: `${kind} enum path/params`, ours: oName, reference: rName });
  }
  const byName = new Map(ov.map((v) => [v.name, v]));
  const refNames = new Set(rv.map((v) => v.name));
  for (const r of rv) {
    const o = byName.get(r.name);
    if (!o) {
      out.push({ pallet, what: `${kind} ${r.name}`, ours: 'missing', reference: `index ${r.index}` });
      continue;
    }
    if (o.index !== r.index) out.push({ pallet, what: `${kind} ${r.name} index`, ours: String(o.index), reference: String(r.index) });
    if (!fieldsToo) continue;
    const oNames = o.fields.map((f) => f.name ?? '_').join(', ');
    const rNames = r.fields.map((f) => f.name ?? '_').join(', ');
    if (oNames !== rNames) {
      out.push({ pallet, what: `${kind} ${r.name} field names`, ours: oNames, reference: rNames });
      continue;
    }
    for (let i = 0; i < r.fields.length; i++) {
      const os = ours.m.shape(o.fields[i]!.type);
      const rs = ref.m.shape(r.fields[i]!.type);
      if (os !== rs) out.push({ pallet, what: `${kind} ${r.name}.${r.fields[i]!.name ?? i} type`, ours: os, reference: rs });
      const otn = o.fields[i]!.typeName ?? '';
      const rtn = r.fields[i]!.typeName ?? '';
      if (otn !== rtn) out.push({ pallet, what: `${kind} ${r.name}.${r.fields[i]!.name ?? i} typeName`, ours: otn, reference: rtn });
    }
    if (r.docs.length && !o.docs.length) out.push({ pallet, what: `${kind} ${r.name} docs`, ours: 'none', reference: r.docs[0]!.trim() });
  }
  for (const o of ov) if (!refNames.has(o.name)) out.push({ pallet, what: `${kind} ${o.name}`, ours: `index ${o.index}`, reference: 'missing' });
}

/** All differences of `pallets` between our metadata and the reference. */
export function comparePallets(ours: Latest, reference: Latest, pallets: string[]): Mismatch[] {
  const om = new Shapes(ours);
  const rm = new Shapes(reference);
  const out: Mismatch[] = [];
  for (const name of pallets) {
    const o = ours.pallets.find((p) => p.name === name);
    const r = reference.pallets.find((p) => p.name === name);
    if (!o || !r) {
      out.push({ pallet: name, what: 'pallet', ours: o ? `index ${o.index}` : 'missing', reference: r ? `index ${r.index}` : 'missing' });
      continue;
    }
    if (o.index !== r.index) out.push({ pallet: name, what: 'index', ours: String(o.index), reference: String(r.index) });

    // Storage
    const oItems = new Map((o.storage?.items ?? []).map((i) => [i.name, i]));
    const rItems = r.storage?.items ?? [];
    if (o.storage && r.storage && o.storage.prefix !== r.storage.prefix) out.push({ pallet: name, what: 'storage prefix', ours: o.storage.prefix, reference: r.storage.prefix });
    for (const ri of rItems) {
      const oi = oItems.get(ri.name);
      if (!oi) {
        out.push({ pallet: name, what: `storage ${ri.name}`, ours: 'missing', reference: 'present' });
        continue;
      }
      const what = `storage ${ri.name}`;
      if (oi.modifier !== ri.modifier) out.push({ pallet: name, what: `${what} modifier`, ours: oi.modifier, reference: ri.modifier });
      if (oi.fallback !== ri.fallback) out.push({ pallet: name, what: `${what} fallback`, ours: oi.fallback, reference: ri.fallback });
      const ok = oi.type.map ? 'map' : 'plain';
      const rk = ri.type.map ? 'map' : 'plain';
      if (ok !== rk) {
        out.push({ pallet: name, what: `${what} kind`, ours: ok, reference: rk });
        continue;
      }
      if (oi.type.map && ri.type.map) {
        if (oi.type.map.hashers.join(',') !== ri.type.map.hashers.join(',')) {
          out.push({ pallet: name, what: `${what} hashers`, ours: oi.type.map.hashers.join(','), reference: ri.type.map.hashers.join(',') });
        }
        const oks = om.shape(oi.type.map.key);
        const rks = rm.shape(ri.type.map.key);
        if (oks !== rks) out.push({ pallet: name, what: `${what} key type`, ours: oks, reference: rks });
      }
      const ov = om.shape(oi.type.map ? oi.type.map.value : oi.type.plain!);
      const rv = rm.shape(ri.type.map ? ri.type.map.value : ri.type.plain!);
      if (ov !== rv) out.push({ pallet: name, what: `${what} value type`, ours: ov, reference: rv });
      if (ri.docs.length && !oi.docs.length) out.push({ pallet: name, what: `${what} docs`, ours: 'none', reference: ri.docs[0]!.trim() });
    }
    const refItemNames = new Set(rItems.map((i) => i.name));
    for (const oi of o.storage?.items ?? []) if (!refItemNames.has(oi.name)) out.push({ pallet: name, what: `storage ${oi.name}`, ours: 'present', reference: 'missing' });

    // Calls, events, errors
    variantDiff(out, name, 'call', { m: om, id: o.calls?.type }, { m: rm, id: r.calls?.type }, true);
    variantDiff(out, name, 'event', { m: om, id: o.events?.type }, { m: rm, id: r.events?.type }, true);
    variantDiff(out, name, 'error', { m: om, id: o.errors?.type }, { m: rm, id: r.errors?.type }, false);

    // Constants
    const oConsts = new Map(o.constants.map((c) => [c.name, c]));
    for (const rc of r.constants) {
      const oc = oConsts.get(rc.name);
      if (!oc) {
        out.push({ pallet: name, what: `constant ${rc.name}`, ours: 'missing', reference: rc.value });
        continue;
      }
      const os = om.shape(oc.type);
      const rs = rm.shape(rc.type);
      if (os !== rs) out.push({ pallet: name, what: `constant ${rc.name} type`, ours: os, reference: rs });
      if (oc.value !== rc.value) out.push({ pallet: name, what: `constant ${rc.name} value`, ours: oc.value, reference: rc.value });
      if (rc.docs.length && !oc.docs.length) out.push({ pallet: name, what: `constant ${rc.name} docs`, ours: 'none', reference: rc.docs[0]!.trim() });
    }
    const refConstNames = new Set(r.constants.map((c) => c.name));
    for (const oc of o.constants) if (!refConstNames.has(oc.name)) out.push({ pallet: name, what: `constant ${oc.name}`, ours: oc.value, reference: 'missing' });
    if (r.docs?.length && !o.docs?.length) out.push({ pallet: name, what: 'pallet docs', ours: 'none', reference: r.docs[0]!.trim() });
  }
  return out;
}

export function formatMismatches(list: Mismatch[]): string {
  return list.map((m) => `${m.pallet}: ${m.what}: ours=${m.ours} reference=${m.reference}`).join('\n');
}
