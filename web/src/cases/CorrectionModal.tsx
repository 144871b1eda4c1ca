import { Button, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { api, unwrap, type TimelineEvent } from '../api/client';
import { ActionModal } from '../components/ActionModal';

/**
 * The fields a correction may change, by event type, with their Chinese
 * labels: the same table the API checks (shared/domain/corrections.ts), kept
 * to dates, the award's finality and free text here; amounts are corrected
 * through the API.
 */
const CORRECTABLE: Record<string, Record<string, { label: string; kind: 'date' | 'text' | 'boolean' }>> = {
  note_added: { text: { label: '内容', kind: 'text' } },
  mediation_session: { heldOn: { label: '调解日期', kind: 'date' }, summary: { label: '摘要', kind: 'text' } },
  arbitration_filed: { filedOn: { label: '申请日期', kind: 'date' }, commission: { label: '仲裁委', kind: 'text' } },
  arbitration_accepted: { acceptedOn: { label: '立案日期', kind: 'date' } },
  arbitration_awarded: { awardedOn: { label: '裁决日期', kind: 'date' }, summary: { label: '摘要', kind: 'text' } },
  award_served: { servedOn: { label: '送达日期', kind: 'date' }, finalAward: { label: '是否终局裁决', kind: 'boolean' } },
  injury_recorded: { accidentOn: { label: '事故日期', kind: 'date' }, diagnosedOn: { label: '诊断日期', kind: 'date' } },
  labour_inspection_referred: { referredOn: { label: '移送日期', kind: 'date' }, summary: { label: '摘要', kind: 'text' } },
};

interface CorrectionValues {
  correctsEventId: string;
  field: string;
  value: string;
  text?: string;
}

/** 更正: a wrongly entered fact is corrected by a new event naming the event, the field and the new value; the clocks follow. */
export function CorrectionButton({
  caseId,
  events,
  onDone,
}: {
  caseId: string;
  events: readonly TimelineEvent[];
  onDone: () => void;
}) {
  const [open, setOpen] = useState(false);
  const correctable = events.filter((event) => CORRECTABLE[event.type]);
  if (correctable.length === 0) return null;
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>
        更正
      </Button>
      <ActionModal<CorrectionValues>
        open={open}
        title="更正办理记录"
        okText="更正"
        onClose={() => setOpen(false)}
        onDone={() => {
          setOpen(false);
          onDone();
        }}
        onSubmit={(values) => {
          const event = correctable.find((candidate) => candidate.eventId === values.correctsEventId);
          const kind = event && CORRECTABLE[event.type]?.[values.field]?.kind;
          const value = kind === 'boolean' ? values.value === 'true' : values.value;
          const body = { type: 'correction' as const, correctsEventId: values.correctsEventId, field: values.field, value };
          return unwrap(
            api().POST('/cases/{caseId}/work', {
              params: { path: { caseId } },
              body: values.text ? { ...body, text: values.text } : body,
            }),
          );
        }}
      >
        <CorrectionFields events={correctable} />
      </ActionModal>
    </>
  );
}

function CorrectionFields({ events }: { events: readonly TimelineEvent[] }) {
  const form = Form.useFormInstance<CorrectionValues>();
  const eventId = Form.useWatch('correctsEventId', form);
  const field = Form.useWatch('field', form);
  const fields = CORRECTABLE[events.find((event) => event.eventId === eventId)?.type ?? ''] ?? {};
  const kind = fields[field ?? '']?.kind;
  return (
    <>
      <Form.Item name="correctsEventId" label="更正的记录" rules={[{ required: true, message: '请选择要更正的记录' }]}>
        <Select
          options={events.map((event) => ({ value: event.eventId, label: `${event.typeLabel}（${event.at.slice(0, 10)}）` }))}
          onChange={() => form.resetFields(['field', 'value'])}
        />
      </Form.Item>
      <Form.Item name="field" label="更正项" rules={[{ required: true, message: '请选择更正项' }]}>
        <Select options={Object.entries(fields).map(([value, { label }]) => ({ value, label }))} />
      </Form.Item>
      <Form.Item name="value" label="更正为" rules={[{ required: true, message: '请填写更正后的内容' }]}>
        {kind === 'date' ? (
          <Input type="date" />
        ) : kind === 'boolean' ? (
          <Select
            options={[
              { value: 'true', label: '是' },
              { value: 'false', label: '否' },
            ]}
          />
        ) : (
          <Input.TextArea rows={2} maxLength={2000} />
        )}
      </Form.Item>
      <Form.Item name="text" label="更正原因">
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
    </>
  );
}
