/**
 * The keys of a request body its schema does not have, as JSON pointers. The ingest endpoints accept an order
 * with a misspelt key (refusing it could lose a live shop's orders), but say which keys they ignored, so that
 * `{"clickid": …}` does not quietly store an order with no affiliate. Records (metadata, props) are open.
 */
import type { z } from "zod";

type Def = { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType; innerType?: z.ZodType; in?: z.ZodType; out?: z.ZodType };

// zod 4 keeps a schema's structure on `_zod.def`; its public types do not expose the wrappers' inner schemas uniformly.
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export function unknownKeys(schema: z.ZodType, value: unknown, at = ""): string[] {
  const def = defOf(schema);
  switch (def.type) {
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
      return unknownKeys(def.innerType!, value, at);
    case "pipe":
      // z.preprocess: a transform, then the schema; .transform(): the schema, then a transform.
      return unknownKeys(defOf(def.in!).type === "transform" ? def.out! : def.in!, value, at);
    case "array":
      return Array.isArray(value) ? value.flatMap((item, i) => unknownKeys(def.element!, item, `${at}/${i}`)) : [];
    case "object": {
      if (!isPlainObject(value)) return [];
      const shape = def.shape!;
      return Object.keys(value).flatMap((key) => {
        const pointer = `${at}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
        // Own keys only: `"constructor" in shape` is true for every object.
        return Object.hasOwn(shape, key) ? unknownKeys(shape[key], value[key], pointer) : [pointer];
      });
    }
    default:
      return [];
  }
}
