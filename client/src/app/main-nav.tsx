import type { MouseEvent } from 'react';
import { useI18n } from '../lib/i18n';
import { PAGES } from './pages';
import { navigate, ROUTES, usePath } from './router';

/** Links to the map and to every page the user's permissions allow; the current one is marked. */
export function MainNav({ permissions }: { permissions: string[] }) {
  const { t } = useI18n();
  const path = usePath();
  const links = [
    { path: ROUTES.map as string, label: t('nav.map') },
    ...PAGES.filter((page) => page.navPermission && permissions.includes(page.navPermission)).map((page) => ({
      path: page.path,
      label: t(page.titleKey),
    })),
  ];
  const follow = (event: MouseEvent<HTMLAnchorElement>, to: string) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <nav className="main-nav" aria-label={t('nav.label')}>
      <ul>
        {links.map((link) => (
          <li key={link.path}>
            <a href={link.path} aria-current={path === link.path ? 'page' : undefined} onClick={(event) => follow(event, link.path)}>
              {link.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
