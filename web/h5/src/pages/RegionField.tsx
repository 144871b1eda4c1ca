import { Cascader } from 'antd-mobile';
import { useState } from 'react';
import regions from '../regions.json';

export const REGIONS: { value: string; label: string; children?: { value: string; label: string }[] }[] = regions;

/** Names of a cascade path: ['210000', '210100', '210103'] → 辽宁省 沈阳市 沈河区. */
export function regionLabel(path: readonly string[] | undefined): string | undefined {
  if (!path || path.length === 0) return undefined;
  const names: string[] = [];
  let level: typeof REGIONS | undefined = REGIONS;
  for (const code of path) {
    const option: (typeof REGIONS)[number] | undefined = level?.find((candidate) => candidate.value === code);
    if (!option) break;
    names.push(option.label);
    level = option.children;
  }
  return names.join(' ');
}

/**
 * The region picker as a real button (focusable, announced, a large target)
 * that opens antd-mobile's cascade; Form.Item hands it value and onChange.
 */
export function RegionField({ id, value, onChange }: { id?: string; value?: string[]; onChange?: (value: string[]) => void }) {
  const [visible, setVisible] = useState(false);
  const label = regionLabel(value);
  return (
    <>
      <button
        id={id}
        type="button"
        // Named with its value: a label[for] alone would hide what was picked from a screen reader.
        aria-label={`在哪里工作：${label ?? '请选择省、市、区县'}`}
        className={`picker-button${label ? '' : ' placeholder'}`}
        onClick={() => setVisible(true)}
      >
        {label ?? '请选择省、市、区县'}
      </button>
      <Cascader
        title="工作地点"
        options={REGIONS}
        visible={visible}
        value={value ?? []}
        onClose={() => setVisible(false)}
        onConfirm={(picked) => onChange?.(picked.filter((code): code is string => typeof code === 'string'))}
      />
    </>
  );
}
