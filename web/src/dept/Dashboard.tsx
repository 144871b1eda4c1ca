import { App, Button, Card, Col, List, Row, Space, Statistic, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap, type Alert } from '../api/client';
import { messageOf } from '../api/errors';
import { CaseTable } from '../components/CaseTable';
import { TAG_COLORS } from '../components/tag-colors';
import { ErrorAlert } from '../components/ErrorAlert';
import { chinaTime } from '../lib/time';
import { useLoad } from '../lib/useLoad';

function AlertItem({ alert, onAcknowledged }: { alert: Alert; onAcknowledged: () => void }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const acknowledge = async () => {
    setBusy(true);
    try {
      await unwrap(api().POST('/alerts/{alertId}/acknowledge', { params: { path: { alertId: alert.alertId } } }));
      message.success(`已确认预警：${alert.employerName}`);
      onAcknowledged();
    } catch (error) {
      message.error(messageOf(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <List.Item
      actions={[
        alert.acknowledgedAt ? (
          <Typography.Text type="secondary" key="done">
            已确认 {chinaTime(alert.acknowledgedAt)}
          </Typography.Text>
        ) : (
          <Button key="ack" type="primary" loading={busy} onClick={() => void acknowledge()}>
            确认预警
          </Button>
        ),
      ]}
    >
      <List.Item.Meta
        title={
          <Space wrap>
            <Tag color={TAG_COLORS.red}>{alert.kindLabel}</Tag>
            {alert.employerName}
            <Typography.Text type="secondary">{alert.creditCode}</Typography.Text>
          </Space>
        }
        description={
          <Space direction="vertical" size={2}>
            <span>
              {alert.complaintCount} 件投诉 · 涉及 {alert.workersInvolved} 名职工 · 涉及工会：
              {alert.unions.map((union) => union.name).join('、')}
            </span>
            <span>
              首次预警 {chinaTime(alert.raisedAt)}；本单位案件：
              {alert.cases.map((row) => (
                <Link key={row.caseId} to={`/case/${row.caseId}`} style={{ marginRight: 8 }}>
                  {row.caseNumber}
                </Link>
              ))}
            </span>
          </Space>
        }
      />
    </List.Item>
  );
}

/** 督办与预警: the legal department's home: overdue cases to chase and wage-arrears warnings to act on. */
export default function Dashboard() {
  const overdue = useLoad(() => unwrap(api().GET('/cases', { params: { query: { overdue: 'true', limit: '100' } } })), []);
  const alerts = useLoad(() => unwrap(api().GET('/alerts')), []);
  const open = alerts.data?.items.filter((alert) => !alert.acknowledgedAt).length ?? 0;
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Row gutter={24}>
        <Col span={8}>
          <Card>
            <Statistic title="超期案件" value={overdue.data?.items.length ?? '—'} loading={overdue.loading} />
          </Card>
        </Col>
        <Col span={8}>
          <Card>
            <Statistic title="待确认欠薪预警" value={alerts.data ? open : '—'} loading={alerts.loading} />
          </Card>
        </Col>
        <Col span={8}>
          <Card>
            <Statistic title="预警总数" value={alerts.data?.items.length ?? '—'} loading={alerts.loading} />
          </Card>
        </Col>
      </Row>
      <Card title="欠薪预警">
        <ErrorAlert error={alerts.error} onRetry={alerts.reload} />
        <List
          loading={alerts.loading}
          dataSource={alerts.data?.items ?? []}
          locale={{ emptyText: '暂无欠薪预警' }}
          renderItem={(alert) => <AlertItem alert={alert} onAcknowledged={alerts.reload} />}
        />
      </Card>
      <Card title="超期督办">
        <ErrorAlert error={overdue.error} onRetry={overdue.reload} />
        <CaseTable cases={overdue.data?.items} loading={overdue.loading} empty="没有超期案件" />
      </Card>
    </Space>
  );
}
