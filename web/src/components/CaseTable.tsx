import { Table, Tag, type TableColumnsType } from 'antd';
import { Link } from 'react-router';
import type { CaseRow } from '../api/client';
import { PRIORITY_LABELS } from '../lib/labels';
import { chinaTime } from '../lib/time';
import { DeadlineClock } from './Clock';
import { Money } from './Money';
import { TAG_COLORS } from './tag-colors';

const PRIORITY_COLORS = { urgent: TAG_COLORS.red, priority: TAG_COLORS.orange, ordinary: 'default' } as const;

export function PriorityTag({ priority }: { priority: CaseRow['priority'] }) {
  return <Tag color={PRIORITY_COLORS[priority]}>{PRIORITY_LABELS[priority]}</Tag>;
}

export interface CaseTableProps {
  readonly cases: readonly CaseRow[] | undefined;
  readonly loading?: boolean;
  readonly empty: string;
  /** Extra columns (e.g. a claim button) after the standard ones. */
  readonly actions?: TableColumnsType<CaseRow>;
  readonly showClock?: boolean;
}

/** The case list every role reads: number (to the case page), what, who, money, status and the running clock. */
export function CaseTable({ cases, loading, empty, actions = [], showClock = true }: CaseTableProps) {
  const columns: TableColumnsType<CaseRow> = [
    {
      title: '案件编号',
      dataIndex: 'caseNumber',
      render: (number: string, row) => <Link to={`/case/${row.caseId}`}>{number}</Link>,
    },
    { title: '优先级', dataIndex: 'priority', render: (priority: CaseRow['priority']) => <PriorityTag priority={priority} /> },
    { title: '类别', dataIndex: 'categoryLabel' },
    { title: '申请人', render: (_, row) => row.complainant.name },
    { title: '用人单位', render: (_, row) => row.employer?.name ?? '—' },
    { title: '人数', dataIndex: 'workersInvolved', align: 'right' },
    { title: '请求金额（元）', align: 'right', render: (_, row) => <Money fen={row.amountClaimedFen} /> },
    { title: '状态', dataIndex: 'statusLabel' },
    { title: '登记时间', dataIndex: 'registeredAt', render: (at: string) => chinaTime(at) },
    ...(showClock
      ? [
          {
            title: '时限',
            key: 'clock',
            render: (_: unknown, row: CaseRow) => <DeadlineClock deadline={row.currentClock} />,
          },
        ]
      : []),
    ...actions,
  ];
  return (
    <Table<CaseRow>
      rowKey="caseId"
      size="middle"
      columns={columns}
      dataSource={cases ? [...cases] : []}
      loading={loading}
      pagination={false}
      locale={{ emptyText: empty }}
      scroll={{ x: 'max-content' }}
    />
  );
}
