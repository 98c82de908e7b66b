import type { ReactNode } from 'react';
import { initials } from '../kit/initials.js';

/** The row header of a people table: avatar, name, email and any extra lines. */
export function PersonCell({ name, email, soft = false, children }: { name: string; email: string; soft?: boolean; children?: ReactNode }) {
  return (
    <th scope="row" className="person">
      <span className={soft ? 'avatar avatar--soft' : 'avatar'} aria-hidden="true">
        {initials(name)}
      </span>
      <span className="person__text">
        <span className="person__name">{name}</span>
        <span className="person__email">{email}</span>
        {children}
      </span>
    </th>
  );
}
