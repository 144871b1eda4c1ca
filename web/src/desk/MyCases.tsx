import { Card } from 'antd';
import { api, unwrap } from '../api/client';
import { currentSession } from '../auth/session';
import { CaseTable } from '../components/CaseTable';
import { ErrorAlert } from '../components/ErrorAlert';
import { byUrgency } from '../lib/urgency';
import { useLoad } from '../lib/useLoad';

const WORKED = ['claimed', 'in_progress', 'in_mediation'] as const;

/** 我的案件: the cases I work, with their running clocks (overdue in red). */
export default function MyCases() {
  const staffId = currentSession()?.staffId;
  const mine = useLoad(async () => {
    // The API has no owner filter: the worked statuses of my union's cases, then mine among them.
    const pages = await Promise.all(
      WORKED.map((status) => unwrap(api().GET('/cases', { params: { query: { status, limit: '100' } } }))),
    );
    return pages.flatMap((page) => page.items.filter((row) => row.owner?.staffId === staffId)).toSorted(byUrgency);
  }, [staffId]);
  return (
    <Card title="我的案件">
      <ErrorAlert error={mine.error} onRetry={mine.reload} />
      <CaseTable cases={mine.data} loading={mine.loading} empty="您目前没有在办案件，可到“待认领案件”认领" />
    </Card>
  );
}
