import type { LedgerSnapshot, SnapshotItem } from '../../repositories/ledger-snapshot.repository.ts';
import { aspectFolder, itemFolder, NameRegistry, safeFileName, safeSegment } from './paths.ts';

export type SnapshotEvidence = SnapshotItem['evidence'][number];

export interface PlannedFile {
  evidence: SnapshotEvidence;
  /** Where it sits in the zip, e.g. `01 党的领导方面/3 动议酝酿…/会议纪要(2).pdf`. */
  path: string;
  /** The measure it was filed against, when it was. */
  measure: string | null;
  /** Not in the store (deleted or never copied over): listed in the index, left out of the zip. */
  missing: boolean;
}

export interface PlannedItem {
  item: SnapshotItem;
  aspect: string | null;
  problem: string | null;
  /** The item's number, or its position in the ledger when it has none. */
  label: string;
  /** With a trailing slash. */
  folder: string;
  files: PlannedFile[];
}

export interface BinderPlan {
  snapshot: LedgerSnapshot;
  items: PlannedItem[];
}

export const UNSORTED_FOLDER = '00 其他问题';

/** Lays out the binder's folders and file names from a snapshot: pure, so names can be checked without a zip. */
export function planBinder(snapshot: LedgerSnapshot, isMissing: (sha256: string) => boolean): BinderPlan {
  const aspectNames = new Map(snapshot.aspects.map((a) => [a.id, a.name]));
  const aspectFolders = new Map(snapshot.aspects.map((a, i) => [a.id, aspectFolder(i + 1, a.name)]));
  const problemTitles = new Map(snapshot.problems.map((p) => [p.id, p.title]));
  const itemFoldersIn = new Map<string, NameRegistry>();
  const items = snapshot.items.map((item, index): PlannedItem => {
    const parent = (item.aspectId !== null && aspectFolders.get(item.aspectId)) || UNSORTED_FOLDER;
    const label = item.number?.trim() || String(index + 1);
    const siblings = itemFoldersIn.get(parent) ?? new NameRegistry();
    itemFoldersIn.set(parent, siblings);
    const folder = `${parent}/${siblings.claim(itemFolder(label, item.title))}/`;
    const names = new NameRegistry();
    const measures = new Map(item.measures.map((m) => [m.id, m.content]));
    const files = item.evidence.map((evidence): PlannedFile => {
      const missing = isMissing(evidence.sha256);
      return {
        evidence,
        path: `${folder}${names.claim(safeFileName(evidence.fileName))}`,
        measure: evidence.measureId === null ? null : (measures.get(evidence.measureId) ?? null),
        missing,
      };
    });
    return {
      item,
      aspect: item.aspectId === null ? null : (aspectNames.get(item.aspectId) ?? null),
      problem: item.problemId === null ? null : (problemTitles.get(item.problemId) ?? null),
      label,
      folder,
      files,
    };
  });
  return { snapshot, items };
}

export function binderFileName(unit: string, exportedOn: string): string {
  return `${safeSegment(unit, 40, '')}整改资料册${exportedOn.replaceAll('-', '')}.zip`;
}
