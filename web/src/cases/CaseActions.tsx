import { App, Button, Checkbox, Form, Input, Radio, Rate, Select, Space } from 'antd';
import { useState } from 'react';
import { api, unwrap, type CaseView, type Schemas } from '../api/client';
import { ApiError, messageOf } from '../api/errors';
import type { Session } from '../auth/session';
import { ActionModal } from '../components/ActionModal';
import { HotlineCallModal } from './HotlineCallModal';
import { RegionPicker } from '../components/RegionPicker';
import { YuanInput, fenField, yuanRule } from '../components/YuanInput';
import { CASE_ACTIONS, MONEY_KINDS, OUTCOMES, OVERRIDE_RULE_LABELS, optionsOf, type CaseAction } from '../lib/labels';
import { chinaDate } from '../lib/time';
import { useLoad } from '../lib/useLoad';

type WorkType = Schemas['WorkEntryRequest']['type'];

const WORK_TYPES: Record<Exclude<WorkType, 'correction'>, string> = {
  note: '办理记录',
  call: '电话沟通',
  mediation_session: '调解会',
  mediated_agreement: '达成调解协议',
  arbitration_filed: '申请仲裁',
  arbitration_accepted: '仲裁立案',
  arbitration_extended: '仲裁延期',
  arbitration_awarded: '仲裁裁决',
  labour_inspection_referred: '转劳动监察',
  injury_recorded: '工伤事故/职业病诊断日期',
  award_served: '仲裁裁决送达',
  payment_received: '收到款项',
};

interface WorkValues {
  type: Exclude<WorkType, 'correction'>;
  on?: string;
  text?: string;
  with?: 'complainant' | 'employer' | 'other';
  commission?: string;
  reason?: string;
  amountYuan?: string;
  /** injury_recorded: whether the date is the accident's or the occupational disease's diagnosis. */
  injuryDate?: 'accident' | 'diagnosis';
  finalAward?: boolean;
  moneyKind?: keyof typeof MONEY_KINDS;
}

/** The work entry the API takes, from the one form (dates and amounts go where each type keeps them). */
function workEntry(values: WorkValues): Schemas['WorkEntryRequest'] {
  const on = values.on ?? '';
  const text = values.text ?? '';
  switch (values.type) {
    case 'note':
      return { type: 'note', text };
    case 'call':
      return { type: 'call', with: values.with ?? 'complainant', summary: text };
    case 'mediation_session':
      return { type: 'mediation_session', heldOn: on, summary: text };
    case 'mediated_agreement':
      return {
        type: 'mediated_agreement',
        signedOn: on,
        summary: text,
        amountAgreedFen: fenField('fen', values.amountYuan).fen ?? 0,
      };
    case 'arbitration_filed':
      return { type: 'arbitration_filed', filedOn: on, commission: values.commission ?? '' };
    case 'arbitration_accepted':
      return { type: 'arbitration_accepted', acceptedOn: on };
    case 'arbitration_extended':
      return { type: 'arbitration_extended', reason: values.reason ?? '' };
    case 'arbitration_awarded':
      return { type: 'arbitration_awarded', awardedOn: on, summary: text, ...fenField('amountAwardedFen', values.amountYuan) };
    case 'labour_inspection_referred':
      return { type: 'labour_inspection_referred', referredOn: on, summary: text };
    case 'injury_recorded':
      return values.injuryDate === 'diagnosis'
        ? { type: 'injury_recorded', diagnosedOn: on }
        : { type: 'injury_recorded', accidentOn: on };
    case 'award_served':
      return { type: 'award_served', servedOn: on, finalAward: values.finalAward ?? false };
    case 'payment_received':
      return {
        type: 'payment_received',
        receivedOn: on,
        kind: values.moneyKind ?? 'wages',
        amountFen: fenField('fen', values.amountYuan).fen ?? 0,
        ...(text ? { summary: text } : {}),
      };
  }
}

const DATED: readonly WorkType[] = [
  'mediation_session',
  'mediated_agreement',
  'arbitration_filed',
  'arbitration_accepted',
  'arbitration_awarded',
  'labour_inspection_referred',
  'injury_recorded',
  'award_served',
  'payment_received',
];
const WITH_TEXT: readonly WorkType[] = [
  'note',
  'call',
  'mediation_session',
  'mediated_agreement',
  'arbitration_awarded',
  'labour_inspection_referred',
];
const WORK_RENAME = {
  heldOn: 'on',
  signedOn: 'on',
  filedOn: 'on',
  acceptedOn: 'on',
  awardedOn: 'on',
  referredOn: 'on',
  accidentOn: 'on',
  diagnosedOn: 'on',
  servedOn: 'on',
  receivedOn: 'on',
  summary: 'text',
  amountAgreedFen: 'amountYuan',
  amountAwardedFen: 'amountYuan',
  amountFen: 'amountYuan',
  kind: 'moneyKind',
};

/**
 * What the signed-in person may do with the case now, from the same action
 * table the API enforces (shared/domain/lifecycle). This only hides buttons;
 * the API decides, and its refusal is shown in words.
 */
export function mayTake(action: CaseAction, caseView: CaseView, session: Session): boolean {
  const rule = CASE_ACTIONS[action];
  if (!(rule.from as readonly string[]).includes(caseView.status)) return false;
  return session.roles.some(
    (role) =>
      (rule.roles as readonly string[]).includes(role) &&
      (!('ownerOnly' in rule) || role === 'legal_admin' || role === 'operator' || caseView.owner?.staffId === session.staffId),
  );
}

type Open = 'work' | 'close' | 'release' | 'assign' | 'transfer' | 'followup' | 'reopen' | 'call' | undefined;

export function CaseActions({ caseView, session, onChanged }: { caseView: CaseView; session: Session; onChanged: () => void }) {
  const [open, setOpen] = useState<Open>();
  const { message } = App.useApp();
  const caseId = caseView.caseId;
  const path = { params: { path: { caseId } } };
  const can = (action: CaseAction) => mayTake(action, caseView, session);
  const done = () => {
    setOpen(undefined);
    onChanged();
  };
  const modal = { onClose: () => setOpen(undefined), onDone: done };
  const today = chinaDate(new Date());

  return (
    <>
      <Space wrap>
        {can('claim') && (
          <Button
            type="primary"
            onClick={() =>
              void unwrap(api().POST('/cases/{caseId}/claim', path)).then(onChanged, (error: unknown) => {
                message.error(error instanceof ApiError && error.status === 409 ? '该案件已被其他人认领。' : messageOf(error));
                onChanged();
              })
            }
          >
            认领
          </Button>
        )}
        {can('record_work') && (
          <Button type="primary" onClick={() => setOpen('work')}>
            记录办理
          </Button>
        )}
        {can('close') && <Button onClick={() => setOpen('close')}>办结</Button>}
        {can('release') && <Button onClick={() => setOpen('release')}>退回待认领</Button>}
        {can('assign') && <Button onClick={() => setOpen('assign')}>指派</Button>}
        {can('transfer') && <Button onClick={() => setOpen('transfer')}>转交</Button>}
        {can('follow_up') && <Button onClick={() => setOpen('followup')}>回访</Button>}
        {can('reopen') && <Button onClick={() => setOpen('reopen')}>重新办理</Button>}
        {can('log_call') && <Button onClick={() => setOpen('call')}>记录来电</Button>}
      </Space>

      <HotlineCallModal {...modal} open={open === 'call'} caseId={caseId} caseNumber={caseView.caseNumber} />

      <ActionModal<WorkValues>
        {...modal}
        open={open === 'work'}
        title="记录办理"
        okText="保存"
        initialValues={{ type: 'note', on: today, with: 'complainant' }}
        rename={WORK_RENAME}
        onSubmit={(values) => unwrap(api().POST('/cases/{caseId}/work', { ...path, body: workEntry(values) }))}
      >
        <WorkFields />
      </ActionModal>

      <ActionModal<{ outcome: CaseView['outcome']; summary: string; agreedYuan?: string; recoveredYuan?: string }>
        {...modal}
        open={open === 'close'}
        title="办结案件"
        okText="办结"
        rename={{ amountAgreedFen: 'agreedYuan', amountRecoveredFen: 'recoveredYuan' }}
        onSubmit={(values) =>
          unwrap(
            api().POST('/cases/{caseId}/close', {
              ...path,
              body: {
                outcome: values.outcome!,
                summary: values.summary,
                ...fenField('amountAgreedFen', values.agreedYuan),
                ...fenField('amountRecoveredFen', values.recoveredYuan),
              },
            }),
          )
        }
      >
        <Form.Item name="outcome" label="办理结果" rules={[{ required: true, message: '请选择办理结果' }]}>
          <Select options={optionsOf(OUTCOMES)} placeholder="请选择" />
        </Form.Item>
        <Form.Item name="summary" label="办结说明" rules={[{ required: true, message: '请填写办结说明' }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="agreedYuan" label="协议/裁决金额（元，选填）" rules={[yuanRule]}>
          <YuanInput />
        </Form.Item>
        <Form.Item name="recoveredYuan" label="为职工挽回金额（元，选填）" rules={[yuanRule]}>
          <YuanInput />
        </Form.Item>
      </ActionModal>

      <ActionModal<{ reason: string }>
        {...modal}
        open={open === 'release'}
        title="退回待认领"
        okText="退回"
        onSubmit={(body) => unwrap(api().POST('/cases/{caseId}/release', { ...path, body }))}
      >
        <Form.Item name="reason" label="退回原因" rules={[{ required: true, message: '请填写退回原因' }]}>
          <Input.TextArea rows={3} maxLength={500} placeholder="如：与用人单位负责人有亲属关系，申请回避。" />
        </Form.Item>
      </ActionModal>

      {open === 'assign' && (
        <ActionModal<AssignValues>
          {...modal}
          open
          title="指派律师或调解员"
          okText="指派"
          initialValues={{ overrideRules: [] }}
          rename={{ 'override.reason': 'overrideReason', 'override.rules': 'overrideRules', override: 'overrideRules' }}
          onSubmit={(values) => unwrap(api().POST('/cases/{caseId}/assign', { ...path, body: assignment(values) }))}
        >
          <AssignFields />
        </ActionModal>
      )}

      <ActionModal<{ toUnion: string; reason: string }>
        {...modal}
        open={open === 'transfer'}
        title="转交其他工会"
        okText="转交"
        onSubmit={(body) => unwrap(api().POST('/cases/{caseId}/transfer', { ...path, body }))}
      >
        <Form.Item name="toUnion" label="接收工会" rules={[{ required: true, message: '请选择接收工会' }]}>
          <RegionPicker />
        </Form.Item>
        <Form.Item name="reason" label="转交原因" rules={[{ required: true, message: '请填写转交原因' }]}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </ActionModal>

      <ActionModal<{ reached: boolean; satisfaction?: number; note?: string }>
        {...modal}
        open={open === 'followup'}
        title="回访"
        okText="保存回访"
        initialValues={{ reached: true }}
        onSubmit={(values) =>
          unwrap(
            api().POST('/cases/{caseId}/followup', {
              ...path,
              body: {
                reached: values.reached,
                ...(values.reached && values.satisfaction ? { satisfaction: values.satisfaction } : {}),
                ...(values.note?.trim() ? { note: values.note.trim() } : {}),
              },
            }),
          )
        }
      >
        <Form.Item name="reached" label="是否联系上职工">
          <Radio.Group
            options={[
              { value: true, label: '已联系上' },
              { value: false, label: '未联系上' },
            ]}
          />
        </Form.Item>
        <Form.Item name="satisfaction" label="满意度（联系上时必填）">
          <Rate count={5} tooltips={['很不满意', '不满意', '一般', '满意', '很满意']} />
        </Form.Item>
        <Form.Item name="note" label="回访记录（选填）">
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
      </ActionModal>

      <ActionModal<{ reason: string }>
        {...modal}
        open={open === 'reopen'}
        title="重新办理"
        okText="重新办理"
        onSubmit={(body) => unwrap(api().POST('/cases/{caseId}/reopen', { ...path, body }))}
      >
        <Form.Item name="reason" label="原因" rules={[{ required: true, message: '请填写原因' }]}>
          <Input.TextArea rows={3} maxLength={500} />
        </Form.Item>
      </ActionModal>
    </>
  );
}

function WorkFields() {
  const type: WorkValues['type'] = Form.useWatch('type', Form.useFormInstance()) ?? 'note';
  return (
    <>
      <Form.Item name="type" label="办理事项">
        <Select options={optionsOf(WORK_TYPES)} />
      </Form.Item>
      {DATED.includes(type) && (
        <Form.Item name="on" label="日期" rules={[{ required: true, message: '请填写日期' }]}>
          <Input type="date" />
        </Form.Item>
      )}
      {type === 'call' && (
        <Form.Item name="with" label="通话对象">
          <Radio.Group
            options={[
              { value: 'complainant', label: '职工' },
              { value: 'employer', label: '用人单位' },
              { value: 'other', label: '其他' },
            ]}
          />
        </Form.Item>
      )}
      {type === 'arbitration_filed' && (
        <Form.Item name="commission" label="仲裁委员会" rules={[{ required: true, message: '请填写仲裁委员会' }]}>
          <Input placeholder="如：沈阳市和平区劳动人事争议仲裁委员会" />
        </Form.Item>
      )}
      {type === 'injury_recorded' && (
        <Form.Item name="injuryDate" label="日期为" initialValue="accident">
          <Radio.Group
            options={[
              { value: 'accident', label: '事故伤害发生之日' },
              { value: 'diagnosis', label: '职业病诊断之日' },
            ]}
          />
        </Form.Item>
      )}
      {type === 'award_served' && (
        <Form.Item name="finalAward" valuePropName="checked">
          <Checkbox>终局裁决</Checkbox>
        </Form.Item>
      )}
      {type === 'arbitration_extended' && (
        <Form.Item name="reason" label="延期原因" rules={[{ required: true, message: '请填写延期原因' }]}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      )}
      {(type === 'mediated_agreement' || type === 'arbitration_awarded') && (
        <Form.Item
          name="amountYuan"
          label={type === 'mediated_agreement' ? '协议金额（元）' : '裁决金额（元，选填）'}
          rules={[yuanRule, ...(type === 'mediated_agreement' ? [{ required: true, message: '请填写协议金额' }] : [])]}
        >
          <YuanInput />
        </Form.Item>
      )}
      {type === 'payment_received' && (
        <>
          <Form.Item name="moneyKind" label="款项类别" initialValue="wages">
            <Select options={optionsOf(MONEY_KINDS)} />
          </Form.Item>
          <Form.Item name="amountYuan" label="金额（元）" rules={[yuanRule, { required: true, message: '请填写金额' }]}>
            <YuanInput />
          </Form.Item>
        </>
      )}
      {WITH_TEXT.includes(type) && (
        <Form.Item name="text" label="内容" rules={[{ required: true, message: '请填写内容' }]}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      )}
    </>
  );
}

type OverrideRule = NonNullable<Schemas['AssignRequest']['override']>['rules'][number];

interface AssignValues {
  staffId: string;
  overrideRules?: OverrideRule[];
  overrideReason?: string;
}

/** The request: an override only when rules are ticked, and then it waives exactly those. */
function assignment(values: AssignValues): Schemas['AssignRequest'] {
  const rules = values.overrideRules ?? [];
  return {
    staffId: values.staffId,
    ...(rules.length > 0 ? { override: { rules, reason: values.overrideReason?.trim() ?? '' } } : {}),
  };
}

function AssignFields() {
  const roster = useLoad(() => unwrap(api().GET('/staff')), []);
  const overriding = (Form.useWatch('overrideRules', Form.useFormInstance()) as OverrideRule[] | undefined)?.length ?? 0;
  return (
    <>
      <Form.Item name="staffId" label="律师或调解员" rules={[{ required: true, message: '请选择' }]}>
        <Select
          loading={roster.loading}
          placeholder="从名册中选择"
          options={(roster.data?.items ?? [])
            .filter((entry) => entry.active)
            .map((entry) => ({
              value: entry.staffId,
              label: `${entry.displayName}（在办 ${entry.activeCases}/${entry.capacity}）`,
            }))}
        />
      </Form.Item>
      <Form.Item name="overrideRules" label="仍要指派时豁免的规则（选填，只豁免勾选的规则）">
        <Checkbox.Group options={optionsOf(OVERRIDE_RULE_LABELS)} />
      </Form.Item>
      <Form.Item
        name="overrideReason"
        label="豁免理由"
        dependencies={['overrideRules']}
        rules={[{ required: overriding > 0, whitespace: true, min: 2, message: '勾选豁免规则时请填写理由（至少2个字）' }]}
      >
        <Input.TextArea rows={2} maxLength={500} disabled={overriding === 0} />
      </Form.Item>
    </>
  );
}
