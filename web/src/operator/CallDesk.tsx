import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  InputNumber,
  List,
  Radio,
  Result,
  Row,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap, type CaseView } from '../api/client';
import { ApiError, PHONE_NUMBER_HINT, messageOf } from '../api/errors';
import { HotlineCallModal } from '../cases/HotlineCallModal';
import { ErrorAlert } from '../components/ErrorAlert';
import { RegionPicker } from '../components/RegionPicker';
import { clearApiErrorsOnEdit, showFieldErrors } from '../lib/forms';
import { attemptFor, type Attempt } from '../lib/ids';
import { CATEGORIES, CHANNELS, REQUEST_KINDS, STAFF_CHANNELS, optionsOf } from '../lib/labels';
import { yuanToFen } from '../lib/money';
import { chinaTime } from '../lib/time';
import { normalizePhoneNumber } from '../../../shared/domain/identifiers.js';
import type { Schemas } from '../api/client';

type Lookup = Schemas['CallerLookup'];
type RegisterRequest = Schemas['RegisterCaseRequest'];

interface FormValues {
  kind: RegisterRequest['kind'];
  channel: RegisterRequest['channel'];
  category: RegisterRequest['category'];
  regionCode: string;
  complainant: { name: string; mobile: string; idNumber?: string; flags?: ('migrantWorker' | 'womanWorker' | 'modelWorker')[] };
  employer?: { name?: string; creditCode?: string };
  workersInvolved: number;
  amountClaimedYuan?: string;
  description: string;
  answered?: boolean;
  advice?: string;
}

function toRequest(values: FormValues): RegisterRequest {
  const flags = new Set(values.complainant.flags ?? []);
  const fen = values.amountClaimedYuan ? yuanToFen(values.amountClaimedYuan) : undefined;
  const employerName = values.employer?.name?.trim();
  const creditCode = values.employer?.creditCode?.trim();
  return {
    kind: values.kind,
    channel: values.channel,
    category: values.category,
    regionCode: values.regionCode,
    complainant: {
      name: values.complainant.name,
      mobile: values.complainant.mobile,
      ...(values.complainant.idNumber?.trim() ? { idNumber: values.complainant.idNumber.trim() } : {}),
      migrantWorker: flags.has('migrantWorker'),
      womanWorker: flags.has('womanWorker'),
      modelWorker: flags.has('modelWorker'),
    },
    ...(employerName ? { employer: { name: employerName, ...(creditCode ? { creditCode } : {}) } } : {}),
    description: values.description,
    workersInvolved: values.workersInvolved,
    ...(fen !== undefined ? { amountClaimedFen: fen } : {}),
    ...(values.kind === 'consultation' && values.answered && values.advice ? { answeredOnCall: { advice: values.advice } } : {}),
  };
}

/**
 * The caller's earlier cases, as soon as a full number is typed or pasted. A
 * call about one of them is logged on it (记录本次来电) instead of registering
 * a new case.
 */
function CallerHistory({ lookup, loading, error }: { lookup: Lookup | undefined; loading: boolean; error: unknown }) {
  const [calling, setCalling] = useState<{ caseId: string; caseNumber: string }>();
  const { message } = App.useApp();
  if (error) return <ErrorAlert error={error} />;
  if (!lookup) return <Typography.Text type="secondary">输入或粘贴来电号码后，自动显示该号码的历史案件。</Typography.Text>;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {lookup.cases.length > 0 ? (
        <Alert type="warning" showIcon title={`重复来电：${lookup.phone} 已有 ${lookup.cases.length} 件历史案件`} />
      ) : (
        <Alert type="info" showIcon title={`${lookup.phone} 首次来电，无历史案件`} />
      )}
      <List
        loading={loading}
        dataSource={lookup.cases}
        locale={{ emptyText: '无历史案件' }}
        renderItem={(item) => (
          <List.Item
            actions={[
              <Button
                key="call"
                size="small"
                aria-label={`记录本次来电（${item.caseNumber}）`}
                onClick={() => setCalling({ caseId: item.caseId, caseNumber: item.caseNumber })}
              >
                记录本次来电
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={<Link to={`/case/${item.caseId}`}>{item.caseNumber}</Link>}
              description={`${item.categoryLabel} · ${chinaTime(item.registeredAt)}`}
            />
            <Tag>{item.statusLabel}</Tag>
          </List.Item>
        )}
      />
      <HotlineCallModal
        open={calling !== undefined}
        caseId={calling?.caseId ?? ''}
        caseNumber={calling?.caseNumber ?? ''}
        onClose={() => setCalling(undefined)}
        onDone={() => {
          message.success(`已记录 ${calling?.caseNumber} 的来电`);
          setCalling(undefined);
        }}
      />
    </Space>
  );
}

/** Failures after which the case may or may not exist: the same form sent again is answered with it, if it does. */
const OUTCOME_NOT_HEARD = new Set(['NETWORK', 'OUTCOME_UNKNOWN']);
const RESEND_SAFELY = '未收到登记结果，案件可能已经登记。请不要修改表单，直接再按一次“登记”：不会重复登记。';

/** 来电登记: the operator's screen during a call. */
export default function CallDesk() {
  const [form] = Form.useForm<FormValues>();
  const { message } = App.useApp();
  const [phone, setPhone] = useState('');
  const [lookup, setLookup] = useState<{ data?: Lookup; error?: unknown; loading: boolean }>({ loading: false });
  const [created, setCreated] = useState<CaseView>();
  const [submitting, setSubmitting] = useState(false);
  const [banner, setBanner] = useState<string>();
  // One Idempotency-Key per distinct registration: sending the same form again after an answer was lost (a dropped
  // connection, 503 OUTCOME_UNKNOWN) reuses it, so the API returns the case it registered instead of a second one
  // and a second SMS.
  const attempt = useRef<Attempt | undefined>(undefined);
  const kind = Form.useWatch('kind', form);
  const answered = Form.useWatch('answered', form);

  // A landline's 7-digit local number is whole before its 8th digit is typed: only the latest look-up may answer.
  const latestLookup = useRef('');
  const lookUp = async (typed: string) => {
    setPhone(typed);
    const number = normalizePhoneNumber(typed);
    if (!number) return;
    const phoneNumber = number.canonical;
    latestLookup.current = phoneNumber;
    form.setFieldValue(['complainant', 'mobile'], phoneNumber);
    setLookup((previous) => ({ ...previous, loading: true }));
    try {
      const data = await unwrap(api().POST('/callers/lookup', { body: { phone: phoneNumber } }));
      if (latestLookup.current === phoneNumber) setLookup({ data, loading: false });
    } catch (error) {
      if (latestLookup.current === phoneNumber) setLookup({ error, loading: false });
    }
  };

  const submit = async (values: FormValues) => {
    setSubmitting(true);
    setBanner(undefined);
    try {
      const body = toRequest(values);
      attempt.current = attemptFor(attempt.current, body);
      const registered = await unwrap(
        api().POST('/cases', { body, params: { header: { 'idempotency-key': attempt.current.key } } }),
      );
      setCreated(registered);
      message.success(`已登记 ${registered.caseNumber}`);
    } catch (error) {
      const unshown = showFieldErrors(form, error, { amountClaimedFen: 'amountClaimedYuan', answeredOnCall: 'advice' });
      setBanner(
        error instanceof ApiError && error.code === 'VALIDATION_FAILED'
          ? [error.message, ...unshown].join(' ')
          : error instanceof ApiError && OUTCOME_NOT_HEARD.has(error.code)
            ? RESEND_SAFELY
            : messageOf(error),
      );
    } finally {
      setSubmitting(false);
    }
  };

  const nextCall = () => {
    attempt.current = undefined;
    setCreated(undefined);
    setPhone('');
    setLookup({ loading: false });
    form.resetFields();
  };

  return (
    <Row gutter={24}>
      <Col xs={24} lg={9}>
        <Card title="来电号码" style={{ marginBottom: 24 }}>
          <Input
            size="large"
            aria-label="来电号码"
            placeholder="输入或粘贴来电号码"
            value={phone}
            onChange={(event) => void lookUp(event.target.value)}
            allowClear
            inputMode="tel"
          />
          <div style={{ marginTop: 16 }}>
            <CallerHistory lookup={lookup.data} loading={lookup.loading} error={lookup.error} />
          </div>
        </Card>
      </Col>
      <Col xs={24} lg={15}>
        {created ? (
          <Card>
            <Result
              status="success"
              title="登记成功，请告知来电人案件编号"
              subTitle={`${created.kindLabel} · ${created.categoryLabel} · ${created.statusLabel} · ${created.unionName}`}
              extra={
                <Space direction="vertical" size="large">
                  <div className="case-number-big" role="status" aria-label="案件编号">
                    {created.caseNumber}
                  </div>
                  <Space>
                    <Button type="primary" size="large" onClick={nextCall}>
                      登记下一个来电
                    </Button>
                    <Link to={`/case/${created.caseId}`}>查看案件</Link>
                  </Space>
                </Space>
              }
            />
          </Card>
        ) : (
          <Card title="登记来电">
            {banner && <Alert type="error" showIcon title={banner} style={{ marginBottom: 16 }} />}
            <Form<FormValues>
              form={form}
              layout="vertical"
              onFinish={(values) => void submit(values)}
              onValuesChange={clearApiErrorsOnEdit(form)}
              initialValues={{ kind: 'complaint', channel: 'hotline', workersInvolved: 1, complainant: { flags: [] } }}
              scrollToFirstError
            >
              <Row gutter={16}>
                <Col span={12}>
                  <Form.Item name="kind" label="诉求类型" rules={[{ required: true, message: '请选择诉求类型' }]}>
                    <Radio.Group
                      optionType="button"
                      options={optionsOf(REQUEST_KINDS, ['consultation', 'complaint', 'legal_aid_application', 'suggestion'])}
                    />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="channel" label="来源渠道">
                    <Select options={optionsOf(CHANNELS, STAFF_CHANNELS)} />
                  </Form.Item>
                </Col>
              </Row>
              <Row gutter={16}>
                <Col span={12}>
                  <Form.Item name="category" label="争议类别" rules={[{ required: true, message: '请选择争议类别' }]}>
                    <Select options={optionsOf(CATEGORIES)} placeholder="请选择" showSearch optionFilterProp="label" />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name="regionCode" label="用工地区" rules={[{ required: true, message: '请选择用工地区' }]}>
                    <RegionPicker />
                  </Form.Item>
                </Col>
              </Row>
              <Row gutter={16}>
                <Col span={8}>
                  <Form.Item
                    name={['complainant', 'name']}
                    label="来电人姓名"
                    rules={[{ required: true, message: '请填写姓名' }]}
                  >
                    <Input />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item
                    name={['complainant', 'mobile']}
                    label="联系电话（手机或座机）"
                    rules={[
                      { required: true, whitespace: true, message: '请填写联系电话' },
                      {
                        validator: async (_rule, value?: string) => {
                          if (value?.trim() && !normalizePhoneNumber(value)) throw new Error(PHONE_NUMBER_HINT);
                        },
                      },
                    ]}
                  >
                    <Input inputMode="tel" placeholder="如 13812345678 或 024-23456789" />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name={['complainant', 'idNumber']} label="身份证号（选填）">
                    <Input />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name={['complainant', 'flags']} label="职工身份">
                <Checkbox.Group
                  options={[
                    { value: 'migrantWorker', label: '农民工' },
                    { value: 'womanWorker', label: '女职工' },
                    { value: 'modelWorker', label: '劳动模范' },
                  ]}
                />
              </Form.Item>
              <Row gutter={16}>
                <Col span={12}>
                  <Form.Item
                    name={['employer', 'name']}
                    label="用人单位"
                    rules={[{ required: kind !== 'consultation' && kind !== 'suggestion', message: '投诉须填写用人单位名称' }]}
                  >
                    <Input />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item name={['employer', 'creditCode']} label="统一社会信用代码（选填）">
                    <Input maxLength={18} style={{ textTransform: 'uppercase' }} />
                  </Form.Item>
                </Col>
              </Row>
              <Row gutter={16}>
                <Col span={12}>
                  <Form.Item name="workersInvolved" label="涉及职工人数" rules={[{ required: true, message: '请填写人数' }]}>
                    <InputNumber min={1} max={100000} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col span={12}>
                  <Form.Item
                    name="amountClaimedYuan"
                    label="请求金额（元，选填）"
                    rules={[
                      {
                        validator: async (_, value?: string) => {
                          if (value && yuanToFen(value) === undefined)
                            throw new Error('请输入金额，如 36000 或 1234.50（最多两位小数）');
                        },
                      },
                    ]}
                  >
                    <Input inputMode="decimal" prefix="¥" />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="description" label="诉求描述" rules={[{ required: true, message: '请记录来电人的诉求' }]}>
                <Input.TextArea rows={4} maxLength={4000} showCount />
              </Form.Item>
              {kind === 'consultation' && (
                <>
                  <Form.Item name="answered" valuePropName="checked">
                    <Checkbox>已当场解答（登记后即办结）</Checkbox>
                  </Form.Item>
                  {answered && (
                    <Form.Item name="advice" label="解答内容" rules={[{ required: true, message: '请记录解答内容' }]}>
                      <Input.TextArea rows={3} maxLength={2000} />
                    </Form.Item>
                  )}
                </>
              )}
              <Button type="primary" htmlType="submit" size="large" loading={submitting}>
                登记
              </Button>
            </Form>
          </Card>
        )}
      </Col>
    </Row>
  );
}
