import { describe, expect, it } from 'vitest';
import { responsibleName, responsibleNames, responsibleToStore } from './people.ts';

describe('responsibleName', () => {
  it.each([
    // [what is stored, the account's name now, printed]
    [{ personId: 7, personName: null }, '王晓东', '王晓东'],
    [{ personId: 7, personName: '' }, '王晓东', '王晓东'],
    [{ personId: null, personName: '张某某（分管副局长）' }, null, '张某某（分管副局长）'],
    [{ personId: 7, personName: '王晓东（办公室主任）' }, '王晓东', '王晓东（办公室主任）'],
    [{ personId: null, personName: '  李华 ' }, null, '李华'],
    [{ personId: null, personName: null }, null, null],
    [{ personId: null, personName: '   ' }, null, null],
    // An account not loaded here (no join) still prints what was written, and nothing rather than a number.
    [{ personId: 7, personName: null }, undefined, null],
  ] as const)('%o with account name %s prints %s', (stored, accountName, printed) => {
    expect(responsibleName({ ...stored, accountName })).toBe(printed);
  });
});

describe('responsibleToStore', () => {
  it.each([
    [{}, {}],
    [{ personId: 7 }, { personId: 7, personName: null }],
    [
      { personId: 7, personName: '王晓东（办公室主任）' },
      { personId: 7, personName: '王晓东（办公室主任）' },
    ],
    [{ personName: '张某某（分管副局长）' }, { personId: null, personName: '张某某（分管副局长）' }],
    [{ personName: ' 张某某 ' }, { personId: null, personName: '张某某' }],
    [{ personName: null }, { personName: null }],
    [{ personName: '  ' }, { personName: null }],
    [{ personId: null }, { personId: null, personName: null }],
    [
      { personId: null, personName: '李华' },
      { personId: null, personName: '李华' },
    ],
  ] as const)('%o stores %o', (input, stored) => {
    expect(responsibleToStore(input)).toEqual(stored);
  });

  it('stores what then prints as the form showed it', () => {
    const account = responsibleToStore({ personId: 7 });
    expect(responsibleName({ personId: 7, personName: null, ...account, accountName: '王晓东' })).toBe('王晓东');
    const text = responsibleToStore({ personName: '张某某（分管副局长）' });
    expect(responsibleName({ personId: 7, personName: null, ...text, accountName: '王晓东' })).toBe(
      '张某某（分管副局长）',
    );
  });
});

describe('responsibleNames', () => {
  it('lists each named person once, in measure order', () => {
    expect(
      responsibleNames([
        { personId: 7, personName: null, accountName: '王晓东' },
        { personId: null, personName: null },
        { personId: null, personName: '张某某（分管副局长）' },
        { personId: 7, personName: null, accountName: '王晓东' },
      ]),
    ).toEqual(['王晓东', '张某某（分管副局长）']);
  });
});
