import { App, Button, Card, Col, Empty, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { COUNTED_FIGURES, DERIVED_LABELS, figureLabel } from '../../../shared/domain/figures.js';
import { api, download, unwrap, type MonthlyReport } from '../api/client';
import { messageOf } from '../api/errors';
import { currentSession } from '../auth/session';
import { Chart, type ChartOption } from '../components/Chart';
import { ErrorAlert } from '../components/ErrorAlert';
import { CATEGORIES } from '../lib/labels';
import { fenToYuan } from '../lib/money';
import { chinaMonth, chinaTime } from '../lib/time';
import { useLoad } from '../lib/useLoad';

type MonthView = MonthlyReport['months'][number];

/** `YYYY-MM` plus `count` months (negative goes back). */
function addMonths(month: string, count: number): string {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (monthNumber - 1) + count;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

const monthWords = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5))}月`;

function figureValue(name: string, value: number | undefined): string {
  if (value === undefined) return '—';
  if (name.endsWith('Fen')) return `¥${fenToYuan(value)}`;
  if (name === 'secondsToClose') return `${(value / 86_400).toFixed(1)} 天`;
  return value.toLocaleString('zh-CN');
}

const figureName = (name: string) => figureLabel(name).replace('（分）', '（元）').replace('（秒）', '');

function trendOption(months: readonly MonthView[]): ChartOption {
  const series = (['callsAnswered', 'opened', 'closed', 'overdue'] as const).map((name) => ({
    name: COUNTED_FIGURES[name],
    type: 'line',
    data: months.map((month) => month.subtree.figures[name] ?? 0),
  }));
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: months.map((month) => `${Number(month.month.slice(5))}月`) },
    yAxis: { type: 'value', minInterval: 1 },
    series,
  };
}

function barOption(labels: string[], values: number[], name: string): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 140, right: 30, top: 10, bottom: 30 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: labels, inverse: true },
    series: [{ name, type: 'bar', data: values, itemStyle: { color: '#c8102e' }, label: { show: true, position: 'right' } }],
  };
}

/** 月度报表: the union's month (and its subtree), the year's trend, breakdowns, the filed revision, downloads, filing. */
export default function Report() {
  const session = currentSession()!;
  const { message, modal } = App.useApp();
  const lastMonth = addMonths(chinaMonth(new Date()), -1);
  const [month, setMonth] = useState(lastMonth);
  const [union, setUnion] = useState(session.unionCode);
  const [filing, setFiling] = useState(false);

  const unions = useLoad(() => unwrap(api().GET('/unions')), []);
  const unionOptions = useMemo(() => {
    const items = unions.data?.items ?? [];
    const inSubtree = new Set([session.unionCode]);
    for (const item of items) if (item.parentCode && inSubtree.has(item.parentCode)) inSubtree.add(item.code);
    return items.filter((item) => inSubtree.has(item.code)).map((item) => ({ value: item.code, label: item.name }));
  }, [unions.data, session.unionCode]);
  const monthOptions = Array.from({ length: 24 }, (_, index) => addMonths(chinaMonth(new Date()), -index)).map((value) => ({
    value,
    label: monthWords(value),
  }));

  const report = useLoad(
    async () =>
      await unwrap(api().GET('/reports/monthly', { params: { query: { union, month: addMonths(month, -11), to: month } } })),
    [union, month],
  );
  const months = report.data?.months ?? [];
  const current = months.find((candidate) => candidate.month === month);
  const trend = useMemo(() => trendOption(months), [months]);
  const byCategory = useMemo(() => {
    const keys = Object.keys(CATEGORIES) as (keyof typeof CATEGORIES)[];
    return barOption(
      keys.map((key) => CATEGORIES[key]),
      keys.map((key) => current?.subtree.figures[`category.${key}`] ?? 0),
      '受理案件',
    );
  }, [current]);
  const byDistrict = useMemo(() => {
    const children = current?.children ?? [];
    return barOption(
      children.map((child) => child.unionName),
      children.map((child) => child.figures.opened ?? 0),
      '受理案件',
    );
  }, [current]);

  const fileMonth = () =>
    modal.confirm({
      title: `报送 ${report.data?.union.name ?? ''} ${monthWords(month)} 报表？`,
      content: '报送后本月数字锁定为新的版本；之后如有更正，可再次报送，差异会显示在报表中。',
      okText: '报送',
      cancelText: '取消',
      onOk: async () => {
        setFiling(true);
        try {
          const receipt = await unwrap(api().POST('/reports/{union}/{month}/file', { params: { path: { union, month } } }));
          message.success(`已报送第 ${receipt.revision} 版`);
          report.reload();
        } catch (error) {
          message.error(messageOf(error));
        } finally {
          setFiling(false);
        }
      },
    });
  const fetchFile = async (format: 'xlsx' | 'csv') => {
    try {
      await download(
        `/reports/monthly/export?union=${union}&month=${month}&format=${format}`,
        `月度报表-${union}-${month}.${format}`,
      );
    } catch (error) {
      message.error(messageOf(error));
    }
  };

  const filed = current?.filing.filed;
  const names = [...Object.keys(COUNTED_FIGURES)];
  const rows = names.map((name) => ({
    name,
    current: current?.subtree.figures[name],
    filed: filed?.figures[name],
    difference: current?.filing.difference?.[name],
  }));

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card>
        <Space wrap>
          <Select
            aria-label="单位"
            style={{ width: 220 }}
            value={union}
            onChange={setUnion}
            options={unionOptions}
            loading={unions.loading}
          />
          <Select aria-label="月份" style={{ width: 160 }} value={month} onChange={setMonth} options={monthOptions} />
          <Button onClick={() => void fetchFile('xlsx')}>下载 XLSX</Button>
          <Button onClick={() => void fetchFile('csv')}>下载 CSV</Button>
          <Button type="primary" loading={filing} onClick={fileMonth}>
            报送本月
          </Button>
          {filed ? (
            <Tag color="#237804">
              已报送第 {filed.revision} 版 · {chinaTime(filed.filedAt)}
            </Tag>
          ) : (
            <Tag>本月尚未报送</Tag>
          )}
        </Space>
      </Card>
      <ErrorAlert error={report.error} onRetry={report.reload} />
      {current ? (
        <>
          <Row gutter={[16, 16]}>
            {(['opened', 'closed', 'overdue'] as const).map((name) => (
              <Col key={name} flex="1 1 150px">
                <Card>
                  <Statistic title={COUNTED_FIGURES[name]} value={current.subtree.figures[name] ?? 0} />
                </Card>
              </Col>
            ))}
            <Col flex="1 1 150px">
              <Card>
                <Statistic title="挽回金额（元）" value={fenToYuan(current.subtree.figures.amountRecoveredFen ?? 0)} />
              </Card>
            </Col>
            {(Object.keys(DERIVED_LABELS) as (keyof typeof DERIVED_LABELS)[]).map((name) => {
              const value = current.subtree.derived[name];
              return (
                <Col key={name} flex="1 1 150px">
                  <Card>
                    <Statistic
                      title={DERIVED_LABELS[name]}
                      value={value === undefined ? '—' : name === 'averageDaysToClose' ? value : `${(value * 100).toFixed(1)}%`}
                    />
                  </Card>
                </Col>
              );
            })}
          </Row>
          <Card title={`${report.data?.union.name ?? ''} 近12个月趋势（含下级工会）`}>
            <Chart option={trend} label="近12个月来电、受理、办结、超期趋势图" />
          </Card>
          <Row gutter={24}>
            <Col xs={24} xl={12}>
              <Card title={`${monthWords(month)} 按争议类别`}>
                <Chart option={byCategory} label="按争议类别的受理案件数" height={360} />
              </Card>
            </Col>
            <Col xs={24} xl={12}>
              <Card title={`${monthWords(month)} 按下级工会`}>
                {current.children.length > 0 ? (
                  <Chart option={byDistrict} label="按下级工会的受理案件数" height={360} />
                ) : (
                  <Empty description="本单位没有下级工会" />
                )}
              </Card>
            </Col>
          </Row>
          <Card title={`${monthWords(month)} 主要指标：当前数字与已报送版本`}>
            <Table
              rowKey="name"
              size="small"
              pagination={false}
              dataSource={rows}
              columns={[
                { title: '指标', dataIndex: 'name', render: (name: string) => figureName(name) },
                {
                  title: '当前',
                  dataIndex: 'current',
                  align: 'right',
                  render: (value: number, row) => figureValue(row.name, value),
                },
                {
                  title: filed ? `已报送（第${filed.revision}版）` : '已报送',
                  dataIndex: 'filed',
                  align: 'right',
                  render: (value: number | undefined, row) => figureValue(row.name, value),
                },
                {
                  title: '差异',
                  dataIndex: 'difference',
                  align: 'right',
                  render: (value: number | undefined, row) =>
                    value ? (
                      <Typography.Text type="danger">{`${value > 0 ? '+' : ''}${figureValue(row.name, value)}`}</Typography.Text>
                    ) : (
                      ''
                    ),
                },
              ]}
            />
          </Card>
        </>
      ) : (
        !report.error && <Card loading={report.loading}>{!report.loading && <Empty description="暂无数据" />}</Card>
      )}
    </Space>
  );
}
