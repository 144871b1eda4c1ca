import { Button, Dialog, Result, Toast } from 'antd-mobile';
import type { FiledComplaint } from '../api/client';
import { CaseStatus } from './NextStep';
import type { Credentials } from './StatusPage';

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Plain http or an old WebView: no clipboard API; the worker can still select the text or take a screenshot.
    return false;
  }
}

/** The one time the access code is shown: it is never stored, on the phone or (in clear) by the union. */
export function Receipt({ filed, onSaved }: { filed: FiledComplaint; onSaved: (credentials: Credentials) => void }) {
  const credentials = { caseNumber: filed.caseNumber, accessCode: filed.accessCode };

  async function copy() {
    const copied = await copyText(`案件编号：${filed.caseNumber}\n查询码：${filed.accessCode}`);
    Toast.show(
      copied
        ? { icon: 'success', content: '已复制，请粘贴保存到备忘录或发给自己' }
        : { content: '无法自动复制，请截图或抄写保存' },
    );
  }

  async function done() {
    const sure = await Dialog.confirm({
      title: '确定已经保存了吗？',
      content: '离开这一页后，查询码不会再显示。没有查询码将无法查询进度。',
      confirmText: '已保存',
      cancelText: '返回保存',
    });
    if (sure) onSaved(credentials);
  }

  return (
    <main className="page">
      <header>
        <Result
          status="success"
          title={<h1 className="page-title">投诉已提交</h1>}
          description={`${filed.unionName}已收到您的投诉`}
        />
      </header>
      <section className="save-box" aria-labelledby="save-title">
        <h2 id="save-title">请保存：案件编号和查询码</h2>
        <p>{filed.notice}</p>
        <dl className="credentials">
          <dt>案件编号</dt>
          <dd className="code" data-testid="case-number">
            {filed.caseNumber}
          </dd>
          <dt>查询码</dt>
          <dd className="code" data-testid="access-code">
            {filed.accessCode}
          </dd>
        </dl>
        <Button block size="large" onClick={copy}>
          复制案件编号和查询码
        </Button>
        <p className="hint">也可以截图或抄写在纸上。</p>
      </section>
      <CaseStatus {...filed} />
      <div className="actions">
        <Button block color="primary" size="large" onClick={done}>
          我已保存，查看进度
        </Button>
      </div>
    </main>
  );
}
