import { describe, expect, it } from 'vitest';
import {
  answerScore,
  checkAnswer,
  finalScore,
  QUESTION_KEYS,
  REMARK_MAX,
  SATISFACTION_LEVELS,
  type SatisfactionAnswer,
  type SatisfactionLevel,
  summarize,
  weightProblem,
} from './satisfaction.ts';

const all = (level: SatisfactionLevel): SatisfactionAnswer =>
  Object.fromEntries(QUESTION_KEYS.map((k) => [k, level])) as SatisfactionAnswer;

describe('satisfaction questionnaire', () => {
  it('accepts every combination of levels, with or without a remark', () => {
    for (const overall of SATISFACTION_LEVELS)
      for (const effect of SATISFACTION_LEVELS)
        for (const openness of SATISFACTION_LEVELS)
          for (const change of SATISFACTION_LEVELS) {
            const r = checkAnswer({ overall, effect, openness, change, remark: '  好  ' });
            expect(r.problems).toEqual([]);
            expect(r.value).toEqual({ answer: { overall, effect, openness, change }, remark: '好' });
            const s = answerScore({ overall, effect, openness, change });
            expect(s).toBeGreaterThanOrEqual(0);
            expect(s).toBeLessThanOrEqual(100);
          }
    expect(checkAnswer({ ...all('basic'), remark: '   ' }).value?.remark).toBeNull();
  });

  it('refuses a missing or unknown level and a long or control-character remark, naming each field', () => {
    expect(checkAnswer({}).problems.map((p) => [p.field, p.code])).toEqual(QUESTION_KEYS.map((k) => [k, 'required']));
    expect(checkAnswer({ ...all('satisfied'), effect: 'great' }).problems).toEqual([
      { field: 'effect', code: 'unknown_level' },
    ]);
    expect(checkAnswer({ ...all('satisfied'), overall: 3 }).problems[0].code).toBe('unknown_level');
    expect(checkAnswer({ ...all('satisfied'), remark: '字'.repeat(REMARK_MAX + 1) }).problems).toEqual([
      { field: 'remark', code: 'too_long' },
    ]);
    expect(checkAnswer({ ...all('satisfied'), remark: '字'.repeat(REMARK_MAX) }).problems).toEqual([]);
    expect(checkAnswer({ ...all('satisfied'), remark: 'a\u0007b' }).problems[0].code).toBe('control_characters');
    expect(checkAnswer({ ...all('satisfied'), remark: '第一行\n第二行' }).problems).toEqual([]);
  });

  it('scores an answer: overall half, the other questions the other half (100 / 60 / 0)', () => {
    expect(answerScore(all('satisfied'))).toBe(100);
    expect(answerScore(all('basic'))).toBe(60);
    expect(answerScore(all('dissatisfied'))).toBe(0);
    expect(answerScore({ ...all('dissatisfied'), overall: 'satisfied' })).toBe(50);
    expect(answerScore({ ...all('satisfied'), overall: 'dissatisfied' })).toBe(50);
    expect(answerScore({ overall: 'satisfied', effect: 'basic', openness: 'dissatisfied', change: 'satisfied' })).toBe(
      50 + (100 + 60 + 0) / 3 / 2,
    );
  });

  it('summarizes: counts per question and level, mean score to one decimal, null with no answers', () => {
    expect(summarize([])).toMatchObject({ answers: 0, score: null });
    const s = summarize([all('satisfied'), all('basic'), all('dissatisfied')]);
    expect(s.answers).toBe(3);
    expect(s.score).toBe(53.3);
    expect(s.counts.overall).toEqual({ satisfied: 1, basic: 1, dissatisfied: 1 });
    expect(summarize([all('satisfied'), all('satisfied')]).score).toBe(100);
  });

  it('the weight lies in 0 … 0.5', () => {
    for (const w of [0, 0.1, 0.25, 0.5]) expect(weightProblem(w)).toBeNull();
    for (const w of [-0.1, 0.51, 1, Number.NaN, Number.POSITIVE_INFINITY]) expect(weightProblem(w)).not.toBeNull();
    expect(() => finalScore(90, 80, 0.6)).toThrow(RangeError);
  });

  it('final = checklist × (1 − w) + satisfaction × w, to one decimal, graded on the final', () => {
    expect(finalScore(90, 100, 0.1)).toEqual({
      checklist: 90,
      satisfaction: 100,
      weight: 0.1,
      applied: 0.1,
      score: 91,
      grade: 'good',
    });
    expect(finalScore(92, 40, 0.1)).toMatchObject({ score: 86.8, grade: 'fairly_good' });
    expect(finalScore(80, 0, 0.5)).toMatchObject({ score: 40, grade: 'poor' });
    expect(finalScore(88.5, 53.3, 0.1)).toMatchObject({ score: 85, grade: 'fairly_good' });
    expect(finalScore(75, 100, 0)).toMatchObject({ score: 75, applied: 0, grade: 'average' });
  });

  it('with no answers the satisfaction does not count: the checklist score and grade stand', () => {
    for (const c of [100, 90, 89.5, 80, 79.5, 60, 59.5, 0]) {
      const f = finalScore(c, null, 0.1);
      expect(f.score).toBe(c);
      expect(f.applied).toBe(0);
    }
    expect(finalScore(89.5, null, 0.5).grade).toBe('fairly_good');
  });

  it('grades every final score on the bands (90 / 80 / 60)', () => {
    for (let c = 0; c <= 100; c += 0.5)
      for (const s of [0, 50, 100]) {
        const f = finalScore(c, s, 0.2);
        const expected = f.score >= 90 ? 'good' : f.score >= 80 ? 'fairly_good' : f.score >= 60 ? 'average' : 'poor';
        expect(f.grade).toBe(expected);
      }
  });
});
