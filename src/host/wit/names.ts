import type { PackageName } from './ast.ts';

/** `wasi:io@0.2.0` */
export function formatPackageName(pkg: PackageName): string {
  return `${pkg.namespace}:${pkg.name}${pkg.version ? `@${pkg.version}` : ''}`;
}

/** `wasi:io/streams@0.2.0` */
export function qualifiedName(pkg: PackageName, item: string): string {
  return `${pkg.namespace}:${pkg.name}/${item}${pkg.version ? `@${pkg.version}` : ''}`;
}

/** `asterai:llm/llm@1.0.0` → `llm` (as asterai's `extract_short_interface_name`). */
export function shortInterfaceName(qualified: string): string {
  const slash = qualified.lastIndexOf('/');
  const name = slash === -1 ? qualified : qualified.slice(slash + 1);
  const at = name.indexOf('@');
  return at === -1 ? name : name.slice(0, at);
}

/** `asterai:whatsapp/api@0.3.0` → `asterai:whatsapp` */
export function packageOfQualifiedName(qualified: string): string {
  const slash = qualified.indexOf('/');
  return slash === -1 ? qualified : qualified.slice(0, slash);
}

/** `asterai:whatsapp/api@0.3.0` → `0.3.0` */
export function versionOfQualifiedName(qualified: string): string | undefined {
  const at = qualified.lastIndexOf('@');
  return at === -1 ? undefined : qualified.slice(at + 1);
}

/**
 * jco's JS name for a WIT identifier: lower camel case, acronyms lowered
 * (`user-id` → `userId`, `DNS-error` → `dnsError`), as heck's `to_lower_camel_case` in jco.
 */
export function jsName(witName: string): string {
  return witName
    .split('-')
    .filter((word) => word.length > 0)
    .map((word, index) => {
      const lower = word.toLowerCase();
      return index === 0 ? lower : lower.charAt(0).toUpperCase() + lower.slice(1);
    })
    .join('');
}
