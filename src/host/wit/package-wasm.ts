// A binary WIT package (package.wasm, as `asterai component pkg` writes it and asterai reads it),
// decoded by wit-parser through jco-transpile's `unpackWit`: its name and its WIT text.
import { unpackWit } from '@bytecodealliance/jco-transpile';
import { messageOf } from '../runtime/error-message.ts';
import { formatPackageName } from './names.ts';
import { parseWit } from './parser.ts';

export interface DecodedWitPackage {
  /** `asterai:whatsapp@0.3.0` */
  name: string;
  /** The package's own WIT file, as wit-parser prints it. */
  main: string;
  /** One WIT file: the package, then its dependencies as nested packages (as `component pkg -w` writes it). */
  witText: string;
}

/** Fails unless `wasm` decodes as a WIT package (named `expected`, when given). */
export async function decodeWitPackage(wasm: Uint8Array, expected?: string): Promise<DecodedWitPackage> {
  let files: Map<string, string>;
  try {
    files = await unpackWit(expected, wasm);
  } catch (error) {
    const payload = (error as { payload?: unknown }).payload;
    throw new Error(`not a WIT package${expected ? ` named ${expected}` : ''}: ${payload === undefined ? messageOf(error) : JSON.stringify(payload)}`);
  }
  const mains = [...files].filter(([path]) => !path.startsWith('deps/'));
  if (mains.length !== 1) throw new Error(`expected one main file in the decoded package, got: ${[...files.keys()].join(', ')}`);
  const main = mains[0]![1];
  const declared = parseWit(main, 'package.wasm').main.name;
  if (!declared) throw new Error('the decoded package has no name');
  const deps = [...files]
    .filter(([path]) => path.startsWith('deps/'))
    .map(([, text]) => `${text.trim().replace(/^package ([^;\s]+);/, 'package $1 {')}\n}`);
  return { name: formatPackageName(declared), main, witText: `${[main.trim(), ...deps].join('\n\n')}\n` };
}
