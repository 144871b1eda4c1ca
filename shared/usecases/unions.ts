import type { Dependencies } from './dependencies.js';

export interface UnionEntry {
  readonly code: string;
  readonly name: string;
  readonly parentCode: string | null;
}

/** The directory as a flat list, each union after its parent (roots first), for pickers. */
export async function listUnions(deps: Pick<Dependencies, 'unions'>): Promise<UnionEntry[]> {
  const directory = await deps.unions.directory();
  const roots = directory.all().filter((union) => union.parentCode === null || !directory.get(union.parentCode));
  return roots
    .flatMap((root) => directory.subtreeOf(root.code))
    .map((code) => directory.get(code)!)
    .map(({ code, name, parentCode }) => ({ code, name, parentCode }));
}
