import { i18n } from '#i18n';
import { FLAG_COLOUR_LABELS, SEMANTIC_FLAGS, flagLabel } from '../../lib/remarks';
import { PART_NAMES, type SettingSource, type TeamSettings } from '../../lib/packs/team-settings';
import type { ShopPolicy } from '../../lib/returns';
import { FlagDot } from '../order/flag-dot';
import { sourceLabel } from '../team/source-label';
import { useTeamSettings } from '../team/use-team-settings';
import { Notice } from './ui';

/**
 * What the team packs put in force on this computer, read-only, each part with where it comes
 * from (the same answer the seller pages get: `team:settings`). Pack content is text only.
 */

function Source({ from }: { from: SettingSource }) {
  return (
    <span class={`muted small team-src team-src-${from.kind}`} data-testid="team-source">
      {sourceLabel(from)}
    </span>
  );
}

function policyLines(policy: ShopPolicy): string[] {
  const lines: string[] = [];
  if (policy.noReasonDays !== undefined)
    lines.push(i18n.t('team.policyField.noReasonDays', [String(policy.noReasonDays)]));
  if (policy.exchangeShippingSplit) lines.push(i18n.t('team.policyField.exchangeShippingSplit'));
  if (policy.returnShippingFree) lines.push(i18n.t('team.policyField.returnShippingFree'));
  if (policy.allergyReturnDays !== undefined)
    lines.push(i18n.t('team.policyField.allergyReturnDays', [String(policy.allergyReturnDays)]));
  if (policy.graceDays !== undefined)
    lines.push(i18n.t('team.policyField.graceDays', [String(policy.graceDays)]));
  if (policy.asOf) lines.push(i18n.t('team.policyField.asOf', [policy.asOf]));
  return lines;
}

function TeamView({ team }: { team: TeamSettings }) {
  const legend = team.legend.value;
  const packRules = team.wordingRules.filter((r) => r.from.kind === 'pack');
  const policy = policyLines(team.shopPolicy.value);
  return (
    <>
      <div class="card">
        <h3>{i18n.t('team.order')}</h3>
        {team.packs.length ? (
          <ol class="team-packs" data-testid="team-packs">
            {team.packs.map((p) => (
              <li key={p.id}>
                {p.name} <span class="muted">v{p.version}</span>
              </li>
            ))}
          </ol>
        ) : (
          <p class="muted">{i18n.t('team.none')}</p>
        )}
        {team.notes.length > 0 && (
          <Notice kind="warn" testId="team-notes">
            <b>{i18n.t('team.notes')}</b>
            <ul class="error-list">
              {team.notes.map((n, i) => (
                <li key={i} data-kind={n.kind}>
                  {PART_NAMES[n.part]} · {sourceLabel(n.from)}：{n.message}
                </li>
              ))}
            </ul>
          </Notice>
        )}
      </div>

      <div class="card" data-testid="team-legend">
        <h3>
          {i18n.t('team.legend')} <Source from={team.legend.from} />
        </h3>
        <table class="feature-table team-table">
          <tbody>
            {SEMANTIC_FLAGS.map((f) => {
              const entry = legend.flags[f];
              return (
                <tr key={f} data-flag={f} data-colour={entry.colour}>
                  <td>
                    <FlagDot colour={entry.colour} /> {FLAG_COLOUR_LABELS[entry.colour].zh}
                  </td>
                  <td>{flagLabel(f, legend)}</td>
                  <td class="muted">{entry.description ?? ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <div class="card">
        <h3>{i18n.t('team.templates')}</h3>
        <ul class="team-list" data-testid="team-templates">
          {team.remarkTemplates.map(({ template, from }) => (
            <li key={template.id}>
              <b>{template.title}</b> <Source from={from} />
            </li>
          ))}
        </ul>
      </div>

      <div class="card" data-testid="team-policy">
        <h3>
          {i18n.t('team.policy')} <Source from={team.shopPolicy.from} />
        </h3>
        {policy.length ? (
          <ul class="team-list">
            {policy.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        ) : (
          <p class="muted">{i18n.t('team.policyNone')}</p>
        )}
      </div>

      <div class="card" data-testid="team-rules">
        <h3>{i18n.t('team.rules')}</h3>
        <p class="muted">
          {i18n.t('team.rulesCount', [String(team.wordingRules.length), String(packRules.length)])}
        </p>
        {!team.builtinWordingRules && <p class="muted">{i18n.t('team.builtinsOff')}</p>}
        {packRules.length > 0 && (
          <ul class="team-list">
            {packRules.map(({ rule, from }) => (
              <li key={rule.id}>
                <b>{rule.pattern}</b>：{rule.message}
                {rule.suggestion ? ` → ${rule.suggestion}` : ''} <Source from={from} />
              </li>
            ))}
          </ul>
        )}
      </div>

      <div class="card" data-testid="team-reasons">
        <h3>{i18n.t('team.reasons')}</h3>
        <ul class="team-list inline-list">
          {team.registerReasons.returnFrom.map(({ label, from }) => (
            <li key={label} title={sourceLabel(from)} class={from.kind === 'pack' ? 'from-pack' : undefined}>
              {label}
            </li>
          ))}
        </ul>
      </div>
    </>
  );
}

export function TeamSection() {
  const team = useTeamSettings();
  return (
    <section class="team" aria-labelledby="team-title" data-testid="team-section">
      <div class="section-head">
        <div>
          <h2 id="team-title">{i18n.t('team.title')}</h2>
          <p class="muted section-sub">{i18n.t('team.intro')}</p>
        </div>
      </div>
      <TeamView team={team} />
    </section>
  );
}
