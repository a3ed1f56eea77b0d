import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RESULT_LABEL_ZH } from '../../domain/result.ts';
import { lintNotice } from '../lint.ts';
import { parseNoticeText, readNoticeFile } from '../parse.ts';
import type { Block, GeneratedDocument } from './build.ts';
import { prng, randomSnapshot, writing } from './fixtures.ts';
import { buildDocument, renderDocument } from './index.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'rectify-roundtrip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What a reader of the generated notice should find in it, from the document model. */
function expectedSections(doc: GeneratedDocument) {
  const sections: {
    heading: string;
    items: { number: string; title: string; status: string; measure_count: number }[];
  }[] = [];
  for (const b of doc.blocks) {
    if (b.type === 'heading' && (b.level === 2 || b.number === '二、')) {
      sections.push({ heading: b.number + b.text, items: [] });
    } else if (b.type === 'item') {
      const item = b as Extract<Block, { type: 'item' }>;
      sections[sections.length - 1].items.push({
        number: String(item.number),
        title: `${item.withheld ? '【不宜公开】' : ''}${item.title}`,
        status: RESULT_LABEL_ZH[item.result],
        measure_count: item.measures.length,
      });
    }
  }
  // A part whose items sit under （一） headings is not itself a section.
  return sections.filter((s, i) => s.items.length > 0 || (i > 0 && !s.heading.startsWith('二、')));
}

function expectedTotals(doc: GeneratedDocument) {
  const t = doc.totals;
  const plain = t.problems === t.items && t.problems > 0 && t.aspects === 0;
  return {
    aspects: t.aspects > 0 ? t.aspects : null,
    problems: plain ? t.items : t.problems,
    refined_problems: plain ? null : t.items,
    completed: t.completed,
    partially_completed: t.partiallyCompleted,
    funds_recovered_yuan: t.fundsRecoveredYuan > 0 ? t.fundsRecoveredYuan : null,
    as_of: '2026-11-15',
  };
}

function randomCase(seed: number) {
  const rnd = prng(seed * 7919);
  const snapshot = randomSnapshot(seed, { withheldRate: rnd() * 0.3 });
  const w = writing({
    issuer: rnd() < 0.3 ? null : '中共江澜市交通运输局党组',
    organising: rnd() < 0.3 ? null : '局党组召开专题会议研究部署整改工作。\n\n实行台账管理、对账销号。',
    nextSteps: rnd() < 0.3 ? null : '持续推进整改。',
  });
  const publicVersion = rnd() < 0.7;
  const doc = buildDocument(snapshot, w, { kind: 'notice', publicVersion, today: '2026-11-20' });
  return { snapshot, doc, publicVersion };
}

describe('round trip: parse(generate(ledger)) over random ledgers', () => {
  it('gives back the structure, statuses, measure counts, stated totals and the notice facts (200 ledgers)', async () => {
    const seen = {
      aspects: 0,
      problemsOnly: 0,
      flat: 0,
      withheldLeftOut: 0,
      withheldListed: 0,
      noMeasures: 0,
      funds: 0,
    };
    for (let seed = 1; seed <= 200; seed++) {
      const { snapshot, doc, publicVersion } = randomCase(seed);
      const sectioned = doc.blocks.some((b) => b.type === 'heading' && b.level === 2);
      if (doc.totals.aspects > 0) seen.aspects++;
      else if (sectioned) seen.problemsOnly++;
      else seen.flat++;
      if (publicVersion && snapshot.items.some((i) => i.withheld)) seen.withheldLeftOut++;
      if (!publicVersion && doc.totals.withheld > 0) seen.withheldListed++;
      if (doc.totals.itemsWithoutMeasures > 0) seen.noMeasures++;
      if (doc.totals.fundsRecoveredYuan > 0) seen.funds++;
      const text = (await renderDocument(doc, 'txt')).toString('utf8');
      const parsed = parseNoticeText(text);
      const context = `seed ${seed}`;
      expect(parsed.title, context).toBe(doc.title);
      expect(parsed.issuer, context).toBe(doc.signature.signer);
      expect(parsed.issued_on, context).toBe('2026-11-20');
      expect(parsed.inspection, context).toEqual({
        team: '市委第一巡察组',
        round: '十届市委第一轮',
        from: '2026-03-10',
        to: '2026-05-10',
        feedback_on: '2026-07-01',
      });
      expect(parsed.publication_period, context).toEqual({ from: '2026-11-20', to: '2026-12-04' });
      expect(parsed.contacts, context).toEqual({
        phone: ['0571-88776655'],
        email: ['jtjzg@jianglan.gov.cn'],
        postal: '江澜市滨江路88号',
        postcode: '310000',
      });
      expect(parsed.has_next_steps_section, context).toBe(true);
      expect(
        parsed.sections.map((s) => ({
          heading: s.heading,
          items: s.items.map((i) => ({
            number: i.number,
            title: i.title,
            status: i.status,
            measure_count: i.measure_count,
          })),
        })),
        context,
      ).toEqual(expectedSections(doc));
      expect(parsed.stated_totals, context).toEqual(expectedTotals(doc));

      if (publicVersion) {
        expect(text, context).not.toContain('不宜公开');
        for (const it of snapshot.items.filter((i) => i.withheld)) expect(text, context).not.toContain(it.title);
        const listed = snapshot.items.filter((i) => !i.withheld).map((i) => i.title);
        const errors = lintNotice(text, { itemTitles: listed }).filter((f) => f.severity === 'error');
        expect(errors, context).toEqual([]);
      }
    }
    // The random ledgers reach every shape the generator handles.
    for (const [shape, count] of Object.entries(seen)) expect(count, shape).toBeGreaterThan(5);
  });

  it('reads the .docx back to the same notice as the text (every fifth ledger)', async () => {
    for (let seed = 5; seed <= 200; seed += 5) {
      const { doc } = randomCase(seed);
      const file = path.join(dir, `notice-${seed}.docx`);
      writeFileSync(file, await renderDocument(doc, 'docx'));
      const fromDocx = parseNoticeText(await readNoticeFile(file));
      const fromText = parseNoticeText((await renderDocument(doc, 'txt')).toString('utf8'));
      const { warnings: _w1, ...a } = fromDocx;
      const { warnings: _w2, ...b } = fromText;
      expect(a, `seed ${seed}`).toEqual(b);
    }
  });
});
