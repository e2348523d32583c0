import { describe, expect, it } from 'vitest';
import { AsteraiDocs } from '../../../../src/host/component/asterai-docs.ts';
import { parseWit } from '../../../../src/host/wit/parser.ts';
import { resolvePackages } from '../../../../src/host/wit/registry.ts';

function docsOf(root: string, ...deps: string[]): AsteraiDocs {
  const files = [root, ...deps].map((text) => parseWit(text));
  return AsteraiDocs.ofPackage(resolvePackages(files.flatMap((file) => (file.main.name ? [file.main, ...file.nested] : file.nested)), 'demo:app@1.0.0'));
}

// As asterai's apply_package_docs (runtime/src/component/wit.rs) copies docs from package.wasm.
describe('AsteraiDocs.ofPackage', () => {
  const docs = docsOf(
    `package demo:app@1.0.0;
    /// The send side.
    interface api {
      /// Sends.
      send: func(to: string);
      quiet: func();
    }
    /// For handlers to export.
    interface incoming-handler {
      on-message: func(text: string);
    }
    world handler { export incoming-handler; }
    /// The first world with docs.
    world main { export api; }
    /// A later world with docs.
    world other { export api; }`,
    `package dep:lib@0.1.0 {
      /// Not ours.
      interface api { send: func(to: string); }
      /// A world of a dependency.
      world lib { export api; }
    }`,
  );

  it('takes the world docs of the package\'s first documented world, whatever the component\'s world', () => {
    expect(docs.world).toBe('The first world with docs.');
  });

  it('finds interface and function docs by short interface name, in the package only', () => {
    expect(docs.interfaceDocs('api')).toBe('The send side.');
    expect(docs.functionDocs('api', 'send')).toBe('Sends.');
    expect(docs.functionDocs('api', 'quiet')).toBeUndefined();
    // wasi:http/incoming-handler has the same short name as our incoming-handler: asterai shows these docs for it.
    expect(docs.interfaceDocs('incoming-handler')).toBe('For handlers to export.');
    expect(docs.functionDocs('incoming-handler', 'handle')).toBeUndefined();
    expect(docs.interfaceDocs('run')).toBeUndefined();
  });
});
