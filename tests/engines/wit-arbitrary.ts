// fast-check arbitraries of JSON arguments for a WIT type, as a caller of call-component-function
// could send them: mostly of the right shape with any content (strings in any script, lone
// surrogates, huge ones; numbers out of every range; lists of any length), sometimes of the
// wrong shape altogether.
import fc from 'fast-check';
import { unalias, type WitType } from '../../src/host/wit/model.ts';

const WAMID = 'wamid.HBgLMTU1NTAxMDk5OTkVAgASGBQzQTdGRkU2QjQ5QzE4QjU0MkYwRAA=';

/** A string a send function may meet: plausible values, any text, lone surrogates, up to ~1 MB. */
export const anyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('15550109999', '+44 7700 900123', '', WAMID, '1013859600285441', 'https://example.com/a.png', '👍', 'image/png', 'order_confirmation', 'en_US', 'customer_name') },
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  // Code units at random: lone surrogates and control characters.
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.tuple(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }), fc.integer({ min: 1_000, max: 200_000 })).map(([s, n]) => s.repeat(n)) },
  { weight: 1, arbitrary: fc.constant('\ud83d'.repeat(5_000)) },
);

const anyNumber = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.double({ min: -200, max: 200, noNaN: true }),
  fc.constantFrom(90, -90, 180, -180, 90.000001, -180.000001, 0, -0, 1e308, 5e-324),
  fc.integer(),
);

export function argumentFor(type: WitType): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 19, arbitrary: shaped(type) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) });
}

function shaped(type: WitType): fc.Arbitrary<unknown> {
  const shape = unalias(type);
  switch (shape.kind) {
    case 'string':
    case 'char':
      return anyString;
    case 'bool':
      return fc.boolean();
    case 'f32':
    case 'f64':
      return anyNumber;
    case 'u8':
      return fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 0, max: 255 }) }, { weight: 1, arbitrary: fc.integer({ min: -300, max: 600 }) });
    case 'u16':
    case 'u32':
    case 'u64':
    case 's8':
    case 's16':
    case 's32':
    case 's64':
      return fc.integer();
    case 'list':
      if (unalias(shape.element).kind === 'u8') {
        return fc.oneof(
          { weight: 9, arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes) => Array.from(bytes)) },
          { weight: 1, arbitrary: fc.integer({ min: 100_000, max: 600_000 }).map((n) => Array.from({ length: n }, (_, i) => i % 256)) },
        );
      }
      return fc.array(argumentFor(shape.element), { maxLength: 14 });
    case 'option':
      return fc.option(shaped(shape.inner), { nil: null });
    case 'record':
      return fc.record(Object.fromEntries(shape.fields.map((field) => [field.name, argumentFor(field.type)])));
    case 'enum':
      return fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...shape.cases) }, { weight: 1, arbitrary: anyString });
    case 'variant':
      // asterai's JSON for a variant: {"tag": case, "value": payload} ("value" only for a case with one).
      return fc.oneof(
        { weight: 9, arbitrary: fc.oneof(...shape.cases.map((c) => (c.type ? argumentFor(c.type).map((value) => ({ tag: c.name, value })) : fc.constant({ tag: c.name })))) },
        { weight: 1, arbitrary: fc.record({ tag: anyString, value: fc.jsonValue({ maxDepth: 1 }) }) },
      );
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}
