import { describe, expect, it } from 'vitest';
import { ORDER_STATUSES, orderEditable, orderFilesOpen } from './supervision.ts';

describe('what an order allows in each status (issue 15)', () => {
  it.each(ORDER_STATUSES)('%s', (status) => {
    // Edited or recalled only before any answer; files go with an answer while the unit may still answer.
    expect(orderEditable(status)).toBe(status === 'open');
    expect(orderFilesOpen(status)).toBe(status === 'open' || status === 'returned');
  });
});
