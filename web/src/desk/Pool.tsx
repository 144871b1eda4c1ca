import { App, Button, Card, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api, unwrap, type CaseRow } from '../api/client';
import { ApiError, messageOf } from '../api/errors';
import { CaseTable } from '../components/CaseTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { byUrgency } from '../lib/urgency';
import { useLoad } from '../lib/useLoad';

/** 待认领: the pool, most urgent first, contact details masked until claimed; one click claims. */
export default function Pool() {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const pool = useLoad(async () => (await unwrap(api().GET('/pool'))).items.toSorted(byUrgency), []);
  const [claiming, setClaiming] = useState<string>();

  const claim = async (row: CaseRow) => {
    setClaiming(row.caseId);
    try {
      const claimed = await unwrap(api().POST('/cases/{caseId}/claim', { params: { path: { caseId: row.caseId } } }));
      message.success(`已认领 ${claimed.caseNumber}`);
      navigate(`/case/${claimed.caseId}`);
    } catch (error) {
      // A lost race: someone else claimed it a moment earlier.
      if (error instanceof ApiError && error.status === 409) message.warning(`${row.caseNumber} 已被其他人认领，列表已刷新。`);
      else message.error(messageOf(error));
      pool.reload();
    } finally {
      setClaiming(undefined);
    }
  };

  return (
    <Card
      title="待认领案件"
      extra={<Typography.Text type="secondary">按紧急程度和时限排序；认领后可查看职工联系方式</Typography.Text>}
    >
      <ErrorAlert error={pool.error} onRetry={pool.reload} />
      <CaseTable
        cases={pool.data}
        loading={pool.loading}
        empty="目前没有待认领的案件"
        actions={[
          {
            title: '操作',
            key: 'claim',
            fixed: 'right',
            render: (_, row) => (
              <Button type="primary" loading={claiming === row.caseId} onClick={() => void claim(row)}>
                认领
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}
