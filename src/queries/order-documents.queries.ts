import type { CommandContext } from '../context.ts';
import type { OrderNotice } from '../notices/generate/supervision-notice.ts';
import { authorizeOrder } from '../policies/authorize.ts';
import type { SupervisionOrder } from '../repositories/supervision.repository.ts';
import { itemsOfSending, listOrderFiles, type OrderFile } from '../repositories/supervision-documents.repository.ts';

// Issue 15 (督办 as documents): reads of an order's documents, each after the order's own authorisation.

type ShownFile = Omit<OrderFile, 'sha256'>;

/** Orders with the files of their answers (the stored files' addresses are not sent). */
export async function withOrderFiles(
  ctx: CommandContext,
  orders: SupervisionOrder[],
): Promise<(SupervisionOrder & { files: ShownFile[] })[]> {
  const files = await listOrderFiles(
    ctx.db,
    orders.map((o) => o.id),
  );
  const byOrder = new Map<number, ShownFile[]>();
  for (const { sha256: _sha, ...f } of files) byOrder.set(f.orderId, [...(byOrder.get(f.orderId) ?? []), f]);
  return orders.map((o) => ({ ...o, files: byOrder.get(o.id) ?? [] }));
}

/**
 * What the 督办通知书 of an order prints: its 文号, the unit, what is asked, by when, the items its sending names for
 * that unit, the issuer (the configured office) and the date of sending. Whoever sees the order may print it.
 */
export async function orderNoticeOf(ctx: CommandContext, id: number): Promise<OrderNotice> {
  const order = await authorizeOrder(ctx, id, 'read');
  const items = await itemsOfSending(ctx.db, order.batch, order.unitId);
  return {
    docNumber: order.docNumber,
    issuer: ctx.config.orderIssuer,
    unit: order.unit,
    title: order.title,
    content: order.content,
    dueOn: order.dueOn,
    issuedOn: order.issuedOn,
    items,
    recalled: order.status === 'recalled',
  };
}
