import { App, Button, Card, Form, Input, Space } from 'antd';
import { useState } from 'react';
import { api, unwrap, type CaseRow } from '../api/client';
import { messageOf } from '../api/errors';
import { ActionModal } from '../components/ActionModal';
import { CaseTable } from '../components/CaseTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { chinaTime } from '../lib/time';
import { useLoad } from '../lib/useLoad';

const transferColumns = [
  { title: '转自', key: 'from', render: (_: unknown, row: CaseRow) => row.transfer?.fromUnion ?? '—' },
  { title: '转交原因', key: 'reason', render: (_: unknown, row: CaseRow) => row.transfer?.reason ?? '—' },
  { title: '申请时间', key: 'at', render: (_: unknown, row: CaseRow) => chinaTime(row.transfer?.requestedAt) },
];

/** 转交待办: transfers to this union waiting for an answer, and this union's own still unanswered. */
export default function Transfers() {
  const { message } = App.useApp();
  const transfers = useLoad(() => unwrap(api().GET('/transfers')), []);
  const [rejecting, setRejecting] = useState<CaseRow>();
  const [accepting, setAccepting] = useState<string>();

  const accept = async (row: CaseRow) => {
    setAccepting(row.caseId);
    try {
      await unwrap(api().POST('/cases/{caseId}/transfer/accept', { params: { path: { caseId: row.caseId } } }));
      message.success(`已接收 ${row.caseNumber}`);
      transfers.reload();
    } catch (error) {
      message.error(messageOf(error));
    } finally {
      setAccepting(undefined);
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <ErrorAlert error={transfers.error} onRetry={transfers.reload} />
      <Card title="转来待接收">
        <CaseTable
          cases={transfers.data?.incoming}
          loading={transfers.loading}
          empty="没有待接收的转交"
          showClock={false}
          actions={[
            ...transferColumns,
            {
              title: '操作',
              key: 'answer',
              render: (_, row) => (
                <Space>
                  <Button type="primary" loading={accepting === row.caseId} onClick={() => void accept(row)}>
                    接收
                  </Button>
                  <Button onClick={() => setRejecting(row)}>拒绝</Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card title="本单位转出、等待对方答复">
        <CaseTable
          cases={transfers.data?.outgoing}
          loading={transfers.loading}
          empty="没有等待答复的转出"
          showClock={false}
          actions={[{ title: '转至', key: 'to', render: (_, row) => row.transfer?.toUnion ?? '—' }, ...transferColumns.slice(1)]}
        />
      </Card>
      <ActionModal<{ reason: string }>
        open={Boolean(rejecting)}
        title={`拒绝转交 ${rejecting?.caseNumber ?? ''}`}
        okText="拒绝"
        onClose={() => setRejecting(undefined)}
        onDone={() => {
          setRejecting(undefined);
          transfers.reload();
        }}
        onSubmit={(body) =>
          unwrap(api().POST('/cases/{caseId}/transfer/reject', { params: { path: { caseId: rejecting!.caseId } }, body }))
        }
      >
        <Form.Item name="reason" label="拒绝原因" rules={[{ required: true, message: '请填写拒绝原因' }]}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </ActionModal>
    </Space>
  );
}
