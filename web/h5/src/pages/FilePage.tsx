import { Button, Checkbox, Form, Input, List, Selector, Steps, TextArea } from 'antd-mobile';
import { useEffect, useRef, useState } from 'react';
import { CATEGORIES } from '../../../../shared/domain/vocabulary';
import { ApiFailure, api, call, type FiledComplaint } from '../api/client';
import { failureMessage, fieldErrors } from '../api/errors';
import {
  AMOUNT_PATTERN,
  KIND_OPTIONS,
  PHONE_NUMBER_HINT,
  STEP_FIELDS,
  STEP_TITLES,
  WORKERS_PATTERN,
  fenToYuan,
  isPhoneNumber,
  formFieldOf,
  needsEmployer,
  stepOf,
  toRequest,
  type ComplaintFormValues,
} from '../complaint-form';
import { attemptFor, type Attempt } from '../../../src/lib/ids';
import { PageHeader } from './PageHeader';
import { Receipt } from './Receipt';
import { RegionField, regionLabel } from './RegionField';
import type { Credentials } from './StatusPage';
import { FormError } from './FormError';

const CATEGORY_OPTIONS = Object.entries(CATEGORIES).map(([value, label]) => ({
  value: value as keyof typeof CATEGORIES,
  label,
}));

const SHORT_STEP_TITLES = ['问题类型', '填写情况', '联系方式', '确认提交'];

const path = (field: string) => field.split('.');

export function FilePage({ onSaved }: { onSaved: (credentials: Credentials) => void }) {
  const [form] = Form.useForm<ComplaintFormValues>();
  const [step, setStep] = useState(0);
  const [filed, setFiled] = useState<FiledComplaint>();
  const [submitting, setSubmitting] = useState(false);
  const [formError, setFormError] = useState<string>();
  // Errors the API found, set once their step's fields are on screen (a hidden field keeps no error).
  const [pendingErrors, setPendingErrors] = useState<Map<string, string>>();
  // One Idempotency-Key per distinct submission: a retry of the same content reuses it, so a
  // lost answer on a bad connection never becomes a second case.
  const attempt = useRef<Attempt | undefined>(undefined);
  const heading = useRef<HTMLHeadingElement>(null);
  // Kept here, not watched on the form: the kind's field is off screen on the later steps.
  const [kind, setKind] = useState<ComplaintFormValues['kind']>(['complaint']);

  useEffect(() => {
    heading.current?.focus();
  }, [step]);

  useEffect(() => {
    if (!pendingErrors) return;
    form.setFields([...pendingErrors].map(([field, message]) => ({ name: path(field), errors: [message] })));
    setPendingErrors(undefined);
  }, [pendingErrors, form]);

  if (filed) return <Receipt filed={filed} onSaved={onSaved} />;

  async function next() {
    try {
      await form.validateFields(STEP_FIELDS[step]!.map(path));
    } catch {
      return;
    }
    setFormError(undefined);
    setStep(step + 1);
  }

  async function submit() {
    const body = toRequest(form.getFieldsValue(true) as ComplaintFormValues);
    attempt.current = attemptFor(attempt.current, body);
    setSubmitting(true);
    setFormError(undefined);
    try {
      const client = await api();
      setFiled(
        await call(client.POST('/public/complaints', { body, params: { header: { 'idempotency-key': attempt.current.key } } })),
      );
      window.scrollTo(0, 0);
    } catch (error) {
      const failure = error instanceof ApiFailure ? error : new ApiFailure(0, undefined, undefined);
      setFormError(failureMessage(failure, 'file'));
      const errors = new Map([...fieldErrors(failure)].map(([apiPath, message]) => [formFieldOf(apiPath), message]));
      if (errors.size > 0) {
        setStep(Math.min(...[...errors.keys()].map(stepOf)));
        setPendingErrors(errors);
      }
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <main className="page">
      <PageHeader title="我要投诉" back />
      <Steps current={step} className="steps" aria-hidden="true">
        {SHORT_STEP_TITLES.map((title) => (
          <Steps.Step key={title} title={title} />
        ))}
      </Steps>
      <h2 className="step-title" ref={heading} tabIndex={-1}>
        第{step + 1}步（共{STEP_TITLES.length}步）：{STEP_TITLES[step]}
      </h2>
      <FormError message={formError} />
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: ['complaint'], workersInvolved: '1' }}
        requiredMarkStyle="text-required"
        onValuesChange={(changed: ComplaintFormValues) => {
          if (changed.kind) setKind(changed.kind);
        }}
      >
        {step === 0 && (
          <>
            <Form.Item name="kind" label="您需要什么帮助" rules={[{ required: true, message: '请选择求助类型' }]}>
              <Selector columns={1} options={KIND_OPTIONS} />
            </Form.Item>
            <Form.Item name="category" label="遇到了什么问题" rules={[{ required: true, message: '请选择问题类型' }]}>
              <Selector columns={2} options={CATEGORY_OPTIONS} />
            </Form.Item>
          </>
        )}
        {step === 1 && (
          <>
            <Form.Item
              name="regionCode"
              label="在哪里工作（区县）"
              description="决定由哪个工会受理"
              rules={[{ required: true, message: '请选择您工作所在的区县' }]}
            >
              <RegionField />
            </Form.Item>
            <Form.Item
              name={['employer', 'name']}
              label="用人单位名称"
              rules={[{ required: needsEmployer(kind?.[0]), whitespace: true, message: '请填写用人单位名称' }]}
            >
              <Input placeholder="例如：沈阳某某物业服务有限公司" maxLength={100} />
            </Form.Item>
            <Form.Item
              name="description"
              label="发生了什么"
              description="什么时间、在哪里、哪些钱没给或什么权益受损"
              rules={[{ required: true, whitespace: true, message: '请写下发生了什么' }]}
            >
              <TextArea placeholder="例如：在沈河区做保洁，9月和10月工资共7200元一直没发。" rows={5} maxLength={4000} showCount />
            </Form.Item>
            <Form.Item
              name="amountYuan"
              label="涉及金额（元，可不填）"
              rules={[{ pattern: AMOUNT_PATTERN, message: '请填写金额，例如 7200 或 7200.50' }]}
            >
              <Input inputMode="decimal" placeholder="例如 7200" />
            </Form.Item>
            <Form.Item
              name="workersInvolved"
              label="一共涉及几个人"
              rules={[{ pattern: WORKERS_PATTERN, message: '请填写人数，例如 1 或 12' }]}
            >
              <Input inputMode="numeric" maxLength={6} />
            </Form.Item>
          </>
        )}
        {step === 2 && (
          <>
            <Form.Item
              name={['complainant', 'name']}
              label="您的姓名"
              rules={[{ required: true, whitespace: true, message: '请填写您的姓名' }]}
            >
              <Input autoComplete="name" maxLength={50} />
            </Form.Item>
            <Form.Item
              name={['complainant', 'mobile']}
              label="联系电话（手机或座机）"
              description="工会用这个号码联系您，不会公开"
              rules={[
                { required: true, whitespace: true, message: '请填写联系电话' },
                {
                  validator: async (_rule, value?: string) => {
                    if (value?.trim() && !isPhoneNumber(value)) throw new Error(PHONE_NUMBER_HINT);
                  },
                },
              ]}
            >
              <Input type="tel" inputMode="tel" autoComplete="tel" maxLength={20} placeholder="如 13812345678 或 024-23456789" />
            </Form.Item>
            <Form.Item label="以下情况可优先办理（可多选）">
              <div className="flags">
                <Form.Item name={['complainant', 'migrantWorker']} valuePropName="checked" noStyle>
                  <Checkbox>我是农民工</Checkbox>
                </Form.Item>
                <Form.Item name={['complainant', 'womanWorker']} valuePropName="checked" noStyle>
                  <Checkbox>我是女职工</Checkbox>
                </Form.Item>
                <Form.Item name={['complainant', 'modelWorker']} valuePropName="checked" noStyle>
                  <Checkbox>我是劳动模范</Checkbox>
                </Form.Item>
              </div>
            </Form.Item>
          </>
        )}
      </Form>
      {step === 3 && <Summary values={form.getFieldsValue(true) as ComplaintFormValues} />}
      <div className="step-buttons">
        {step > 0 && (
          <Button size="large" onClick={() => setStep(step - 1)} disabled={submitting}>
            上一步
          </Button>
        )}
        {step < 3 ? (
          <Button size="large" color="primary" onClick={next}>
            下一步
          </Button>
        ) : (
          <Button size="large" color="primary" onClick={submit} loading={submitting} loadingText="正在提交">
            提交
          </Button>
        )}
      </div>
    </main>
  );
}

function Summary({ values }: { values: ComplaintFormValues }) {
  const request = toRequest(values);
  const flags = [
    request.complainant.migrantWorker && '农民工',
    request.complainant.womanWorker && '女职工',
    request.complainant.modelWorker && '劳动模范',
  ].filter(Boolean);
  const rows: [string, string | undefined][] = [
    ['求助类型', KIND_OPTIONS.find((option) => option.value === request.kind)?.label],
    ['问题类型', CATEGORIES[request.category]],
    ['工作地点', regionLabel(values.regionCode)],
    ['用人单位', request.employer?.name],
    ['发生了什么', request.description],
    ['涉及金额', request.amountClaimedFen === undefined ? undefined : `${fenToYuan(request.amountClaimedFen)}元`],
    ['涉及人数', `${request.workersInvolved}人`],
    ['姓名', request.complainant.name],
    ['联系电话', request.complainant.mobile],
    ['优先情况', flags.length > 0 ? flags.join('、') : undefined],
  ];
  return (
    <>
      <p className="hint">请核对以下内容，确认无误后点“提交”。</p>
      <List className="summary">
        {rows
          .filter((row): row is [string, string] => Boolean(row[1]))
          .map(([label, value]) => (
            <List.Item key={label} title={label}>
              <span className="summary-value">{value}</span>
            </List.Item>
          ))}
      </List>
    </>
  );
}
