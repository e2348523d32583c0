// The MCP tools asterai:mcp-server derives from what asterai:host/api's list-other-components
// answers (asterai-io/components, rs/mcp-server/src/mcp.rs, `handle_tools_list`): one tool per
// function of every other component, except those of the interfaces `run` and `incoming-handler`.
// - name: `ns--name_interface_function` (`:` → `--`, `/` → `_`);
// - description: the function's description, or `"<component> <interface>/<function>"` without one;
// - inputSchema: an object with one property per parameter, each the parameter's type-schema
//   parsed as JSON, or `{"type": "string"}` when it is not JSON (asterai's type-schemas are WIT
//   text such as `f64` or `list<record { ... }>`, so in practice every parameter); a parameter
//   is required unless its type-name starts with `option<`.

/** A component-info record as a guest receives it from jco (camelCase keys). */
export interface GuestComponentInfo {
  name: string;
  functions: {
    name: string;
    interfaceName?: string;
    description?: string;
    inputs: { name: string; typeName: string; typeSchema: string }[];
  }[];
}

export interface McpTool {
  name: string;
  description: string;
  inputSchema: { type: 'object'; properties: Record<string, unknown>; required: string[] };
}

const SKIP_INTERFACES = ['run', 'incoming-handler'];

export function mcpTools(components: GuestComponentInfo[]): McpTool[] {
  return components.flatMap((component) =>
    component.functions
      .filter((fn) => fn.interfaceName === undefined || !SKIP_INTERFACES.includes(fn.interfaceName))
      .map((fn) => {
        const functionName = fn.interfaceName === undefined ? fn.name : `${fn.interfaceName}/${fn.name}`;
        return {
          name: `${component.name.replaceAll(':', '--')}_${functionName.replaceAll('/', '_')}`,
          description: fn.description ?? `${component.name} ${functionName}`,
          inputSchema: {
            type: 'object' as const,
            properties: Object.fromEntries(fn.inputs.map((input) => [input.name, schemaOf(input.typeSchema)])),
            required: fn.inputs.filter((input) => !input.typeName.startsWith('option<')).map((input) => input.name),
          },
        };
      }),
  );
}

function schemaOf(typeSchema: string): unknown {
  try {
    return JSON.parse(typeSchema);
  } catch {
    return { type: 'string' };
  }
}
