import { Button, Card, Checkbox, Form, Input, InputNumber, Select, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, unwrap, type RosterEntry } from '../api/client';
import { ActionModal } from '../components/ActionModal';
import { ErrorAlert } from '../components/ErrorAlert';
import { CATEGORIES, ROLE_LABELS, optionsOf } from '../lib/labels';
import { useLoad } from '../lib/useLoad';

const WEEKDAYS = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'];

interface EntryValues {
  displayName: string;
  role: 'lawyer' | 'mediator';
  unionCode: string;
  categories: RosterEntry['categories'];
  capacity: number;
  dutyWeekdays: number[];
  dutyDates: string;
  conflicts: string;
  active: boolean;
}

const lines = (text: string) =>
  text
    .split(/[\s,，、]+/)
    .map((item) => item.trim())
    .filter(Boolean);

/** 名册: who takes which categories, how many cases, on which days, and whom they must not act against. */
export default function Roster() {
  const roster = useLoad(() => unwrap(api().GET('/staff')), []);
  const [editing, setEditing] = useState<RosterEntry>();

  return (
    <Card title="律师与调解员名册">
      <ErrorAlert error={roster.error} onRetry={roster.reload} />
      <Table<RosterEntry>
        rowKey="staffId"
        loading={roster.loading}
        dataSource={roster.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: '名册为空' }}
        columns={[
          { title: '姓名', dataIndex: 'displayName' },
          { title: '身份', dataIndex: 'role', render: (role: RosterEntry['role']) => ROLE_LABELS[role] },
          { title: '所属工会', dataIndex: 'unionCode' },
          {
            title: '承办类别',
            dataIndex: 'categories',
            render: (categories: RosterEntry['categories']) => categories.map((category) => CATEGORIES[category]).join('、'),
          },
          { title: '在办 / 容量', key: 'load', render: (_, row) => `${row.activeCases} / ${row.capacity}` },
          {
            title: '值班日',
            dataIndex: 'dutyWeekdays',
            render: (days: number[]) => days.map((day) => WEEKDAYS[day - 1]).join('、') || '—',
          },
          { title: '回避单位', dataIndex: 'conflicts', render: (codes: string[]) => codes.join('、') || '—' },
          { title: '状态', dataIndex: 'active', render: (active: boolean) => (active ? <Tag>在岗</Tag> : <Tag>停用</Tag>) },
          { title: '操作', key: 'edit', render: (_, row) => <Button onClick={() => setEditing(row)}>编辑</Button> },
        ]}
      />
      {editing && (
        <ActionModal<EntryValues>
          open
          title={`编辑 ${editing.displayName}`}
          okText="保存"
          initialValues={{
            ...editing,
            dutyWeekdays: [...editing.dutyWeekdays],
            dutyDates: editing.dutyDates.join('\n'),
            conflicts: editing.conflicts.join('\n'),
          }}
          onClose={() => setEditing(undefined)}
          onDone={() => {
            setEditing(undefined);
            roster.reload();
          }}
          onSubmit={(values) =>
            unwrap(
              api().PUT('/staff/{staffId}', {
                params: { path: { staffId: editing.staffId } },
                body: {
                  displayName: values.displayName,
                  role: values.role,
                  unionCode: values.unionCode,
                  categories: values.categories,
                  capacity: values.capacity,
                  dutyWeekdays: values.dutyWeekdays,
                  dutyDates: lines(values.dutyDates),
                  conflicts: lines(values.conflicts),
                  active: values.active,
                },
              }),
            )
          }
        >
          <Form.Item name="displayName" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="role" label="身份">
            <Select options={optionsOf(ROLE_LABELS, ['lawyer', 'mediator'])} />
          </Form.Item>
          <Form.Item name="unionCode" label="所属工会代码">
            <Input />
          </Form.Item>
          <Form.Item name="categories" label="承办类别" rules={[{ required: true, message: '至少选择一类' }]}>
            <Select mode="multiple" options={optionsOf(CATEGORIES)} />
          </Form.Item>
          <Form.Item name="capacity" label="同时在办上限">
            <InputNumber min={0} max={200} precision={0} />
          </Form.Item>
          <Form.Item name="dutyWeekdays" label="每周值班日">
            <Checkbox.Group options={WEEKDAYS.map((label, index) => ({ label, value: index + 1 }))} />
          </Form.Item>
          <Form.Item name="dutyDates" label="其他值班日期（每行一个，如 2026-12-05）">
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="conflicts" label="回避单位的统一社会信用代码（每行一个）">
            <Input.TextArea rows={2} />
          </Form.Item>
          <Form.Item name="active" label="在岗" valuePropName="checked">
            <Switch />
          </Form.Item>
        </ActionModal>
      )}
    </Card>
  );
}
