// The MCP tools an LLM sees when asterai:mcp-server shares an environment with the BUILT
// component: derived, as the MCP server derives them, from what the Node host's asterai:host/api
// answers a guest calling list-other-components.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPONENT_NAME, COMPONENTS } from '../../scripts/lib/components.ts';
import { Environment } from '../../src/host/environment.ts';
import { asteraiHostApi } from '../../src/host/host-api/asterai-host-api.ts';
import { readRootPackage } from '../../src/host/wit/load-directory.ts';
import { mcpTools, type GuestComponentInfo, type McpTool } from '../support/mcp-server-tools.ts';

const COMPONENT = { out: COMPONENTS.whatsapp.out, witDir: COMPONENTS.whatsapp.wit.dir, world: COMPONENTS.whatsapp.world };

const MCP_SERVER = 'asterai:mcp-server';

let environment: Environment;
let tools: McpTool[];

beforeAll(async () => {
  environment = await Environment.load({
    namespace: 'acme',
    name: 'support',
    components: [{ name: COMPONENT_NAME, wasm: COMPONENT.out, wit: COMPONENT.witDir }],
    env: {},
  });
  const hostApi = asteraiHostApi({ components: () => environment.components, call: () => ({ ok: 'null' }) }, MCP_SERVER);
  tools = mcpTools(hostApi.listOtherComponents!() as GuestComponentInfo[]);
  console.log(
    `asterai:mcp-server's tools/list for ${COMPONENT_NAME} (${tools.length} tools):\n` +
      tools.map((tool) => `- ${tool.name} ${JSON.stringify(tool.inputSchema)}\n  ${tool.description.replaceAll('\n', '\n  ')}`).join('\n'),
  );
});
afterAll(async () => {
  await environment?.close();
});

/** The functions our component exports that are not WASI's: each is one tool. */
function ourFunctions(): { tool: string; params: string[]; docs?: string }[] {
  const exported = new Set(readRootPackage(COMPONENT.witDir).worlds.find((world) => world.name === COMPONENT.world)!.exports.flatMap((item) => (item.kind === 'interface' && !item.path.package ? [item.path.interface] : [])));
  return readRootPackage(COMPONENT.witDir)
    .interfaces.filter((iface) => exported.has(iface.name))
    .flatMap((iface) =>
      iface.funcs.map((fn) => ({ tool: `asterai--whatsapp_${iface.name}_${fn.name}`, params: fn.params.map((param) => param.name), docs: fn.docs })),
    );
}

describe('the MCP tools asterai:mcp-server derives from the component', () => {
  it('are one per function of every exported interface of ours, named as the MCP server names them', () => {
    expect(tools.map((tool) => tool.name)).toEqual(ourFunctions().map((fn) => fn.tool));
    for (const tool of tools) expect(tool.name, 'MCP clients take [a-zA-Z0-9_-]{1,64}').toMatch(/^[a-zA-Z0-9_-]{1,64}$/);
  });

  it('each have the function\'s doc comment as their description, never the "<component> <function>" fallback', () => {
    for (const fn of ourFunctions()) {
      const tool = tools.find((candidate) => candidate.name === fn.tool)!;
      expect(fn.docs, `${fn.tool} has no doc comment`).toBeTruthy();
      expect(tool.description).toBe(fn.docs);
    }
  });

  it('each have an input schema that is valid JSON Schema, with every parameter and the non-option ones required', () => {
    const ajv = new Ajv2020({ strict: true });
    for (const tool of tools) {
      expect(ajv.validateSchema(tool.inputSchema), `${tool.name}: ${ajv.errorsText(ajv.errors)}`).toBe(true);
      expect(() => ajv.compile(tool.inputSchema), tool.name).not.toThrow();
      expect(Object.keys(tool.inputSchema.properties)).toEqual(ourFunctions().find((fn) => fn.tool === tool.name)!.params);
    }
    const sendText = tools.find((tool) => tool.name === 'asterai--whatsapp_whatsapp_send-text')!;
    expect(sendText.inputSchema.required).toEqual(['to', 'body', 'link-preview']);
    // The shared send options are optional everywhere: a client leaves them out, the MCP server sends null.
    for (const tool of tools.filter((candidate) => 'options' in candidate.inputSchema.properties)) expect(tool.inputSchema.required).not.toContain('options');
  });

  it('describe every parameter in words, since the schema of each says only "string"', () => {
    // asterai's type-schemas are WIT text (`f64`, `list<record { ... }>`), which the MCP server
    // cannot parse as JSON, so it falls back to {"type": "string"}: the description is all an
    // LLM learns about a parameter's real type and format.
    for (const tool of tools) {
      for (const [param, schema] of Object.entries(tool.inputSchema.properties)) {
        expect(schema).toEqual({ type: 'string' });
        expect(tool.description, `${tool.name} does not describe '${param}'`).toMatch(new RegExp(`\`${param}\``));
      }
    }
  });

  it('are the tools the README lists under "Use it from an LLM"', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const table = readme.split('<!-- mcp-tools:start')[1]?.split('<!-- mcp-tools:end -->')[0];
    if (!table) throw new Error('README has no mcp-tools markers');
    const listed = [...table.matchAll(/^\| `([^`]+)` \|/gm)].map((match) => match[1]);
    expect(listed).toEqual(tools.map((tool) => tool.name));
  });
});
