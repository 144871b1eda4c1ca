import { NavBar } from 'antd-mobile';
import { navigate } from '../routes';

/** The bar at the top of every screen; inner screens go back to the start. */
export function PageHeader({ title, back = false }: { title: string; back?: boolean }) {
  return (
    <header>
      <NavBar back={back ? '首页' : null} backIcon={back} onBack={() => navigate('home')}>
        <h1 className="page-title">{title}</h1>
      </NavBar>
    </header>
  );
}
