/**
 * The portable type registry (scale-info's `PortableRegistry`) built from our codecs' `info`.
 *
 * Ids are handed out the way scale-info does it: a type gets its id when first met, before its
 * children (so recursive types such as RuntimeCall → Utility.batch → Vec<RuntimeCall> resolve to
 * the id already reserved). Two codecs describe the same type when they are the same `info`
 * object (a `lazy` codec shares the info of what it wraps), or when they are structurally equal:
 * same path, params, shape, field names and type names — the second declaration of
 * `[u8; 8]` or `Option<Weight>` gets the first one's id. Docs do not take part in that
 * comparison; the first declaration's docs are kept. Structural equality through recursion
 * (the same recursive type declared twice) needs the whole graph: `compact()` finds it.
 */
import {
  resolveDef, type AnyCodec, type FieldInfo, type PrimitiveName, type TypeDef, type TypeInfo,
} from '../../primitives/scale/index.ts';

export interface PortableField {
  name?: string;
  type: number;
  typeName?: string;
  docs: string[];
}

export interface PortableVariant {
  name: string;
  index: number;
  fields: PortableField[];
  docs: string[];
}

export type PortableDef =
  | { tag: 'composite'; fields: PortableField[] }
  | { tag: 'variant'; variants: PortableVariant[] }
  | { tag: 'sequence'; type: number }
  | { tag: 'array'; len: number; type: number }
  | { tag: 'tuple'; types: number[] }
  | { tag: 'primitive'; name: PrimitiveName }
  | { tag: 'compact'; type: number }
  | { tag: 'bitSequence'; store: number; order: number };

export interface PortableType {
  id: number;
  path: string[];
  params: { name: string; type?: number }[];
  def: PortableDef;
  docs: string[];
}

/** Anything carrying a type description: a codec, or a bare `{ info }`. */
export type TypeSource = AnyCodec | { readonly info: TypeInfo };

/** Upper bound on nesting while registering; a deeper chain means a non-terminating type description. */
const MAX_DEPTH = 512;

export class PortableRegistry {
  private readonly types: PortableType[] = [];
  /** `info` object → id (identity dedup, also what breaks cycles). */
  private readonly byInfo = new Map<TypeInfo, number>();
  /** Structural key → id, for completed types. */
  private readonly byShape = new Map<string, number>();
  private depth = 0;
  /** Ids asked for from outside (not while registering another type), in order. */
  private roots: number[] = [];

  /** The id of this codec's type, registering it (and everything it refers to) when new. */
  register(source: TypeSource): number {
    const id = this.registerInfo(source.info);
    if (this.depth === 0) this.roots.push(id);
    return id;
  }

  private registerInfo(info: TypeInfo): number {
    const known = this.byInfo.get(info);
    if (known !== undefined) return known;
    if (++this.depth > MAX_DEPTH) throw new Error('type description nested too deeply (an unbounded recursive type?)');
    try {
      // Reserve the id first: children referring back to this type get it.
      const id = this.types.length;
      const placeholder: PortableType = { id, path: info.path ?? [], params: [], def: { tag: 'tuple', types: [] }, docs: info.docs ?? [] };
      this.types.push(placeholder);
      this.byInfo.set(info, id);

      placeholder.params = (info.params ?? []).map((p) => (p.type ? { name: p.name, type: this.registerInfo(p.type.info) } : { name: p.name }));
      placeholder.def = this.portableDef(resolveDef(info));

      const key = shapeKey(placeholder);
      const same = this.byShape.get(key);
      if (same === undefined) {
        this.byShape.set(key, id);
      } else if (same < id && this.types.length === id + 1) {
        // Structurally equal to an older finished type; its children are then all old types
        // too, so this one is the newest entry: drop it and answer with the older id.
        this.types.pop();
        this.byInfo.set(info, same);
        return same;
      }
      // Otherwise (an equal type that was finished inside this one's own recursion) keep the
      // extra entry: redundant but valid.
      return id;
    } finally {
      this.depth--;
    }
  }

  /** Registered types, ordered by id. */
  get all(): readonly PortableType[] {
    return this.types;
  }

  get size(): number {
    return this.types.length;
  }

  /**
   * Merge types that are equal even through recursion (two declarations of a recursive type,
   * which registration alone keeps apart), renumbering the rest in order. Ids handed out before
   * change; registering the same codecs again afterwards gives the new ids. Returns old → new.
   */
  compact(): (oldId: number) => number {
    const n = this.types.length;
    // Moore's partition refinement: start from the local shape, split by the children's classes.
    let classes = new Int32Array(n);
    let count = -1;
    for (let round = 0; ; round++) {
      const seen = new Map<string, number>();
      const next = new Int32Array(n);
      const ref: RefName = round === 0 ? () => '#' : (id) => classes[id]!;
      for (let i = 0; i < n; i++) {
        const key = shapeKey(this.types[i]!, ref);
        let c = seen.get(key);
        if (c === undefined) seen.set(key, (c = seen.size));
        next[i] = c;
      }
      classes = next;
      if (seen.size === count) break;
      count = seen.size;
    }
    if (count === n) return (id) => id;

    // One representative per class (its first member); then number the classes as a fresh
    // registration would: pre-order from the roots, in the order they were registered.
    const representative = new Int32Array(count).fill(-1);
    for (let i = 0; i < n; i++) if (representative[classes[i]!] === -1) representative[classes[i]!] = i;
    const newIdOfClass = new Int32Array(count).fill(-1);
    const kept: number[] = [];
    const visit = (old: number) => {
      const c = classes[old]!;
      if (newIdOfClass[c] !== -1) return;
      const rep = representative[c]!;
      newIdOfClass[c] = kept.length;
      kept.push(rep);
      forEachChild(this.types[rep]!, visit);
    };
    for (const root of this.roots) visit(root);
    for (let i = 0; i < n; i++) visit(i);
    const map = (old: number) => newIdOfClass[classes[old]!]!;
    const merged = kept.map((old, id) => remapType(this.types[old]!, id, map));
    this.roots = [...new Set(this.roots.map(map))];
    this.types.length = 0;
    this.types.push(...merged);
    for (const [info, old] of this.byInfo) this.byInfo.set(info, map(old));
    this.byShape.clear();
    for (const t of merged) if (!this.byShape.has(shapeKey(t))) this.byShape.set(shapeKey(t), t.id);
    return map;
  }

  get(id: number): PortableType {
    const t = this.types[id];
    if (!t) throw new RangeError(`no type with id ${id}`);
    return t;
  }

  private fields(fields: FieldInfo[]): PortableField[] {
    return fields.map((f) => ({ name: f.name, type: this.registerInfo(f.type.info), typeName: f.typeName, docs: f.docs ?? [] }));
  }

  private portableDef(def: TypeDef): PortableDef {
    switch (def.kind) {
      case 'primitive':
        return { tag: 'primitive', name: def.name };
      case 'composite':
        return { tag: 'composite', fields: this.fields(def.fields) };
      case 'variant': {
        const seen = new Set<number>();
        // Declaration order, as scale-info keeps it (codecs built with `enumeration` declare by index).
        const variants = def.variants.map((v) => {
          if (v.index < 0 || v.index > 255 || !Number.isInteger(v.index)) throw new RangeError(`variant ${v.name}: index ${v.index} is not a u8`);
          if (seen.has(v.index)) throw new Error(`variant index ${v.index} used twice (${v.name})`);
          seen.add(v.index);
          return { name: v.name, index: v.index, fields: this.fields(v.fields), docs: v.docs ?? [] };
        });
        return { tag: 'variant', variants };
      }
      case 'sequence':
        return { tag: 'sequence', type: this.registerInfo(def.of.info) };
      case 'array':
        return { tag: 'array', len: def.len, type: this.registerInfo(def.of.info) };
      case 'tuple':
        return { tag: 'tuple', types: def.of.map((c) => this.registerInfo(c.info)) };
      case 'compact':
        return { tag: 'compact', type: this.registerInfo(def.of.info) };
      case 'bitSequence':
        return { tag: 'bitSequence', store: this.registerInfo(def.store.info), order: this.registerInfo(def.order.info) };
    }
  }
}

type RefName = (id: number) => string | number;

function fieldsKey(fields: PortableField[], ref: RefName): string {
  return fields.map((f) => `${f.name ?? ''}:${ref(f.type)}:${f.typeName ?? ''}`).join(',');
}

/** Everything that makes two types different in metadata, except docs; `ref` names the types referred to. */
function shapeKey(t: PortableType, ref: RefName = (id) => id): string {
  const params = t.params.map((p) => `${p.name}=${p.type === undefined ? '?' : ref(p.type)}`).join(',');
  const d = t.def;
  let def: string;
  switch (d.tag) {
    case 'primitive':
      def = d.name;
      break;
    case 'composite':
      def = `{${fieldsKey(d.fields, ref)}}`;
      break;
    case 'variant':
      def = d.variants.map((v) => `${v.index}${v.name}(${fieldsKey(v.fields, ref)})`).join('|');
      break;
    case 'sequence':
    case 'compact':
      def = String(ref(d.type));
      break;
    case 'array':
      def = `${ref(d.type)};${d.len}`;
      break;
    case 'tuple':
      def = d.types.map(ref).join(',');
      break;
    case 'bitSequence':
      def = `${ref(d.store)},${ref(d.order)}`;
      break;
  }
  return `${t.path.join('::')}<${params}>${d.tag}:${def}`;
}

/** Calls `f` with each type `t` refers to, in registration order (params, then the def). */
function forEachChild(t: PortableType, f: (id: number) => void): void {
  for (const p of t.params) if (p.type !== undefined) f(p.type);
  const d = t.def;
  switch (d.tag) {
    case 'primitive':
      return;
    case 'composite':
      for (const x of d.fields) f(x.type);
      return;
    case 'variant':
      for (const v of d.variants) for (const x of v.fields) f(x.type);
      return;
    case 'sequence':
    case 'compact':
    case 'array':
      f(d.type);
      return;
    case 'tuple':
      d.types.forEach((x) => f(x));
      return;
    case 'bitSequence':
      f(d.store);
      f(d.order);
      return;
  }
}

function remapType(t: PortableType, id: number, map: (old: number) => number): PortableType {
  const fields = (fs: PortableField[]) => fs.map((f) => ({ ...f, type: map(f.type) }));
  const d = t.def;
  let def: PortableDef;
  switch (d.tag) {
    case 'primitive':
      def = d;
      break;
    case 'composite':
      def = { tag: 'composite', fields: fields(d.fields) };
      break;
    case 'variant':
      def = { tag: 'variant', variants: d.variants.map((v) => ({ ...v, fields: fields(v.fields) })) };
      break;
    case 'sequence':
    case 'compact':
      def = { tag: d.tag, type: map(d.type) };
      break;
    case 'array':
      def = { tag: 'array', len: d.len, type: map(d.type) };
      break;
    case 'tuple':
      def = { tag: 'tuple', types: d.types.map(map) };
      break;
    case 'bitSequence':
      def = { tag: 'bitSequence', store: map(d.store), order: map(d.order) };
      break;
  }
  const params = t.params.map((p) => (p.type === undefined ? { name: p.name } : { name: p.name, type: map(p.type) }));
  return { id, path: t.path, params, def, docs: t.docs };
}
