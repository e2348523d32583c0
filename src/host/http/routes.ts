/** Where an HTTP request goes: a component, and the path it sees. */
export interface HttpRoute {
  /** `namespace:name` of the component. */
  component: string;
  /** The request's path with `/{env-ns}/{env-name}/{comp-ns}/{comp-name}` stripped, query kept. */
  pathWithQuery: string;
}

/**
 * asterai serves `/{env-ns}/{env-name}/{comp-ns}/{comp-name}/rest...` and hands the component
 * `/rest...?query`, or `/` when nothing follows the prefix (runtime/src/runtime/http.rs,
 * `strip_path_prefix`). Anything outside the environment's prefix has no route.
 */
export function routeRequest(pathWithQuery: string, environment: { namespace: string; name: string }): HttpRoute | undefined {
  const queryStart = pathWithQuery.indexOf('?');
  const path = queryStart === -1 ? pathWithQuery : pathWithQuery.slice(0, queryStart);
  const query = queryStart === -1 ? '' : pathWithQuery.slice(queryStart);
  const [empty, envNamespace, envName, componentNamespace, componentName] = path.split('/', 5);
  if (empty !== '' || envNamespace !== environment.namespace || envName !== environment.name) return undefined;
  if (!componentNamespace || !componentName) return undefined;
  const prefixLength = ['', envNamespace, envName, componentNamespace, componentName].join('/').length;
  const rest = path.slice(prefixLength);
  return { component: `${componentNamespace}:${componentName}`, pathWithQuery: `${rest === '' ? '/' : rest}${query}` };
}
