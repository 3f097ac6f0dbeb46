/**
 * The explorer's rows: the workspace's files as folders (their group, then the path segments of their
 * names), depth-first, folders before files, with collapsed folders' contents left out.
 */

/** What the tree needs of a file. */
export interface TreeFile {
  id: string;
  name: string;
  group: string;
}

export interface TreeRow {
  /** "folder:kit/nginx" or "file:<id>". */
  key: string;
  label: string;
  depth: number;
  folder: boolean;
  /** Folder path ("kit/nginx"), for collapsing. */
  path: string;
  fileId?: string;
  expanded?: boolean;
}

interface Node {
  folders: Map<string, Node>;
  files: TreeFile[];
}

const newNode = (): Node => ({ folders: new Map(), files: [] });

/** Rows for `files`; folders whose path is in `collapsed` show without their contents. */
export function treeRows(files: readonly TreeFile[], collapsed: ReadonlySet<string>): TreeRow[] {
  const root = newNode();
  for (const f of files) {
    const segments = [f.group, ...f.name.split("/").slice(0, -1)].filter(Boolean);
    let node = root;
    for (const s of segments) {
      let next = node.folders.get(s);
      if (!next) node.folders.set(s, (next = newNode()));
      node = next;
    }
    node.files.push(f);
  }
  const rows: TreeRow[] = [];
  const walk = (node: Node, prefix: string, depth: number) => {
    for (const [name, child] of node.folders) {
      const path = prefix ? `${prefix}/${name}` : name;
      const expanded = !collapsed.has(path);
      rows.push({ key: `folder:${path}`, label: name, depth, folder: true, path, expanded });
      if (expanded) walk(child, path, depth + 1);
    }
    for (const f of node.files) rows.push({ key: `file:${f.id}`, label: f.name.split("/").pop() ?? f.name, depth, folder: false, path: prefix, fileId: f.id });
  };
  walk(root, "", 0);
  return rows;
}
