import { fenToYuan } from '../lib/money';

/** An amount in fen shown as yuan. */
export function Money({ fen }: { fen: number | undefined }) {
  return <span className="money">{fen === undefined ? '—' : `¥${fenToYuan(fen)}`}</span>;
}
