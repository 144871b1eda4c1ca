import { App, Button, Card, Form, Input, Modal, Radio, Rate, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, unwrap, type CaseRow } from '../api/client';
import { messageOf } from '../api/errors';
import { CaseTable } from '../components/CaseTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { chinaDate, chinaTime } from '../lib/time';
import { useLoad } from '../lib/useLoad';

interface FollowUpValues {
  reached: boolean;
  satisfaction?: number;
  note?: string;
}

/** 待回访: closed cases whose worker has not been called back yet, oldest closure first. */
export default function FollowUps() {
  const { message } = App.useApp();
  const closed = useLoad(async () => {
    const page = await unwrap(api().GET('/cases', { params: { query: { status: 'closed', limit: '100' } } }));
    return page.items.toSorted((a, b) => (a.closedAt ?? '').localeCompare(b.closedAt ?? ''));
  }, []);
  const [calling, setCalling] = useState<CaseRow>();
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<FollowUpValues>();
  const reached = Form.useWatch('reached', form);
  const today = chinaDate(new Date());

  const save = async (values: FollowUpValues) => {
    if (!calling) return;
    setSaving(true);
    try {
      await unwrap(
        api().POST('/cases/{caseId}/followup', {
          params: { path: { caseId: calling.caseId } },
          body: {
            reached: values.reached,
            ...(values.reached && values.satisfaction ? { satisfaction: values.satisfaction } : {}),
            ...(values.note?.trim() ? { note: values.note.trim() } : {}),
          },
        }),
      );
      message.success(`${calling.caseNumber} 回访已记录`);
      setCalling(undefined);
      form.resetFields();
      closed.reload();
    } catch (error) {
      message.error(messageOf(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title="待回访案件" extra={<Typography.Text type="secondary">今天是 {today}（北京时间）</Typography.Text>}>
      <ErrorAlert error={closed.error} onRetry={closed.reload} />
      <CaseTable
        cases={closed.data}
        loading={closed.loading}
        empty="没有待回访的案件"
        showClock={false}
        actions={[
          {
            title: '办结时间',
            key: 'closedAt',
            render: (_, row) => (
              <>
                {chinaTime(row.closedAt)}{' '}
                {row.closedAt && chinaDate(new Date(row.closedAt)) < today && <Tag color="orange">今日应回访</Tag>}
              </>
            ),
          },
          { title: '办理结果', key: 'outcome', render: (_, row) => row.outcomeLabel ?? '—' },
          {
            title: '操作',
            key: 'call',
            render: (_, row) => (
              <Button type="primary" onClick={() => setCalling(row)}>
                回访
              </Button>
            ),
          },
        ]}
      />
      <Modal
        open={Boolean(calling)}
        title={`回访 ${calling?.caseNumber ?? ''}`}
        okText="保存回访"
        cancelText="取消"
        confirmLoading={saving}
        onOk={() => form.submit()}
        onCancel={() => setCalling(undefined)}
        destroyOnHidden
      >
        <Form<FollowUpValues>
          form={form}
          layout="vertical"
          onFinish={(values) => void save(values)}
          initialValues={{ reached: true }}
        >
          <Form.Item name="reached" label="是否联系上职工">
            <Radio.Group
              options={[
                { value: true, label: '已联系上' },
                { value: false, label: '未联系上' },
              ]}
            />
          </Form.Item>
          {reached && (
            <Form.Item name="satisfaction" label="满意度" rules={[{ required: true, message: '请选择满意度' }]}>
              <Rate count={5} tooltips={['很不满意', '不满意', '一般', '满意', '很满意']} />
            </Form.Item>
          )}
          <Form.Item name="note" label="回访记录（选填）">
            <Input.TextArea rows={3} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
