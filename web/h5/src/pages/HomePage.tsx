import { Button } from 'antd-mobile';
import { navigate } from '../routes';
import { PageHeader } from './PageHeader';

export function HomePage() {
  return (
    <main className="page">
      <PageHeader title="职工维权服务" />
      <section className="intro" aria-labelledby="intro-title">
        <h2 id="intro-title">遇到欠薪、工伤、劳动合同等问题？</h2>
        <p>在这里向工会投诉，不用注册账号。工会会安排调解员或志愿律师与您联系，全程免费。</p>
      </section>
      <div className="actions">
        <Button block color="primary" size="large" onClick={() => navigate('file')}>
          我要投诉
        </Button>
        <Button block size="large" onClick={() => navigate('status')}>
          查询进度、补充材料、评价
        </Button>
      </div>
      <p className="hint">
        也可以拨打 <a href="tel:12351">12351</a> 职工维权热线。
      </p>
    </main>
  );
}
