/**
 * The stand-in's pages around signing in, written after the shape of WHMCS's default themes
 * (login.tpl, two-factor-challenge.tpl, includes/captcha.tpl, banned.tpl,
 * error/rate-limit-exceeded.tpl): the same form actions, input names and classes, our own markup.
 */
import type { Theme } from './state.js';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** WHMCS adds the session's CSRF token to every form it renders. */
export function tokenInput(token: string): string {
  return `<input type="hidden" name="token" value="${escapeHtml(token)}" />`;
}

/** The page frame: the signed-in navbar links to logout.php and the Switch Account route. */
export function layout(theme: Theme, body: string, signedIn: boolean, title = 'Client Area'): string {
  const nav = signedIn
    ? `<ul class="navbar-nav"><li><a href="index.php?rp=/user/accounts">Switch Account</a></li><li><a href="logout.php">Logout</a></li></ul>`
    : `<ul class="navbar-nav"><li><a href="index.php?rp=/login">Login</a></li></ul>`;
  const shell =
    theme === 'six'
      ? `<section id="main-body"><div class="container">${body}</div></section>`
      : `<section id="main-body"><div class="container"><div class="primary-content">${body}</div></div></section>`;
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} - Stand-in Hosting</title></head><body data-phone-cc-input="1"><header id="header"><nav>${nav}</nav></header>${shell}</body></html>`;
}

export function loginPage(options: { theme: Theme; token: string; captcha: boolean; incorrect: boolean; captchaFailed: boolean }): string {
  const alert =
    options.incorrect || options.captchaFailed
      ? `<div class="alert alert-danger">${options.captchaFailed ? 'The characters you entered didn’t match' : 'Login Details Incorrect. Please try again.'}</div>`
      : '';
  const captcha = options.captcha
    ? `<div class="text-center row justify-content-center"><div id="default-captcha-domainchecker"><p>Please enter the characters you see in the image below.</p><img id="inputCaptchaImage" src="includes/verifyimage.php" /><input id="inputCaptcha" type="text" name="code" maxlength="6" class="form-control" /></div></div>`
    : '';
  const form = `<form method="post" action="index.php?rp=/login" class="login-form" role="form">${tokenInput(options.token)}
<div class="card"><div class="card-body">${alert}
<input type="email" class="form-control" name="username" id="inputEmail" placeholder="name@example.com" autofocus>
<input type="password" class="form-control pw-input" name="password" id="inputPassword" autocomplete="off">
${captcha}
<button id="login" type="submit" class="btn btn-primary">Login</button>
<label><input type="checkbox" class="form-check-input" name="rememberme" /> Remember Me</label>
</div></div></form>`;
  return layout(options.theme, `<div class="providerLinkingFeedback"></div>${form}`, false, 'Login');
}

/** The TOTP module's challenge puts one text input named `key` into the challenge form. */
export function challengePage(options: { theme: Theme; token: string; incorrect: boolean }): string {
  const alert = options.incorrect
    ? `<div class="alert alert-danger">Second factor incorrect. Please try again.</div>`
    : `<p>Your account is protected by two-factor authentication.</p>`;
  const body = `<div class="card"><div class="card-body">${alert}
<form method="post" action="index.php?rp=/login/challenge/verify" id="frmTwoFactorChallenge">${tokenInput(options.token)}
<div class="margin-bottom"><input type="text" name="key" maxlength="6" class="form-control input-lg" autocomplete="one-time-code" autofocus /><button type="submit" class="btn btn-primary">Login</button></div></form>
<form method="post" action="index.php?rp=/login/challenge/backup" id="frmTwoFactorBackup" class="w-hidden">${tokenInput(options.token)}<input type="text" name="twofabackupcode" class="form-control" /></form>
</div></div>`;
  return layout(options.theme, body, false, 'Two-Factor Authentication');
}

export function bannedPage(theme: Theme, ip: string): string {
  return layout(
    theme,
    `<div class="alert alert-danger"><strong><i class="fas fa-gavel"></i> Your IP ${escapeHtml(ip)} has been banned</strong><ul><li>Ban Reason: <strong>Abuse</strong></li><li>Ban Expires: Never</li></ul></div>`,
    false,
    'Banned',
  );
}

export function rateLimitPage(theme: Theme): string {
  return layout(
    theme,
    `<div class="container"><div class="text-center p-5"><h1 class="display-1">429</h1><h3>Too many requests</h3><p>Please wait a moment and try again.</p><div class="buttons"><a href="index.php" class="btn btn-primary px-4">Return Home</a></div></div></div>`,
    false,
    'Rate Limit Exceeded',
  );
}

export function csrfFailurePage(theme: Theme): string {
  return layout(theme, `<div class="alert alert-danger">Invalid CSRF Protection Token</div>`, false, 'Oops!');
}
