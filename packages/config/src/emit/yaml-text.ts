/**
 * A small YAML writer for the manifests we emit: block mappings and sequences, every string double-quoted
 * with JSON syntax (valid YAML 1.2), so no value can be read as another type ("on", "1", "true").
 */

/** A value a manifest holds. */
export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue | undefined };

function scalar(value: string | number | boolean | null): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

function isEmpty(value: YamlValue): boolean {
  return (Array.isArray(value) && value.length === 0) || (typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 0);
}

function lines(value: YamlValue, indent: string): string[] {
  if (Array.isArray(value)) {
    return value.flatMap((item) => {
      if (typeof item !== "object" || item === null || isEmpty(item)) return [`${indent}- ${isEmpty(item as YamlValue) ? (Array.isArray(item) ? "[]" : "{}") : scalar(item as string)}`];
      const inner = lines(item, `${indent}  `);
      return [`${indent}- ${inner[0]!.trimStart()}`, ...inner.slice(1)];
    });
  }
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => {
      if (item === undefined) return [];
      const name = /^[A-Za-z_][A-Za-z0-9_.\/-]*$/.test(key) ? key : JSON.stringify(key);
      if (typeof item !== "object" || item === null) return [`${indent}${name}: ${scalar(item)}`];
      if (isEmpty(item)) return [`${indent}${name}: ${Array.isArray(item) ? "[]" : "{}"}`];
      return [`${indent}${name}:`, ...lines(item, Array.isArray(item) ? indent : `${indent}  `)];
    });
  }
  return [`${indent}${scalar(value)}`];
}

/** One YAML document per value, separated by `---`, with `comments` (one "# " line each) before each. */
export function toYamlDocuments(documents: { comments: string[]; value: YamlValue }[]): string {
  return documents.map((doc) => [...doc.comments.map((c) => `# ${c}`), ...lines(doc.value, "")].join("\n")).join("\n---\n") + "\n";
}
