/**
 * How alike two problem titles are, and which titles of a round form one common problem (举一反三).
 *
 * Titles are compared as sets of character bigrams: Chinese has no spaces, and bigrams survive the reorderings and
 * small insertions that different units' feedback uses for the same problem ("公务用车管理不规范" / "公务用车使用管理不规范").
 * The stock words of feedback (问题, 不到位, 不规范, …) are kept but weigh little: two titles sharing only "不规范" are
 * different problems.
 */

/** Phrases that appear in almost every feedback title; their bigrams count for STOCK_WEIGHT of an ordinary bigram. */
export const STOCK_WORDS = [
  '问题',
  '存在',
  '方面',
  '不到位',
  '不规范',
  '不严格',
  '不严',
  '不够',
  '不力',
  '不足',
  '不完善',
  '不健全',
  '不及时',
  '不扎实',
  '有差距',
  '有待加强',
  '有待提高',
  '较多',
  '薄弱',
  '落实',
  '工作',
  '情况',
] as const;
export const STOCK_WEIGHT = 0.25;
/** Titles at least this similar are the same problem; chosen on the pairs in similarity.test.ts. */
export const DEFAULT_THRESHOLD = 0.45;
/** Longer titles are cut: a paragraph pasted as a title would otherwise cost as much as hundreds of titles. */
export const MAX_TITLE_CHARS = 200;

const STOCK_BIGRAMS: ReadonlySet<string> = new Set(STOCK_WORDS.flatMap((w) => bigramsOf(w)));
const LEADING_NUMBERING = /^(?:[（(]?[一二三四五六七八九十百\d０-９]+[）)、.．]|[①-⑳])+/u;
const NOT_CONTENT = /[^\p{Script=Han}\p{L}\p{N}]/gu;

/** Full-width letters and digits folded (NFKC), case folded, punctuation, spaces and leading 一、/（二）/3. removed. */
export function normaliseTitle(title: string): string {
  // Numbering goes before NFKC, which would turn ① into a bare 1 that reads as part of the title.
  const unnumbered = title.trim().replace(LEADING_NUMBERING, '');
  return unnumbered.normalize('NFKC').toLowerCase().replace(NOT_CONTENT, '').slice(0, MAX_TITLE_CHARS);
}

function bigramsOf(text: string): string[] {
  const chars = Array.from(text);
  if (chars.length === 1) return chars;
  const out: string[] = [];
  for (let k = 0; k + 1 < chars.length; k++) out.push(chars[k] + chars[k + 1]);
  return out;
}

/** A title ready for comparison: its distinct bigrams and their total weight. */
export interface TitleShape {
  normalised: string;
  bigrams: ReadonlySet<string>;
  weight: number;
}

export const bigramWeight = (bigram: string) => (STOCK_BIGRAMS.has(bigram) ? STOCK_WEIGHT : 1);

export function shapeOf(title: string): TitleShape {
  const normalised = normaliseTitle(title);
  const bigrams = new Set(bigramsOf(normalised));
  let weight = 0;
  for (const b of bigrams) weight += bigramWeight(b);
  return { normalised, bigrams, weight };
}

/** Weighted Jaccard of the bigram sets, 0 … 1; two empty titles are not alike (nothing says they are the same problem). */
export function shapeSimilarity(a: TitleShape, b: TitleShape): number {
  if (a.weight === 0 || b.weight === 0) return 0;
  if (a.normalised === b.normalised) return 1;
  const [small, large] = a.bigrams.size <= b.bigrams.size ? [a, b] : [b, a];
  let shared = 0;
  for (const g of small.bigrams) if (large.bigrams.has(g)) shared += bigramWeight(g);
  return shared / (a.weight + b.weight - shared);
}

export function titleSimilarity(a: string, b: string): number {
  return shapeSimilarity(shapeOf(a), shapeOf(b));
}

export const isSimilar = (a: string, b: string, threshold = DEFAULT_THRESHOLD) => titleSimilarity(a, b) >= threshold;

export interface GroupInput<K> {
  key: K;
  /** Titles are only grouped with titles of the same block (the aspect); null is a block of its own. */
  block: string | number | null;
  title: string;
}

export interface SimilarGroup<K> {
  block: string | number | null;
  /** The member title most like the others: the group's name. */
  label: string;
  keys: K[];
}

/** How many distinct titles the centrality of a big group is measured against; enough to find a typical one. */
const CENTRALITY_SAMPLE = 64;

/**
 * Groups similar titles within each block. Distinct titles are taken most frequent first; each joins the group whose
 * leading title it is most like (at or above the threshold), or leads a new group. Comparing with leaders rather than
 * with every member keeps a chain of small steps from pulling unrelated problems into one group. Candidate leaders come
 * from an inverted index of their ordinary bigrams, so titles sharing no meaningful bigram are never compared, and
 * identical titles are compared once. Groups of one item are left out.
 */
export function groupSimilar<K>(inputs: GroupInput<K>[], threshold = DEFAULT_THRESHOLD): SimilarGroup<K>[] {
  const blocks = new Map<string | number | null, Map<string, DistinctTitle<K>>>();
  for (const input of inputs) {
    const shape = shapeOf(input.title);
    if (shape.weight === 0) continue;
    let titles = blocks.get(input.block);
    if (!titles) {
      titles = new Map();
      blocks.set(input.block, titles);
    }
    const same = titles.get(shape.normalised);
    if (same) same.keys.push(input.key);
    else titles.set(shape.normalised, { shape, title: input.title, keys: [input.key] });
  }
  const groups: SimilarGroup<K>[] = [];
  for (const [block, titles] of blocks) {
    const distinct = [...titles.values()].sort(
      (a, b) => b.keys.length - a.keys.length || (a.shape.normalised < b.shape.normalised ? -1 : 1),
    );
    const leaders: DistinctTitle<K>[][] = [];
    const postings = new Map<string, number[]>();
    for (const title of distinct) {
      let best = -1;
      let bestSimilarity = threshold;
      const seen = new Set<number>();
      for (const g of title.shape.bigrams) {
        for (const leader of postings.get(g) ?? []) {
          if (seen.has(leader)) continue;
          seen.add(leader);
          const similarity = shapeSimilarity(title.shape, leaders[leader][0].shape);
          if (similarity >= bestSimilarity && (similarity > bestSimilarity || best === -1)) {
            best = leader;
            bestSimilarity = similarity;
          }
        }
      }
      if (best >= 0) {
        leaders[best].push(title);
        continue;
      }
      const index = leaders.push([title]) - 1;
      for (const g of title.shape.bigrams) {
        if (STOCK_BIGRAMS.has(g)) continue;
        const list = postings.get(g);
        if (list) list.push(index);
        else postings.set(g, [index]);
      }
    }
    for (const members of leaders) {
      const keys = members.flatMap((t) => t.keys);
      if (keys.length < 2) continue;
      groups.push({ block, label: centralTitle(members), keys });
    }
  }
  return groups;
}

interface DistinctTitle<K> {
  shape: TitleShape;
  title: string;
  keys: K[];
}

/** The title with the highest mean similarity to the group's titles, each weighed by how many items carry it. */
function centralTitle<K>(titles: DistinctTitle<K>[]): string {
  if (titles.length === 1) return titles[0].title;
  const sample = [...titles].sort((a, b) => b.keys.length - a.keys.length).slice(0, CENTRALITY_SAMPLE);
  let best = sample[0];
  let bestScore = -1;
  for (const candidate of sample) {
    let score = 0;
    for (const other of sample) score += shapeSimilarity(candidate.shape, other.shape) * other.keys.length;
    if (score > bestScore || (score === bestScore && candidate.title.length < best.title.length)) {
      best = candidate;
      bestScore = score;
    }
  }
  return best.title;
}
