/**
 * Persona cards: for each persona its name, size and share, top traits generated from a profile, strategy,
 * channel and radar values (standardized scores), as data; and an HTML renderer using the report's
 * `persona-cards` / `persona-card` CSS classes.
 */
import { ValidationError } from '../core/errors';
import { segmentTraits, type DescribeOptions } from './describe';
import type { SegmentProfiles } from './profile';
import type { PersonaDefinition } from './rules';
import { escapeHtml, fmtPercent } from './stats';

/** One persona card. */
export interface PersonaCard {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly color: string;
  /** Customers with this persona, and their share of the profiled rows. */
  readonly size: number;
  readonly share: number;
  /** Generated traits (most distinguishing first). */
  readonly traits: readonly string[];
  readonly strategy: readonly string[];
  readonly channel: string;
  /** Radar axes and the persona's z-scores on them (0 for an empty persona). */
  readonly radar: { readonly features: readonly string[]; readonly values: readonly number[] };
  /** Target rate (NaN without target). */
  readonly targetRate: number;
}

/** Options of {@link personaCards}. */
export interface PersonaCardOptions extends DescribeOptions {
  /** Radar axes: numeric features of the profile. Default the first 6 numeric features of the profile. */
  radarFeatures?: readonly string[];
  /** Display names of radar axes. Default: `labels` when a string / has a label, else the feature name. */
  radarLabels?: readonly string[];
}

/**
 * Build the cards. `personas[k]` is the persona with label k (the order of `PersonaModel.personas`), and `profile`
 * the profile of the same rows computed with the persona labels.
 * Complexity: O(K·(p + Σ levels) log(p + Σ levels)).
 * @throws ValidationError when a radar feature is not a numeric feature of the profile.
 */
export function personaCards(personas: readonly PersonaDefinition[], profile: SegmentProfiles, options: PersonaCardOptions = {}): PersonaCard[] {
  const radarFeatures = [...(options.radarFeatures ?? profile.numericFeatures.slice(0, 6))];
  const idx = radarFeatures.map((f) => {
    const j = profile.numericFeatures.indexOf(f);
    if (j < 0) throw new ValidationError(`radar feature "${f}" is not a numeric feature of the profile (${profile.numericFeatures.join(', ')})`);
    return j;
  });
  const axisName = (f: string, i: number) => {
    const given = options.radarLabels?.[i];
    if (given) return given;
    const l = options.labels?.[f];
    return typeof l === 'string' ? l : l?.label ?? f;
  };
  return personas.map((p, k) => {
    const seg = profile.segments.find((s) => s.label === k);
    return {
      id: p.id, name: p.name, description: p.description, color: p.color,
      size: seg?.size ?? 0, share: seg?.share ?? 0,
      traits: seg ? segmentTraits(profile, k, options) : [],
      strategy: [...p.strategy], channel: p.channel,
      radar: { features: radarFeatures.map(axisName), values: idx.map((j) => (seg && Number.isFinite(seg.numeric[j].z) ? seg.numeric[j].z : 0)) },
      targetRate: seg?.targetRate ?? NaN,
    };
  });
}

/**
 * The cards as HTML (`<div class="persona-cards">` of `<div class="persona-card">`), every text escaped.
 * Complexity: O(total text).
 * @param options.targetLabel phrase for the target rate line, e.g. "subscribed"; omitted when the rate is NaN.
 */
export function personaCardsHtml(cards: readonly PersonaCard[], options: { targetLabel?: string } = {}): string {
  const li = (xs: readonly string[]) => `<ul>${xs.map((x) => `<li>${escapeHtml(x)}</li>`).join('')}</ul>`;
  const body = cards.map((c) => {
    const color = /^[#a-zA-Z0-9(),.\s%]+$/.test(c.color) ? c.color : '#999999';
    const target = Number.isFinite(c.targetRate) ? `<div class="share">${escapeHtml(options.targetLabel ?? 'target rate')}: ${fmtPercent(c.targetRate)}</div>` : '';
    return [
      `<div class="persona-card" style="border-top: 4px solid ${color}">`,
      `<h3>${escapeHtml(c.name)}</h3>`,
      `<div class="share">${c.size.toLocaleString('en-US')} customers · ${fmtPercent(c.share)}</div>`,
      target,
      `<p>${escapeHtml(c.description)}</p>`,
      c.traits.length ? `<strong>Traits</strong>${li(c.traits)}` : '',
      `<strong>Strategy</strong>${li(c.strategy)}`,
      `<div class="share">Channel: ${escapeHtml(c.channel)}</div>`,
      '</div>',
    ].join('');
  });
  return `<div class="persona-cards">${body.join('')}</div>`;
}
