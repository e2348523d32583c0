// Parser for the subset of WIT this project needs: packages (also nested `package x:y { }`),
// interfaces, worlds, `use`, records, variants, enums, flags, aliases, resources (name only)
// and functions. Feature gates (`@since`, `@unstable`, `@deprecated`) are skipped.
import type {
  CaseDecl,
  FieldDecl,
  FuncDecl,
  InterfaceDecl,
  InterfacePath,
  ItemDocs,
  PackageDecl,
  PackageName,
  TypeDecl,
  TypeExpr,
  UseDecl,
  WitFile,
  WorldDecl,
  WorldItem,
} from './ast.ts';
import { tokenize, WitSyntaxError, type Token } from './lexer.ts';

export function parseWit(text: string, source = '<wit>'): WitFile {
  return new Parser(tokenize(text, source), source).file();
}

const WORLD_ITEM_KEYWORDS = new Set(['func', 'async', 'interface']);

class Parser {
  private pos = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly source: string,
  ) {}

  file(): WitFile {
    const main = emptyPackage();
    const nested: PackageDecl[] = [];
    const docs = this.docsAndGates();
    if (this.isKeyword('package')) {
      this.next();
      const name = this.packageName();
      if (this.eat('{')) {
        nested.push(this.packageBody(name, docs, '}'));
      } else {
        this.expect(';');
        main.name = name;
        main.docs = docs;
      }
    } else {
      this.pos = 0;
    }
    while (!this.at('eof')) {
      const itemDocs = this.docsAndGates();
      if (this.isKeyword('package')) {
        this.next();
        const name = this.packageName();
        this.expect('{');
        nested.push(this.packageBody(name, itemDocs, '}'));
      } else {
        this.packageItem(main, itemDocs);
      }
    }
    return { source: this.source, main, nested };
  }

  private packageBody(name: PackageName, docs: string | undefined, closer: string): PackageDecl {
    const pkg: PackageDecl = { ...emptyPackage(), name, docs };
    while (!this.eat(closer)) {
      this.packageItem(pkg, this.docsAndGates());
    }
    return pkg;
  }

  private packageItem(pkg: PackageDecl, docs: string | undefined): void {
    const keyword = this.expectIdent();
    if (keyword === 'interface') {
      const name = this.expectIdent();
      pkg.interfaces.push(this.interfaceBody(name, docs));
    } else if (keyword === 'world') {
      pkg.worlds.push(this.worldBody(this.expectIdent(), docs));
    } else if (keyword === 'use') {
      const path = this.interfacePath();
      const alias = this.eatKeyword('as') ? this.expectIdent() : path.interface;
      this.expect(';');
      pkg.interfaceAliases.push({ path, as: alias });
    } else {
      this.fail(`expected 'interface', 'world', 'use' or 'package', found '${keyword}'`, -1);
    }
  }

  private interfaceBody(name: string, docs: string | undefined): InterfaceDecl {
    const iface: InterfaceDecl = { name, docs, uses: [], types: [], funcs: [] };
    this.expect('{');
    while (!this.eat('}')) {
      const itemDocs = this.docsAndGates();
      if (this.isKeyword('use')) {
        iface.uses.push(this.useDecl());
        continue;
      }
      const type = this.typeDecl(itemDocs);
      if (type) {
        iface.types.push(type);
        continue;
      }
      iface.funcs.push(this.namedFunc(itemDocs));
    }
    return iface;
  }

  private worldBody(name: string, docs: string | undefined): WorldDecl {
    const world: WorldDecl = { name, docs, imports: [], exports: [], includes: [], uses: [], types: [] };
    this.expect('{');
    while (!this.eat('}')) {
      const itemDocs = this.docsAndGates();
      if (this.isKeyword('import') || this.isKeyword('export')) {
        const direction = this.expectIdent();
        const item = this.worldItem(itemDocs);
        (direction === 'import' ? world.imports : world.exports).push(item);
      } else if (this.isKeyword('include')) {
        this.next();
        world.includes.push(this.interfacePath());
        if (this.eatKeyword('with')) this.skipBalanced('{', '}');
        this.expect(';');
      } else if (this.isKeyword('use')) {
        world.uses.push(this.useDecl());
      } else {
        const type = this.typeDecl(itemDocs);
        if (!type) this.fail(`expected 'import', 'export', 'include', 'use' or a type in world '${name}'`);
        world.types.push(type);
      }
    }
    return world;
  }

  private worldItem(docs: string | undefined): WorldItem {
    const next = this.peek(1);
    const afterColon = this.peek(2);
    const isNamedItem =
      next.kind === 'punct' && next.text === ':' && afterColon.kind === 'ident' && WORLD_ITEM_KEYWORDS.has(afterColon.text);
    if (!isNamedItem) {
      const path = this.interfacePath();
      this.expect(';');
      return docs === undefined ? { kind: 'interface', path } : { kind: 'interface', path, docs };
    }
    const name = this.expectIdent();
    this.expect(':');
    if (this.eatKeyword('interface')) {
      return { kind: 'inline-interface', name, body: this.interfaceBody(name, docs) };
    }
    return { kind: 'func', func: this.funcSignature(name, docs) };
  }

  private useDecl(): UseDecl {
    this.expectKeyword('use');
    const from = this.interfacePath();
    this.expect('.');
    this.expect('{');
    const names: UseDecl['names'] = [];
    while (!this.eat('}')) {
      const name = this.expectIdent();
      const alias = this.eatKeyword('as') ? this.expectIdent() : undefined;
      names.push(alias === undefined ? { name } : { name, as: alias });
      if (!this.eat(',')) {
        this.expect('}');
        break;
      }
    }
    this.expect(';');
    return { from, names };
  }

  private typeDecl(docs: string | undefined): TypeDecl | undefined {
    const token = this.peek();
    if (token.kind !== 'ident' || this.peek(1).kind !== 'ident') return undefined;
    switch (token.text) {
      case 'type': {
        this.next();
        const name = this.expectIdent();
        this.expect('=');
        const target = this.typeExpr();
        this.expect(';');
        return { kind: 'alias', name, docs, target };
      }
      case 'record': {
        this.next();
        const name = this.expectIdent();
        return { kind: 'record', name, docs, fields: this.fields() };
      }
      case 'variant': {
        this.next();
        const name = this.expectIdent();
        return { kind: 'variant', name, docs, cases: this.variantCases() };
      }
      case 'enum': {
        this.next();
        const name = this.expectIdent();
        const { names, itemDocs } = this.nameList();
        return { kind: 'enum', name, docs, cases: names, ...(itemDocs && { itemDocs }) };
      }
      case 'flags': {
        this.next();
        const name = this.expectIdent();
        const { names, itemDocs } = this.nameList();
        return { kind: 'flags', name, docs, flags: names, ...(itemDocs && { itemDocs }) };
      }
      case 'resource': {
        this.next();
        const name = this.expectIdent();
        // Methods of resources are not needed by the host: only the name is kept.
        if (!this.eat(';')) this.skipBalanced('{', '}');
        return { kind: 'resource', name, docs };
      }
      default:
        return undefined;
    }
  }

  private fields(): FieldDecl[] {
    const fields: FieldDecl[] = [];
    this.expect('{');
    while (!this.eat('}')) {
      const docs = this.docsAndGates();
      const name = this.expectIdent();
      this.expect(':');
      fields.push({ name, docs, type: this.typeExpr() });
      if (!this.eat(',')) {
        this.docsAndGates();
        this.expect('}');
        break;
      }
    }
    return fields;
  }

  private variantCases(): CaseDecl[] {
    const cases: CaseDecl[] = [];
    this.expect('{');
    while (!this.eat('}')) {
      const docs = this.docsAndGates();
      const name = this.expectIdent();
      let type: TypeExpr | undefined;
      if (this.eat('(')) {
        type = this.typeExpr();
        this.expect(')');
      }
      cases.push(type === undefined ? { name, docs } : { name, docs, type });
      if (!this.eat(',')) {
        this.docsAndGates();
        this.expect('}');
        break;
      }
    }
    return cases;
  }

  private nameList(): { names: string[]; itemDocs?: ItemDocs } {
    const names: string[] = [];
    let itemDocs: ItemDocs | undefined;
    this.expect('{');
    while (!this.eat('}')) {
      const docs = this.docsAndGates();
      const name = this.expectIdent();
      names.push(name);
      if (docs !== undefined) (itemDocs ??= {})[name] = docs;
      if (!this.eat(',')) {
        this.docsAndGates();
        this.expect('}');
        break;
      }
    }
    return itemDocs ? { names, itemDocs } : { names };
  }

  private namedFunc(docs: string | undefined): FuncDecl {
    const name = this.expectIdent();
    this.expect(':');
    return this.funcSignature(name, docs);
  }

  private funcSignature(name: string, docs: string | undefined): FuncDecl {
    this.eatKeyword('async');
    this.expectKeyword('func');
    const params: FuncDecl['params'] = [];
    this.expect('(');
    while (!this.eat(')')) {
      const paramName = this.expectIdent();
      this.expect(':');
      params.push({ name: paramName, type: this.typeExpr() });
      if (!this.eat(',')) {
        this.expect(')');
        break;
      }
    }
    let result: TypeExpr | undefined;
    if (this.eat('->')) {
      if (this.at('punct', '(')) this.fail(`named results are not supported (function '${name}')`);
      result = this.typeExpr();
    }
    this.expect(';');
    return result === undefined ? { name, docs, params } : { name, docs, params, result };
  }

  private typeExpr(): TypeExpr {
    const name = this.expectIdent();
    switch (name) {
      case 'list': {
        this.expect('<');
        const element = this.typeExpr();
        this.expect('>');
        return { kind: 'list', element };
      }
      case 'option': {
        this.expect('<');
        const inner = this.typeExpr();
        this.expect('>');
        return { kind: 'option', inner };
      }
      case 'result':
        return this.resultType();
      case 'tuple': {
        this.expect('<');
        const items: TypeExpr[] = [];
        while (!this.eat('>')) {
          items.push(this.typeExpr());
          if (!this.eat(',')) {
            this.expect('>');
            break;
          }
        }
        return { kind: 'tuple', items };
      }
      case 'own':
      case 'borrow': {
        this.expect('<');
        const resource = this.expectIdent();
        this.expect('>');
        return { kind: 'handle', mode: name, resource };
      }
      case 'future':
      case 'stream':
        if (this.at('punct', '<')) this.fail(`'${name}' types (WASI 0.3) are not supported`, -1);
        return { kind: 'named', name };
      default:
        return { kind: 'named', name };
    }
  }

  private resultType(): TypeExpr {
    if (!this.eat('<')) return { kind: 'result' };
    const ok = this.eat('_') ? undefined : this.typeExpr();
    const err = this.eat(',') ? this.typeExpr() : undefined;
    this.expect('>');
    const result: TypeExpr = { kind: 'result' };
    if (ok) result.ok = ok;
    if (err) result.err = err;
    return result;
  }

  private interfacePath(): InterfacePath {
    const first = this.expectIdent();
    if (!this.at('punct', ':')) return { interface: first };
    this.next();
    const name = this.expectIdent();
    this.expect('/');
    const iface = this.expectIdent();
    const version = this.optionalVersion();
    const pkg: PackageName = version === undefined ? { namespace: first, name } : { namespace: first, name, version };
    return { package: pkg, interface: iface };
  }

  private packageName(): PackageName {
    const namespace = this.expectIdent();
    this.expect(':');
    const name = this.expectIdent();
    const version = this.optionalVersion();
    return version === undefined ? { namespace, name } : { namespace, name, version };
  }

  private optionalVersion(): string | undefined {
    if (!this.at('punct', '@') || this.peek(1).kind !== 'version') return undefined;
    this.next();
    return this.next().text;
  }

  /** Collects the doc comments before an item and skips feature gates among them. */
  private docsAndGates(): string | undefined {
    const lines: string[] = [];
    for (;;) {
      const token = this.peek();
      if (token.kind === 'doc') {
        lines.push(...this.next().text.split('\n'));
      } else if (token.kind === 'punct' && token.text === '@' && this.peek(1).kind === 'ident') {
        this.next();
        this.next();
        if (this.at('punct', '(')) this.skipBalanced('(', ')');
      } else {
        break;
      }
    }
    return lines.length > 0 ? docText(lines) : undefined;
  }


  private skipBalanced(open: string, close: string): void {
    this.expect(open);
    let depth = 1;
    while (depth > 0) {
      const token = this.next();
      if (token.kind === 'eof') this.fail(`unbalanced '${open}'`, -1);
      if (token.kind === 'punct' && token.text === open) depth++;
      if (token.kind === 'punct' && token.text === close) depth--;
    }
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.pos + offset, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const token = this.peek();
    if (token.kind !== 'eof') this.pos++;
    return token;
  }

  private at(kind: Token['kind'], text?: string): boolean {
    const token = this.peek();
    return token.kind === kind && (text === undefined || token.text === text);
  }

  private isKeyword(word: string): boolean {
    return this.at('ident', word);
  }

  private eat(punct: string): boolean {
    if (!this.at('punct', punct)) return false;
    this.next();
    return true;
  }

  private eatKeyword(word: string): boolean {
    if (!this.isKeyword(word)) return false;
    this.next();
    return true;
  }

  private expect(punct: string): void {
    if (!this.eat(punct)) this.fail(`expected '${punct}', found ${describe(this.peek())}`);
  }

  private expectKeyword(word: string): void {
    if (!this.eatKeyword(word)) this.fail(`expected '${word}', found ${describe(this.peek())}`);
  }

  private expectIdent(): string {
    const token = this.peek();
    if (token.kind !== 'ident') this.fail(`expected a name, found ${describe(token)}`);
    return this.next().text;
  }

  private fail(message: string, offset = 0): never {
    const token = this.peek(offset);
    throw new WitSyntaxError(message, this.source, token.line, token.column);
  }
}

function emptyPackage(): PackageDecl {
  return { interfaces: [], worlds: [], interfaceAliases: [] };
}

function describe(token: Token): string {
  return token.kind === 'eof' ? 'end of file' : `'${token.text}'`;
}

/**
 * Doc lines as wit-parser joins them (`Docs::contents`, crates/wit-parser/src/ast/resolve.rs): the
 * leading whitespace every non-empty line shares is removed, lines are joined with `\n`, and
 * trailing empty lines are dropped. asterai shows exactly this text as a function's description.
 */
export function docText(lines: string[]): string {
  const indents = lines.filter((line) => line !== '').map((line) => /^\s*/.exec(line)![0].length);
  const indent = indents.length > 0 ? Math.min(...indents) : 0;
  return lines
    .map((line) => line.slice(Math.min(indent, /^\s*/.exec(line)![0].length)))
    .join('\n')
    .replace(/\n+$/, '');
}
