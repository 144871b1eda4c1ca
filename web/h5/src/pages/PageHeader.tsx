import { navigate } from '../routes';

/**
 * The bar at the top of every screen; inner screens go back to the start.
 * Plain HTML rather than antd-mobile's NavBar, whose back area is a nameless
 * role="button" even when hidden.
 */
export function PageHeader({ title, back = false }: { title: string; back?: boolean }) {
  return (
    <header className="top-bar">
      {back && (
        <button type="button" className="back-button" onClick={() => navigate('home')}>
          <span aria-hidden="true" className="back-arrow">
            ‹
          </span>
          首页
        </button>
      )}
      <h1 className="page-title">{title}</h1>
    </header>
  );
}
