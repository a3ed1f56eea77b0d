import { describe, expect, it } from 'vitest';
import {
  AspectCorrespondence,
  checkMapping,
  mappingRows,
  type RepeatSide,
  repeatOf,
  suggestAspectMapping,
  VERY_SIMILAR_TITLE,
} from './recurrence.ts';
import { DEFAULT_THRESHOLD, shapeOf, titleSimilarity } from './similarity.ts';

const side = (roundId: number, aspectId: number | null, aspect: string | null, title: string): RepeatSide => ({
  roundId,
  aspectId,
  aspect,
  title: shapeOf(title),
});

// Round 1 named its aspects the old way; round 2 renamed them.
const OLD_DISCIPLINE = { id: 11, name: '二、落实全面从严治党主体责任方面存在的问题' };
const NEW_DISCIPLINE = { id: 21, name: '落实全面从严治党战略部署方面' };
const OLD_ORGANISATION = { id: 12, name: '三、落实党的组织路线方面存在的问题' };
const NEW_ORGANISATION = { id: 22, name: '落实新时代党的组织路线方面' };
const NEW_RECTIFICATION = { id: 23, name: '落实巡察、审计等监督发现问题整改方面' };

// A pair of titles the same problem reworded (0.58), and one pair very alike (0.85).
const RECEPTION_OLD = '公务接待审批管理不规范';
const RECEPTION_NEW = '公务接待管理不规范';
const FILES_OLD = '干部人事档案管理不够规范';
const FILES_NEW = '干部人事档案管理不规范';

const mapped = new AspectCorrespondence([
  { earlierRoundId: 1, laterRoundId: 2, earlierAspectId: OLD_DISCIPLINE.id, laterAspectId: NEW_DISCIPLINE.id },
  { earlierRoundId: 1, laterRoundId: 2, earlierAspectId: OLD_ORGANISATION.id, laterAspectId: null },
]);
const none = new AspectCorrespondence();

describe('the titles the rule is tested with', () => {
  it('sit where the tests need them', () => {
    const reworded = titleSimilarity(RECEPTION_OLD, RECEPTION_NEW);
    expect(reworded).toBeGreaterThanOrEqual(DEFAULT_THRESHOLD);
    expect(reworded).toBeLessThan(VERY_SIMILAR_TITLE);
    expect(titleSimilarity(FILES_OLD, FILES_NEW)).toBeGreaterThanOrEqual(VERY_SIMILAR_TITLE);
  });
});

describe('repeatOf', () => {
  const old = (aspect: { id: number; name: string }, title: string) => side(1, aspect.id, aspect.name, title);
  const now = (aspect: { id: number; name: string }, title: string) => side(2, aspect.id, aspect.name, title);

  it('finds a repeat under renamed aspects through the office mapping, and says so', () => {
    expect(repeatOf(old(OLD_DISCIPLINE, RECEPTION_OLD), now(NEW_DISCIPLINE, RECEPTION_NEW), mapped)).toEqual({
      similarity: 0.58,
      reason: { kind: 'mapped', earlierAspect: OLD_DISCIPLINE.name, laterAspect: NEW_DISCIPLINE.name },
    });
  });

  it('misses it without the mapping: the renamed aspects are not alike enough', () => {
    expect(repeatOf(old(OLD_DISCIPLINE, RECEPTION_OLD), now(NEW_DISCIPLINE, RECEPTION_NEW), none)).toBeNull();
  });

  it('counts aspects equal once numbering and the customary suffixes are gone, with or without a mapping', () => {
    const a = side(1, 31, '一、（一）1.党的领导方面存在的问题', RECEPTION_OLD);
    const b = side(2, 41, '党的领导', RECEPTION_NEW);
    for (const m of [none, mapped]) {
      expect(repeatOf(a, b, m)).toEqual({ similarity: 0.58, reason: { kind: 'same_aspect' } });
    }
    const c = side(2, 42, '（二）党的领导方面问题', RECEPTION_NEW);
    expect(repeatOf(a, c, mapped)?.reason).toEqual({ kind: 'same_aspect' });
  });

  it('counts the same aspect within a round, and an item without an aspect against any', () => {
    expect(repeatOf(side(2, 21, 'x', RECEPTION_OLD), side(2, 21, 'x', RECEPTION_NEW), none)?.reason.kind).toBe(
      'same_aspect',
    );
    expect(repeatOf(side(1, null, null, RECEPTION_OLD), now(NEW_DISCIPLINE, RECEPTION_NEW), mapped)?.reason.kind).toBe(
      'same_aspect',
    );
    expect(repeatOf(old(OLD_DISCIPLINE, RECEPTION_OLD), side(2, null, null, RECEPTION_NEW), mapped)?.reason.kind).toBe(
      'same_aspect',
    );
  });

  it('refuses similar titles under unrelated aspects once the office mapped the rounds', () => {
    // Round 1's discipline aspect was mapped to round 2's discipline, not to its rectification aspect.
    expect(repeatOf(old(OLD_DISCIPLINE, RECEPTION_OLD), now(NEW_RECTIFICATION, RECEPTION_NEW), mapped)).toBeNull();
    // Mapped to no counterpart at all.
    expect(repeatOf(old(OLD_ORGANISATION, RECEPTION_OLD), now(NEW_ORGANISATION, RECEPTION_NEW), mapped)).toBeNull();
  });

  it('keeps very similar titles a repeat whatever the aspects', () => {
    expect(repeatOf(old(OLD_DISCIPLINE, FILES_OLD), now(NEW_RECTIFICATION, FILES_NEW), mapped)).toEqual({
      similarity: 0.85,
      reason: { kind: 'title' },
    });
    expect(repeatOf(old(OLD_ORGANISATION, FILES_OLD), now(NEW_ORGANISATION, FILES_NEW), mapped)?.reason.kind).toBe(
      'title',
    );
  });

  it('falls back to alike aspect names only while the rounds have no saved mapping', () => {
    // 落实党的组织路线 / 落实新时代党的组织路线: alike (0.51).
    expect(repeatOf(old(OLD_ORGANISATION, RECEPTION_OLD), now(NEW_ORGANISATION, RECEPTION_NEW), none)).toEqual({
      similarity: 0.58,
      reason: { kind: 'similar_aspect', earlierAspect: OLD_ORGANISATION.name, laterAspect: NEW_ORGANISATION.name },
    });
    // A mapping saved between other rounds does not turn the fallback off.
    const elsewhere = new AspectCorrespondence([
      { earlierRoundId: 7, laterRoundId: 8, earlierAspectId: 1, laterAspectId: 2 },
    ]);
    expect(
      repeatOf(old(OLD_ORGANISATION, RECEPTION_OLD), now(NEW_ORGANISATION, RECEPTION_NEW), elsewhere)?.reason.kind,
    ).toBe('similar_aspect');
    // Nor does one saved the other way round (round 2 → round 1).
    const reversed = new AspectCorrespondence([
      { earlierRoundId: 2, laterRoundId: 1, earlierAspectId: 22, laterAspectId: null },
    ]);
    expect(
      repeatOf(old(OLD_ORGANISATION, RECEPTION_OLD), now(NEW_ORGANISATION, RECEPTION_NEW), reversed)?.reason.kind,
    ).toBe('similar_aspect');
  });

  it('never counts titles below the threshold, mapped or not, and honours a threshold given', () => {
    const unlike = repeatOf(
      old(OLD_DISCIPLINE, '公务接待管理不规范'),
      now(NEW_DISCIPLINE, '年轻干部培养储备不足'),
      mapped,
    );
    expect(unlike).toBeNull();
    expect(repeatOf(old(OLD_DISCIPLINE, RECEPTION_OLD), now(NEW_DISCIPLINE, RECEPTION_NEW), mapped, 0.6)).toBeNull();
    // A threshold above the very-similar bar raises that bar too.
    expect(repeatOf(old(OLD_DISCIPLINE, FILES_OLD), now(NEW_RECTIFICATION, FILES_NEW), mapped, 0.9)).toBeNull();
  });

  it('shares only stock words: not a repeat', () => {
    expect(repeatOf(old(OLD_DISCIPLINE, '落实不到位问题'), now(NEW_DISCIPLINE, '工作落实不到位'), mapped)).toBeNull();
  });
});

describe('suggestAspectMapping', () => {
  const later = [
    { id: 20, name: '学习贯彻习近平新时代中国特色社会主义思想和党中央决策部署方面' },
    NEW_DISCIPLINE,
    NEW_ORGANISATION,
    NEW_RECTIFICATION,
  ];

  it('suggests the same name after numbering and suffixes, then the most alike, then nothing', () => {
    const result = suggestAspectMapping(
      [
        { id: 10, name: '一、学习贯彻习近平新时代中国特色社会主义思想和党中央决策部署方面存在的问题' },
        OLD_DISCIPLINE,
        OLD_ORGANISATION,
        { id: 13, name: '四、巡察审计发现问题整改方面存在的问题' },
        { id: 14, name: '五、意识形态工作责任制' },
      ],
      later,
    );
    expect(result.map((p) => [p.earlierAspect.id, p.suggestion?.aspect.id ?? null, p.suggestion?.by ?? null])).toEqual([
      [10, 20, 'same_name'],
      [11, 21, 'similar'],
      [12, 22, 'similar'],
      [13, 23, 'similar'],
      [14, null, null],
    ]);
    expect(result[0].suggestion?.similarity).toBe(1);
    expect(result[1].suggestion?.similarity).toBeGreaterThan(0.35);
  });

  it('takes full-width numbering and brackets alike', () => {
    const [pair] = suggestAspectMapping([{ id: 1, name: '（二）　落实全面从严治党战略部署方面的问题' }], later);
    expect(pair.suggestion).toMatchObject({ aspect: { id: 21 }, by: 'same_name' });
  });

  it('suggests nothing against a round without aspects', () => {
    expect(suggestAspectMapping([OLD_DISCIPLINE], [])).toEqual([{ earlierAspect: OLD_DISCIPLINE, suggestion: null }]);
  });
});

describe('checkMapping and mappingRows', () => {
  const earlierIds = [11, 12];
  const laterIds = [21, 22, 23];

  it('accepts one-to-one, one-to-many and none', () => {
    const pairs = [
      { earlierAspectId: 11, laterAspectIds: [21, 23, 21] },
      { earlierAspectId: 12, laterAspectIds: [] },
    ];
    expect(checkMapping(1, 2, earlierIds, laterIds, pairs)).toBeNull();
    expect(mappingRows(1, 2, pairs)).toEqual([
      { earlierRoundId: 1, laterRoundId: 2, earlierAspectId: 11, laterAspectId: 21 },
      { earlierRoundId: 1, laterRoundId: 2, earlierAspectId: 11, laterAspectId: 23 },
      { earlierRoundId: 1, laterRoundId: 2, earlierAspectId: 12, laterAspectId: null },
    ]);
    expect(checkMapping(1, 2, earlierIds, laterIds, [])).toBeNull();
  });

  it('refuses a round mapped to itself', () => {
    expect(checkMapping(2, 2, laterIds, laterIds, [])).toEqual({ kind: 'same_round' });
  });

  it('refuses an aspect of another round on either side, and an earlier aspect given twice', () => {
    expect(checkMapping(1, 2, earlierIds, laterIds, [{ earlierAspectId: 21, laterAspectIds: [] }])).toEqual({
      kind: 'earlier_aspect_not_of_round',
      index: 0,
      aspectId: 21,
    });
    expect(
      checkMapping(1, 2, earlierIds, laterIds, [
        { earlierAspectId: 11, laterAspectIds: [21] },
        { earlierAspectId: 12, laterAspectIds: [22, 12] },
      ]),
    ).toEqual({ kind: 'later_aspect_not_of_round', index: 1, aspectId: 12 });
    expect(
      checkMapping(1, 2, earlierIds, laterIds, [
        { earlierAspectId: 11, laterAspectIds: [21] },
        { earlierAspectId: 11, laterAspectIds: [22] },
      ]),
    ).toEqual({ kind: 'duplicate_earlier_aspect', index: 1, aspectId: 11 });
  });
});
