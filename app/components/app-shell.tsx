import { Form, Link, NavLink } from "@remix-run/react";
import { ROLE_LABELS, type Role } from "~/auth/permissions";

export interface ShellUser {
  email: string;
  name: string;
  role: Role;
}

export interface NavItem {
  to: string;
  label: string;
}

/** Navigation for the capabilities that exist; a role sees only what it may use. */
export function AppShell({
  user,
  nav = [],
  children,
}: {
  user: ShellUser | null;
  nav?: NavItem[];
  children: React.ReactNode;
}) {
  return (
    <>
      <a className="usa-skipnav" href="#main-content">
        Skip to main content
      </a>
      <UserBar user={user} />
      <header className="usa-header usa-header--basic">
        <div className="usa-nav-container">
          <div className="usa-navbar">
            <div className="usa-logo">
              <em className="usa-logo__text">
                <Link to="/" title="CompStat 311 home">
                  CompStat 311
                </Link>
              </em>
            </div>
          </div>
          <nav aria-label="Primary navigation" className="usa-nav">
            <ul className="usa-nav__primary usa-accordion">
              {nav.map((item) => (
                <li className="usa-nav__primary-item" key={item.to}>
                  <NavLink
                    to={item.to}
                    end={item.to === "/"}
                    className={({ isActive }) => `usa-nav-link${isActive ? " usa-current" : ""}`}
                  >
                    <span>{item.label}</span>
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        </div>
      </header>
      <main id="main-content" className="grid-container cs-main">
        {children}
      </main>
    </>
  );
}

/**
 * Who is signed in, with the way out, in a slim bar of its own so the primary navigation
 * keeps one line; sign-out is a POST so another site cannot trigger it.
 */
function UserBar({ user }: { user: ShellUser | null }) {
  return (
    <div className="cs-user-bar" role="region" aria-label="Your account">
      <div className="cs-user-bar__inner">
        {user ? (
          <>
            <span>
              Signed in as <span className="text-bold">{user.name}</span> · {ROLE_LABELS[user.role]}
            </span>
            <Link to="/account/password">Change my password</Link>
            <Form method="post" action="/logout">
              <button className="usa-button usa-button--unstyled cs-user-bar__button" type="submit">
                Sign out
              </button>
            </Form>
          </>
        ) : (
          <Link to="/login">Sign in</Link>
        )}
      </div>
    </div>
  );
}
