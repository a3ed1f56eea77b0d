/** Data the item-page browser tests need: demo items picked from the database, and files generated on the spot. */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { type E2E, SCREENSHOTS } from './harness.ts';

export interface PickedItem {
  id: number;
  title: string;
  unitId: number;
  department: string;
  departmentUser: string;
  leader: string;
}

/** An item in the given state whose lead department has an account, with that account and the unit's leader. */
export async function pickItem(e2e: E2E, state: string, skip: number[] = []): Promise<PickedItem> {
  const rows = await e2e.handle.db
    .selectFrom('items as i')
    .innerJoin('units as d', 'd.id', 'i.lead_department_id')
    .innerJoin('users as du', (j) =>
      j.onRef('du.unit_id', '=', 'i.lead_department_id').on('du.role', '=', 'department'),
    )
    .innerJoin('users as lu', (j) => j.onRef('lu.unit_id', '=', 'i.unit_id').on('lu.role', '=', 'unit_leader'))
    .select([
      'i.id',
      'i.title',
      'i.unit_id',
      'd.name as department',
      'du.username as dept_user',
      'lu.username as leader',
    ])
    .where('i.state', '=', state)
    .where('i.deadline', 'is not', null)
    .orderBy('i.id')
    .execute();
  const row = rows.find((r) => !skip.includes(r.id));
  if (!row) throw new Error(`no demo item in state ${state} with a department account`);
  return {
    id: row.id,
    title: row.title,
    unitId: row.unit_id,
    department: row.department,
    departmentUser: row.dept_user,
    leader: row.leader,
  };
}

/** A valid one-page PDF, padded with comment lines to `padTo` bytes so an upload takes long enough to watch. */
export function makePdf(text: string, padTo = 0): Buffer {
  const head = '%PDF-1.4\n';
  const padding = padTo > 0 ? `${'%'.padEnd(99, 'x')}\n`.repeat(Math.ceil(padTo / 100)) : '';
  const stream = `BT /F1 28 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = head + padding;
  const offsets: number[] = [];
  for (const [i, o] of objects.entries()) {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  }
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) body += `${String(off).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** Slows the page's uploads so a progress bar has time to be seen (Chromium's own network throttling). */
export async function throttleUploads(page: Page, bytesPerSecond: number) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 20,
    downloadThroughput: -1,
    uploadThroughput: bytesPerSecond,
  });
  return () =>
    cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
}

/** Reads the dashboard totals through the page's own session, as the home page would. */
export async function totals(page: Page, unitId: number): Promise<{ closed: number; completed: number }> {
  return page.evaluate(async (id) => {
    const response = await fetch(`/api/dashboard/totals?unitId=${id}`, { credentials: 'same-origin' });
    return (await response.json()).counts;
  }, unitId);
}

/** What is on screen (not the full page) under test-results/: dialogs and drawers cover only the viewport. */
export async function viewShot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}
