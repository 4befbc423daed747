import { allPages, createApi, isApiError, type Api } from './api.js';
import { escape, label } from './format.js';
import { renderPartnerTable } from './partnerTable.js';
import { renderQuadrant } from './quadrant.js';
import { renderTiles } from './tiles.js';
import type { ChannelHealth, Me, Page, Scorecard, TierSignal } from './types.js';

const TOKEN = 'prm.token';
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const periodsBack = (period: string, n: number) => {
  const out: string[] = [];
  let year = Number(period.slice(0, 4));
  let q = Number(period.slice(6));
  for (let i = 0; i < n; i++) {
    out.push(`${year}-Q${q}`);
    if (--q === 0) {
      q = 4;
      year -= 1;
    }
  }
  return out;
};

const describe = (me: Me) => {
  if (me.principal.kind === 'admin-key') return 'the admin key (vendor admin)';
  const roles = me.principal.vendorRoles.map((g) => `${label(g.role)}${g.regions ? ` (${g.regions.join(', ')})` : ''}`);
  const employer = me.principal.employer ? [`${label(me.principal.employer.role)} at ${me.principal.employer.partnerId}`] : [];
  return `${me.profile?.name ?? me.principal.personId} · ${[...roles, ...employer].join(', ') || 'no role'}`;
};

const renderSignals = (el: HTMLElement, page: Page<TierSignal>) => {
  if (page.items.length === 0) {
    el.innerHTML = '<p>No partner meets another tier\'s criteria (or no criteria are set).</p>';
    return;
  }
  const up = page.items.filter((s) => s.signal === 'upgrade').length;
  el.innerHTML = `<p>${up} upgrade, ${page.items.length - up} downgrade signals${page.nextCursor ? ' (first page)' : ''}.</p><ul>${page.items.slice(0, 50).map((s) =>
    `<li data-partner-id="${escape(s.partnerId)}"><span class="badge ${s.signal}">${s.signal}</span> ${escape(s.name)}: <span class="tier">${escape(s.tier)}</span> → <span class="tier">${escape(s.suggestedTier)}</span></li>`).join('')}</ul>`;
};

/** Loads and draws everything for one period; the channel-wide parts only for vendor staff. */
const url = (path: string, params: Record<string, string | undefined>) => {
  const defined = Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined);
  return defined.length ? `${path}?${new URLSearchParams(defined)}` : path;
};

const load = async (api: Api, period?: string) => {
  const notice = $('notice');
  notice.hidden = true;
  let current = period;
  try {
    const health = await api.get<ChannelHealth>(url('/dashboards/channel-health', { period }));
    current = health.period;
    $('health').hidden = false;
    renderTiles($('tiles'), health.managed ?? health, health.quadrant, health.managed ? ' · your partners' : '');
    renderQuadrant($('quadrant'), health.quadrant);
    renderSignals($('signals'), await api.get<Page<TierSignal>>(url('/dashboards/tier-signals', { period: current, limit: '200' })));
  } catch (error) {
    if (!isApiError(error) || error.status !== 403) throw error;
    $('health').hidden = true;
    notice.textContent = 'Channel health and tier signals are for the vendor\'s staff; here are your own partner\'s figures.';
    notice.hidden = false;
  }
  const scorecards = await allPages<Scorecard>(api, url('/scorecards', { period: current }));
  current ??= scorecards[0]?.period;
  const select = $<HTMLSelectElement>('period');
  if (current && select.options.length === 0) {
    select.innerHTML = periodsBack(current, 8).map((p) => `<option value="${p}">${p}</option>`).join('');
  }
  if (current) select.value = current;
  $('partner-count').textContent = `${scorecards.length} partners`;
  renderPartnerTable($<HTMLTableElement>('partners'), scorecards);
  document.body.dataset.loaded = current ?? 'yes';
};

const signIn = async (token: string) => {
  const api = createApi(token);
  const me = await api.get<Me>('/me');
  sessionStorage.setItem(TOKEN, token);
  $('sign-in').hidden = true;
  $('dashboard').hidden = false;
  $('who').hidden = false;
  $('who').querySelector('span')!.textContent = describe(me);
  $<HTMLSelectElement>('period').onchange = (e) => void load(api, (e.target as HTMLSelectElement).value);
  await load(api);
};

const signOut = () => {
  sessionStorage.removeItem(TOKEN);
  location.reload();
};

const start = () => {
  $('sign-in-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const error = $('sign-in-error');
    error.hidden = true;
    try {
      await signIn($<HTMLInputElement>('token').value.trim());
    } catch (e) {
      error.textContent = isApiError(e) && e.status === 401 ? 'That token is not valid (or has expired).' : `Could not sign in: ${(e as Error).message}`;
      error.hidden = false;
    }
  });
  $('sign-out').addEventListener('click', signOut);
  const saved = sessionStorage.getItem(TOKEN);
  if (saved) void signIn(saved).catch(signOut);
};

start();
