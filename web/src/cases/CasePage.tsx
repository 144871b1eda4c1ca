import { Card, Col, Descriptions, Empty, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { useParams } from 'react-router';
import { api, unwrap } from '../api/client';
import { currentSession } from '../auth/session';
import { PriorityTag } from '../components/CaseTable';
import { DeadlineClock } from '../components/Clock';
import { ErrorAlert } from '../components/ErrorAlert';
import { Money } from '../components/Money';
import { chinaTime } from '../lib/time';
import { useLoad } from '../lib/useLoad';
import { CaseActions, mayTake } from './CaseActions';
import { CorrectionButton } from './CorrectionModal';
import { CaseTimeline } from './Timeline';

/** One case: what it is about, its clocks, its history, and what the signed-in person can do with it. */
export default function CasePage() {
  const { caseId = '' } = useParams();
  const session = currentSession();
  const loaded = useLoad(async () => {
    const [caseView, timeline] = await Promise.all([
      unwrap(api().GET('/cases/{caseId}', { params: { path: { caseId } } })),
      unwrap(api().GET('/cases/{caseId}/timeline', { params: { path: { caseId } } })),
    ]);
    return { caseView, events: timeline.events };
  }, [caseId]);

  if (loaded.error) return <ErrorAlert error={loaded.error} onRetry={loaded.reload} />;
  if (!loaded.data || !session) return <Skeleton active paragraph={{ rows: 8 }} />;
  const { caseView: c, events } = loaded.data;
  const running = c.deadlines.filter((deadline) => deadline.state === 'running' || deadline.state === 'missed');

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space wrap align="center">
            <Typography.Title level={3} style={{ margin: 0 }}>
              {c.caseNumber}
            </Typography.Title>
            <Tag color="blue">{c.statusLabel}</Tag>
            <PriorityTag priority={c.priority} />
            {c.overdueAt && <Tag color="red">已超期</Tag>}
            {c.outcomeLabel && <Tag color="green">{c.outcomeLabel}</Tag>}
          </Space>
          <Space wrap>
            {running.length > 0 ? (
              running.map((deadline) => <DeadlineClock key={deadline.clock} deadline={deadline} />)
            ) : (
              <DeadlineClock deadline={undefined} />
            )}
          </Space>
          <CaseActions caseView={c} session={session} onChanged={loaded.reload} />
        </Space>
      </Card>
      <Row gutter={24}>
        <Col xs={24} xl={14}>
          <Card title="案件信息">
            <Descriptions column={2} size="small" bordered>
              <Descriptions.Item label="诉求类型">{c.kindLabel}</Descriptions.Item>
              <Descriptions.Item label="来源渠道">{c.channelLabel}</Descriptions.Item>
              <Descriptions.Item label="争议类别">{c.categoryLabel}</Descriptions.Item>
              <Descriptions.Item label="承办工会">{c.unionName}</Descriptions.Item>
              <Descriptions.Item label="职工">
                {c.complainant.name}
                {c.complainant.masked && <Tag style={{ marginLeft: 8 }}>认领后显示</Tag>}
              </Descriptions.Item>
              <Descriptions.Item label="联系电话">{c.complainant.mobile}</Descriptions.Item>
              <Descriptions.Item label="用人单位">{c.employer?.name ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="信用代码">{c.employer?.creditCode ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="涉及人数">
                {c.workersInvolved}
                {c.collective && (
                  <Tag color="orange" style={{ marginLeft: 8 }}>
                    群体性
                  </Tag>
                )}
              </Descriptions.Item>
              <Descriptions.Item label="请求金额">
                <Money fen={c.amountClaimedFen} />
              </Descriptions.Item>
              <Descriptions.Item label="受理时间">{chinaTime(c.receivedAt)}</Descriptions.Item>
              <Descriptions.Item label="办结时间">{chinaTime(c.closedAt)}</Descriptions.Item>
              {c.arbitration && (
                <Descriptions.Item label="仲裁" span={2}>
                  申请 {c.arbitration.filedOn}
                  {c.arbitration.acceptedOn && ` · 立案 ${c.arbitration.acceptedOn}`}
                  {c.arbitration.awardedOn && ` · 裁决 ${c.arbitration.awardedOn}`}
                </Descriptions.Item>
              )}
              {(c.amountAgreedFen !== undefined || c.amountRecoveredFen !== undefined) && (
                <Descriptions.Item label="协议 / 挽回金额" span={2}>
                  <Money fen={c.amountAgreedFen} /> / <Money fen={c.amountRecoveredFen} />
                </Descriptions.Item>
              )}
              {c.legalAidEligibility && (
                <Descriptions.Item label="法律援助经济困难审查" span={2}>
                  {c.legalAidEligibility.label}
                </Descriptions.Item>
              )}
              <Descriptions.Item label="诉求描述" span={2}>
                {c.description}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card
            title="办理过程"
            extra={
              mayTake('record_work', c, session) && <CorrectionButton caseId={c.caseId} events={events} onDone={loaded.reload} />
            }
          >
            {events.length > 0 ? <CaseTimeline events={events} /> : <Empty description="暂无记录" />}
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
