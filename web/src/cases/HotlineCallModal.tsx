import { Form, Input, InputNumber, Radio } from 'antd';
import { api, unwrap, type Schemas } from '../api/client';
import { ActionModal } from '../components/ActionModal';
import { CALL_DIRECTIONS, optionsOf } from '../lib/labels';

type Direction = Schemas['HotlineCallRequest']['direction'];

interface CallValues {
  direction: Direction;
  minutes?: number;
  note: string;
}

/**
 * 记录来电: a 12351 call about a case that already exists (the worker ringing
 * again, or the union ringing back). It goes on the case's timeline and into
 * the month's call figures; nothing else about the case changes.
 */
export function HotlineCallModal({
  caseId,
  caseNumber,
  open,
  onClose,
  onDone,
}: {
  caseId: string;
  caseNumber: string;
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  return (
    <ActionModal<CallValues>
      open={open}
      onClose={onClose}
      onDone={onDone}
      title={`记录来电 · ${caseNumber}`}
      okText="保存来电记录"
      initialValues={{ direction: 'inbound' }}
      rename={{ durationSeconds: 'minutes' }}
      onSubmit={(values) =>
        unwrap(
          api().POST('/cases/{caseId}/calls', {
            params: { path: { caseId } },
            body: {
              direction: values.direction,
              note: values.note,
              ...(values.minutes ? { durationSeconds: Math.round(values.minutes * 60) } : {}),
            },
          }),
        )
      }
    >
      <Form.Item name="direction" label="来电/去电">
        <Radio.Group options={optionsOf(CALL_DIRECTIONS)} />
      </Form.Item>
      <Form.Item name="minutes" label="通话时长（分钟，选填）">
        <InputNumber min={0.5} max={1440} step={0.5} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="note" label="来电内容" rules={[{ required: true, message: '请简要记录来电内容' }]}>
        <Input.TextArea rows={3} maxLength={1000} placeholder="如：职工询问调解进度，已告知下次调解时间。" />
      </Form.Item>
    </ActionModal>
  );
}
