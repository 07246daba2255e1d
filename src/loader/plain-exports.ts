/**
 * esbuild turns a TypeScript module's `export`s into CommonJS getters, to keep ES modules' live
 * bindings:
 *
 *     var rev_exports = {};
 *     __export(rev_exports, {
 *       downgrade: () => downgrade,
 *       upgrade: () => upgrade
 *     });
 *     module.exports = __toCommonJS(rev_exports);
 *
 * Defining and copying those getters costs some 25 µs per module the first (and only) time each
 * body runs: 3% of applying 1,000 revisions. Most revisions export bindings that never change
 * (`const` and function declarations never assigned to) and import no relative module, so no
 * cycle can observe their exports before their body has run. Such a module's code is rewritten to
 * assign its exports as plain properties once its body has run: every reader sees the same values
 * (only the property descriptors differ: writable data instead of getters). Anything else keeps
 * esbuild's code unchanged.
 *
 * The rewrite keeps every line where it was, so stack traces and source lines still match.
 */
export function plainExports(code: string): string {
  const prelude = EXPORT_PRELUDE.exec(code);
  if (prelude === null) return code;
  const [text, namespace, entries] = prelude as unknown as [string, string, string];
  // The namespace object must not be used anywhere else (`export * from` re-exports into it).
  if (code.split(namespace).length - 1 !== 3) return code;
  // A module that requires a relative module could be part of a require cycle.
  if (RELATIVE_REQUIRE.test(code)) return code;

  const exported: { readonly name: string; readonly local: string }[] = [];
  for (const line of entries.trimEnd().split('\n')) {
    const entry = EXPORT_ENTRY.exec(line);
    if (entry === null) return code;
    exported.push({ name: entry[1]!, local: entry[2]! });
  }
  // What the checks read: the code without the prelude and esbuild's dead `0 && (…)` annotation.
  const rest = code.slice(0, prelude.index) + code.slice(prelude.index + text.length).replace(ANNOTATION, '');
  if (!exported.every(({ local }) => neverChanges(rest, local))) return code;

  const lines = text.split('\n').length;
  const replacement = `Object.defineProperty(exports, "__esModule", { value: true });${'\n'.repeat(lines - 1)}`;
  const assignments = exported.map(({ name, local }) => `exports.${name} = ${local};`).join(' ');
  const start = prelude.index;
  return `${code.slice(0, start)}${replacement}${code.slice(start + text.length)}\n${assignments}`;
}

const EXPORT_PRELUDE =
  /^var ([A-Za-z_$][\w$]*) = \{\};\n__export\(\1, \{\n((?: {2}[A-Za-z_$][\w$]*: \(\) => [A-Za-z_$][\w$]*,?\n)+)\}\);\nmodule\.exports = __toCommonJS\(\1\);$/m;

const EXPORT_ENTRY = /^ {2}([A-Za-z_$][\w$]*): \(\) => ([A-Za-z_$][\w$]*),?$/;

const RELATIVE_REQUIRE = /\brequire\((["'])\.{1,2}\//;

const ANNOTATION =
  /^\/\/ Annotate the CommonJS export names for ESM import in node:\n0 && \(module\.exports = \{[^}]*\}\);$/m;

/**
 * Whether the binding `local` can never change: declared once at the top level, by `const` (any
 * assignment would throw) or as a function that the code only ever calls. Anything the check
 * cannot tell (the function passed around as a value, say) keeps esbuild's getters.
 */
function neverChanges(code: string, local: string): boolean {
  const name = local.replace(/\$/g, '\\$');
  const declarations = code.match(
    new RegExp(`^(?:const|let|var|class|(?:async )?function\\*?) ?${name}(?![\\w$])`, 'gm'),
  );
  if (declarations?.length !== 1) return false;
  if (declarations[0]!.startsWith('const ')) return true;
  if (!/function/.test(declarations[0]!)) return false;
  // Every mention of the name is a call (or the declaration itself): never an assignment target.
  const mentions = code.match(new RegExp(`(?<![\\w$.])${name}(?![\\w$])\\s*\\(?`, 'g')) ?? [];
  return mentions.every((mention) => mention.endsWith('('));
}
