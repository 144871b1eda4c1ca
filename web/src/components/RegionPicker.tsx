import { Cascader } from 'antd';
import { useMemo } from 'react';
import { api, unwrap } from '../api/client';
import { useLoad } from '../lib/useLoad';

interface Option {
  value: string;
  label: string;
  children?: Option[];
}

/** The union directory as province → city → district options (names without the "总工会" suffix). */
function toOptions(items: readonly { code: string; name: string; parentCode: string | null }[]): Option[] {
  const byParent = new Map<string | null, typeof items>();
  for (const item of items) byParent.set(item.parentCode, [...(byParent.get(item.parentCode) ?? []), item]);
  const build = (parent: string | null): Option[] | undefined => {
    const children = byParent.get(parent);
    return children?.map((item) => {
      const below = build(item.code);
      return { value: item.code, label: item.name.replace(/总工会$/, ''), ...(below ? { children: below } : {}) };
    });
  };
  const codes = new Set(items.map((item) => item.code));
  return items
    .filter((item) => item.parentCode === null || !codes.has(item.parentCode))
    .map((root) => {
      const below = build(root.code);
      return { value: root.code, label: root.name.replace(/总工会$/, ''), ...(below ? { children: below } : {}) };
    });
}

/** Path of codes from the root to `code`, for the Cascader's value. */
function pathTo(options: Option[], code: string): string[] | undefined {
  for (const option of options) {
    if (option.value === code) return [code];
    const below = option.children && pathTo(option.children, code);
    if (below) return [option.value, ...below];
  }
  return undefined;
}

export interface RegionPickerProps {
  readonly value?: string;
  readonly onChange?: (code: string | undefined) => void;
  readonly id?: string;
}

/** Where the work is done: a division code picked province → city → district from the union directory. */
export function RegionPicker({ value, onChange, id }: RegionPickerProps) {
  const unions = useLoad(() => unwrap(api().GET('/unions')), []);
  const options = useMemo(() => toOptions(unions.data?.items ?? []), [unions.data]);
  return (
    <Cascader
      id={id}
      aria-label="用工地区"
      options={options}
      loading={unions.loading}
      changeOnSelect
      placeholder="省 / 市 / 区县"
      value={value ? pathTo(options, value) : undefined}
      onChange={(path) => onChange?.(path?.at(-1) as string | undefined)}
      showSearch
      notFoundContent={unions.error ? '地区目录加载失败' : '无匹配地区'}
    />
  );
}
