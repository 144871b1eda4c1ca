import { Input } from 'antd';
import type { Rule } from 'antd/es/form';
import { yuanToFen } from '../lib/money';

/** A yuan amount typed as text (converted to fen exactly on submit, see lib/money). */
export function YuanInput(props: {
  id?: string;
  value?: string;
  onChange?: (event: React.ChangeEvent<HTMLInputElement>) => void;
}) {
  return <Input {...props} inputMode="decimal" prefix="¥" suffix="元" />;
}

export const yuanRule: Rule = {
  validator: async (_, value?: string) => {
    if (value && yuanToFen(value) === undefined) throw new Error('请输入金额，如 36000 或 1234.50（最多两位小数）');
  },
};

/** `{ [key]: fen }` when an amount was typed, else nothing: optional amounts stay absent. */
export function fenField<K extends string>(key: K, typed: string | undefined): Partial<Record<K, number>> {
  const fen = typed ? yuanToFen(typed) : undefined;
  return fen === undefined ? {} : ({ [key]: fen } as Record<K, number>);
}
