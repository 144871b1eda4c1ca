import { Button, Form, Input, TextArea, Toast } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { ApiFailure, api, call, type PublicCase } from '../api/client';
import { failureMessage, fieldErrors, type Action } from '../api/errors';
import { CHINA_TIME_NOTE, chinaTime } from '../time';
import { CaseStatus } from './NextStep';
import { PageHeader } from './PageHeader';
import { SCORE_WORDS, StarRating } from './StarRating';
import { FormError } from './FormError';

export interface Credentials {
  readonly caseNumber: string;
  readonly accessCode: string;
}

const CASE_NUMBER_PATTERN = /^\d{6}-\d{8}-\d{4,6}$/;

function asFailure(error: unknown): ApiFailure {
  return error instanceof ApiFailure ? error : new ApiFailure(0, undefined, undefined);
}

async function openCase({ caseNumber, accessCode }: Credentials): Promise<PublicCase> {
  const client = await api();
  return call(
    client.GET('/public/complaints/{caseNumber}', {
      params: { path: { caseNumber }, header: { 'x-access-code': accessCode } },
    }),
  );
}

export function StatusPage({ initial }: { initial: Credentials | undefined }) {
  const [credentials, setCredentials] = useState<Credentials | undefined>(initial);
  const [view, setView] = useState<PublicCase>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);

  async function load(next: Credentials) {
    setLoading(true);
    setError(undefined);
    try {
      setView(await openCase(next));
      setCredentials(next);
    } catch (failure) {
      setError(failureMessage(asFailure(failure), 'status'));
    } finally {
      setLoading(false);
    }
  }

  useEffect(() => {
    if (initial) void load(initial);
  }, [initial]);

  return (
    <main className="page">
      <PageHeader title="查询进度" back />
      {view && credentials ? (
        <CaseView view={view} credentials={credentials} onChanged={() => load(credentials)} />
      ) : (
        <LookupForm initial={credentials} loading={loading} error={error} onLookup={load} />
      )}
    </main>
  );
}

function LookupForm({
  initial,
  loading,
  error,
  onLookup,
}: {
  initial: Credentials | undefined;
  loading: boolean;
  error: string | undefined;
  onLookup: (credentials: Credentials) => void;
}) {
  return (
    <>
      <h2 className="step-title">输入案件编号和查询码</h2>
      <FormError message={error} />
      <Form
        layout="vertical"
        initialValues={initial}
        onFinish={(values: Credentials) =>
          onLookup({ caseNumber: values.caseNumber.trim(), accessCode: values.accessCode.trim() })
        }
        footer={
          <Button block type="submit" color="primary" size="large" loading={loading} loadingText="正在查询">
            查询
          </Button>
        }
      >
        <Form.Item
          name="caseNumber"
          label="案件编号"
          rules={[
            { required: true, message: '请填写案件编号' },
            { pattern: CASE_NUMBER_PATTERN, message: '案件编号的样子是 210103-20261201-0001' },
          ]}
        >
          <Input placeholder="例如 210103-20261201-0001" inputMode="numeric" autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="accessCode"
          label="查询码"
          description="提交投诉时显示的12位字母和数字"
          rules={[{ required: true, message: '请填写查询码' }]}
        >
          <Input placeholder="例如 K7QM-2XWD-9HRT" autoComplete="off" autoCapitalize="characters" />
        </Form.Item>
      </Form>
    </>
  );
}

function CaseView({ view, credentials, onChanged }: { view: PublicCase; credentials: Credentials; onChanged: () => void }) {
  const closed = view.status === 'closed' || view.status === 'followed_up';
  return (
    <>
      <p className="case-meta">
        案件编号 <span className="code">{view.caseNumber}</span> · {view.categoryLabel}
      </p>
      <CaseStatus {...view} />
      <section aria-labelledby="timeline-title" className="section">
        <h2 id="timeline-title">办理经过</h2>
        <ol className="timeline">
          {[...view.timeline].reverse().map((event) => (
            <li key={`${event.at}-${event.what}`}>
              <p className="timeline-what">{event.what}</p>
              <p className="timeline-when">
                <time dateTime={event.at}>{chinaTime(event.at)}</time> · {event.by}
              </p>
            </li>
          ))}
        </ol>
        <p className="hint">时间均为北京时间。</p>
      </section>
      {!closed && <SupplementForm credentials={credentials} onAdded={onChanged} />}
      {view.canGiveFeedback && <FeedbackForm credentials={credentials} onGiven={onChanged} />}
      {view.feedback && (
        <section className="section" aria-labelledby="feedback-title">
          <h2 id="feedback-title">您的评价</h2>
          <p>
            {view.feedback.score}星（{SCORE_WORDS[view.feedback.score]}），评价于 {chinaTime(view.feedback.at)}
            {CHINA_TIME_NOTE}
          </p>
        </section>
      )}
    </>
  );
}

/** Posts one of the worker's forms; the API's field errors land beside the form's fields. */
function usePost(action: Action) {
  const [form] = Form.useForm();
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();
  async function post(send: () => Promise<unknown>, done: () => void) {
    setSending(true);
    setError(undefined);
    try {
      await send();
      form.resetFields();
      done();
    } catch (caught) {
      const failure = asFailure(caught);
      setError(failureMessage(failure, action));
      form.setFields([...fieldErrors(failure)].map(([name, message]) => ({ name, errors: [message] })));
    } finally {
      setSending(false);
    }
  }
  return { form, sending, error, post };
}

function SupplementForm({ credentials, onAdded }: { credentials: Credentials; onAdded: () => void }) {
  const { form, sending, error, post } = usePost('supplement');
  const submit = ({ text }: { text: string }) =>
    post(
      async () =>
        call(
          (await api()).POST('/public/complaints/{caseNumber}/supplements', {
            params: { path: { caseNumber: credentials.caseNumber }, header: { 'x-access-code': credentials.accessCode } },
            body: { text: text.trim() },
          }),
        ),
      () => {
        Toast.show({ icon: 'success', content: '已补充，承办人员会看到' });
        onAdded();
      },
    );
  return (
    <section className="section" aria-labelledby="supplement-title">
      <h2 id="supplement-title">补充材料</h2>
      <FormError message={error} />
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        footer={
          <Button block type="submit" size="large" loading={sending} loadingText="正在提交">
            提交补充
          </Button>
        }
      >
        <Form.Item
          name="text"
          label="补充内容"
          description="例如新的联系人、证据情况；承办人员会看到"
          rules={[{ required: true, whitespace: true, message: '请填写补充内容' }]}
        >
          <TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
      </Form>
    </section>
  );
}

function FeedbackForm({ credentials, onGiven }: { credentials: Credentials; onGiven: () => void }) {
  const { form, sending, error, post } = usePost('feedback');
  const score = Form.useWatch('score', form) as number | undefined;
  const submit = ({ score, comment }: { score: number; comment?: string }) =>
    post(
      async () =>
        call(
          (await api()).POST('/public/complaints/{caseNumber}/feedback', {
            params: { path: { caseNumber: credentials.caseNumber }, header: { 'x-access-code': credentials.accessCode } },
            body: { score, ...(comment?.trim() ? { comment: comment.trim() } : {}) },
          }),
        ),
      () => {
        Toast.show({ icon: 'success', content: '感谢您的评价' });
        onGiven();
      },
    );
  return (
    <section className="section" aria-labelledby="feedback-form-title">
      <h2 id="feedback-form-title">评价本次服务</h2>
      <FormError message={error} />
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        footer={
          <Button block type="submit" color="primary" size="large" loading={sending} loadingText="正在提交">
            提交评价
          </Button>
        }
      >
        <Form.Item
          name="score"
          label="您对工会的服务满意吗"
          description={score ? `${score}星：${SCORE_WORDS[score]}` : '点星星打分，5星最满意'}
          rules={[{ required: true, message: '请点星星打分' }]}
        >
          <StarRating />
        </Form.Item>
        <Form.Item name="comment" label="想说的话（可不填）">
          <TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </section>
  );
}
