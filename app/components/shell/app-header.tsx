import { useCallback, useEffect, useId, useRef, useState } from "react";
import { Form, NavLink, useLocation } from "react-router";
import type { Role } from "../../../db/roles";
import { navFor } from "../../auth/permissions";
import { useT } from "../i18n";
import { Logo } from "../logo";
import { QuickFind } from "../quick-find";
import { NAV_MESSAGES, ROLE_MESSAGES } from "./messages";

export type HeaderUser = { name: string; email: string; role: Role };

/**
 * The app header: a sidebar on wide screens; at 860 px and narrower one line (logo, quick find, a Menu
 * disclosure holding the navigation and the account area). Without JavaScript the menu stays a plain list
 * of links under the bar (the CSS collapses it only when the inline script has marked the page `data-js`).
 */
/** `badges`: a count to show beside a navigation entry (by its path), e.g. open training items. */
export function AppHeader({
  user,
  canRun,
  badges = {},
}: {
  user: HeaderUser;
  canRun: boolean;
  badges?: Readonly<Record<string, number>>;
}) {
  const tr = useT();
  const { t } = tr;
  const nav = navFor(user.role);
  const panelId = useId();
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const location = useLocation();

  // A followed link closes the menu.
  useEffect(() => setOpen(false), [location.pathname, location.search]);

  const close = useCallback((refocus: boolean) => {
    setOpen(false);
    if (refocus) toggle.current?.focus();
  }, []);

  useEffect(() => {
    if (!open) return;
    function onKey(e: KeyboardEvent) {
      if (e.key !== "Escape" || e.defaultPrevented) return;
      if (document.querySelector("dialog[open]")) return; // a dialog above the menu closes first
      e.preventDefault();
      close(true);
    }
    function onPointer(e: PointerEvent) {
      const target = e.target as Node;
      if (!menu.current?.contains(target) && !toggle.current?.contains(target)) close(false);
    }
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open, close]);

  return (
    <header className="sidebar app-header">
      <div className="app-bar">
        <NavLink to="/" className="sidebar-brand" aria-label={t("app.homeLink")}>
          <Logo />
        </NavLink>
        <QuickFind canRun={canRun} />
        <button
          ref={toggle}
          type="button"
          className="app-menu-toggle"
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => setOpen((o) => !o)}
        >
          <MenuIcon open={open} />
          <span>{t("app.menu.button")}</span>
        </button>
      </div>
      <div
        id={panelId}
        ref={menu}
        className="app-menu"
        data-open={open ? "" : undefined}
        onBlur={(e) => {
          // Tabbing out of the open menu closes it (the next control is already focused).
          const next = e.relatedTarget as Node | null;
          if (open && next && !menu.current?.contains(next) && !toggle.current?.contains(next)) setOpen(false);
        }}
      >
        <nav aria-label={t("app.nav.label")}>
          <ul className="nav-list">
            {nav.map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} className="nav-link" prefetch="intent">
                  {NAV_MESSAGES[item.to] ? t(NAV_MESSAGES[item.to]!) : item.label}
                  {badges[item.to] ? (
                    <span className="nav-badge" data-testid={`nav-badge-${item.to.slice(1)}`}>
                      <span aria-hidden="true">{tr.number(badges[item.to]!)}</span>
                      <span className="visually-hidden">{t("training.badge", { count: badges[item.to]! })}</span>
                    </span>
                  ) : null}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <section className="sidebar-user" aria-label={t("app.account.label")}>
          <div className="avatar" aria-hidden="true">
            {initials(user.name)}
          </div>
          <div className="sidebar-user-text">
            <span className="sidebar-user-name">{user.name}</span>
            <span className="sidebar-user-role" data-testid="current-role">
              {t(ROLE_MESSAGES[user.role])}
            </span>
          </div>
          <NavLink to="/profile" className="account-link">
            <ProfileIcon />
            {t("app.account.profile")}
          </NavLink>
          <Form method="post" action="/logout" className="account-signout">
            <button type="submit" className="button button-ghost button-small">
              {t("app.account.signOut")}
            </button>
          </Form>
        </section>
      </div>
    </header>
  );
}

export function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((p) => [...p][0]!.toLocaleUpperCase())
    .join("");
}

function MenuIcon({ open }: { open: boolean }) {
  return (
    <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" focusable="false">
      {open ? (
        <path d="M4 4l10 10M14 4L4 14" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      ) : (
        <path d="M2.5 4.5h13M2.5 9h13M2.5 13.5h13" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      )}
    </svg>
  );
}

function ProfileIcon() {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <circle cx="8" cy="5.5" r="3" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <path
        d="M2.5 14c.8-2.6 3-4 5.5-4s4.7 1.4 5.5 4"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinecap="round"
      />
    </svg>
  );
}
