/**
 * The Switch Account page (user-switch-account.tpl) and the account home (clientareahome.tpl) of
 * both default themes: twenty-one's cards and six's rows and columns around the same anchors,
 * `data-id`, `label-info` owner badge, `disabled` closed accounts, and tiles linking to each list.
 */
import { escapeHtml, layout, tokenInput } from './auth-pages.js';
import { displayName, type StandInClient, type StandInMembership, type Theme } from './state.js';

export function switchAccountPage(theme: Theme, token: string, rows: { client: StandInClient; membership: StandInMembership }[]): string {
  const anchors = rows
    .map(({ client, membership }) => {
      const closed = client.status === 'Closed';
      const owner = membership.owner ? ` <span class="label label-info">Owner</span>` : '';
      const status = closed ? ` <span class="label label-default">${client.status}</span>` : '';
      return `<a href="#" data-id="${client.id}"${closed ? ' class="disabled"' : ''}>${escapeHtml(displayName(client))}${owner}${status}</a>`;
    })
    .join('\n');
  const list = rows.length === 0 ? `<p>No accounts found.</p>` : `<p>Choose an account</p><div class="select-account">${anchors}</div>`;
  const inner =
    theme === 'six'
      ? `<div class="row"><div class="col-sm-8 col-sm-offset-2">${list}</div></div>`
      : `<div class="card mw-540"><div class="card-body">${list}</div></div>`;
  const form = `<form method="post" action="index.php?rp=/user/accounts">${tokenInput(token)}<input type="hidden" name="id" value="" id="inputSwitchAcctId"></form>`;
  return layout(theme, inner + form, true, 'Switch Account');
}

/** Switch Account as a customised theme might write it: same route and form, other markup. */
export function restyledSwitchAccountPage(
  theme: Theme,
  token: string,
  rows: { client: StandInClient; membership: StandInMembership }[],
  email: string,
): string {
  const items = rows.map(({ client }) => `<li class="account-choice" data-account="${client.id}">${escapeHtml(displayName(client))}</li>`).join('');
  const inner = `<meta name="csrf-token" content="${token}"><p class="who">${escapeHtml(email)}</p><ul class="select-account">${items}</ul>`;
  const form = `<form method="post" action="index.php?rp=/user/accounts">${tokenInput(token)}<input type="hidden" name="id" value=""></form>`;
  return layout(theme, inner + form, true, 'Switch Account');
}

const TILES = [
  { href: 'clientarea.php?action=services', key: 'services', title: 'Services' },
  { href: 'clientarea.php?action=domains', key: 'domains', title: 'Domains' },
  { href: 'supporttickets.php', key: 'openTickets', title: 'Tickets' },
  { href: 'clientarea.php?action=invoices', key: 'unpaidInvoices', title: 'Invoices' },
] as const;

export function homePage(theme: Theme, client: StandInClient): string {
  const tiles = TILES.map(({ href, key, title }) => {
    const count = client.counts[key];
    return theme === 'six'
      ? `<div class="col-sm-3 col-xs-6 tile" onclick="window.location='${href}'"><a href="${href}"><i class="fas fa-cube"></i><div class="stat">${count}</div><div class="title">${title}</div><div class="highlight bg-color-blue"></div></a></div>`
      : `<div class="col-6 col-xl-3"><a href="${href}" class="tile"><i class="fas fa-cube"></i><div class="stat">${count}</div><div class="title">${title}</div><div class="highlight bg-color-blue"></div></a></div>`;
  }).join('');
  const wrapped =
    theme === 'six' ? `<div class="tiles clearfix"><div class="row">${tiles}</div></div>` : `<div class="tiles mb-4"><div class="row">${tiles}</div></div>`;
  return layout(theme, `<div class="client-home-panels">${wrapped}</div>`, true, `Welcome Back, ${client.firstName}`);
}
