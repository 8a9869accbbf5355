import type { Policy, Priority, Relationship } from '../../../clinical/types.ts';

export interface PolicyValues {
  priority: Priority;
  payerName: string;
  payerId: string;
  planName: string;
  memberId: string;
  groupNumber: string;
  subscriberRelationship: Relationship;
  subscriberName: string;
  subscriberDateOfBirth: string;
  effectiveFrom: string;
  effectiveTo: string;
}

export const PRIORITY_LABELS: Record<Priority, string> = {
  primary: 'Primary',
  secondary: 'Secondary',
  tertiary: 'Tertiary',
};

export const RELATIONSHIP_LABELS: Record<Relationship, string> = {
  self: 'The client (self)',
  spouse: 'Spouse or partner',
  child: 'Parent (the client is their child)',
  other: 'Someone else',
};

const OPTIONAL = ['payerId', 'planName', 'groupNumber', 'effectiveFrom', 'effectiveTo'] as const;

export function valuesOf(p: Policy | null, priority: Priority): PolicyValues {
  return {
    priority: p?.priority ?? priority,
    payerName: p?.payerName ?? '',
    payerId: p?.payerId ?? '',
    planName: p?.planName ?? '',
    memberId: p?.memberId ?? '',
    groupNumber: p?.groupNumber ?? '',
    subscriberRelationship: p?.subscriberRelationship ?? 'self',
    subscriberName: p?.subscriberName ?? '',
    subscriberDateOfBirth: p?.subscriberDateOfBirth ?? '',
    effectiveFrom: p?.effectiveFrom ?? '',
    effectiveTo: p?.effectiveTo ?? '',
  };
}

/**
 * The request body. A new policy leaves empty optional fields out; an edit sends them as null
 * to clear them. The subscriber's name and date of birth are sent only when the subscriber is
 * not the client (the API refuses them for "self", and clears them on a change to "self").
 */
export function bodyOf(v: PolicyValues, editing: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {
    priority: v.priority,
    payerName: v.payerName.trim(),
    memberId: v.memberId.trim(),
    subscriberRelationship: v.subscriberRelationship,
  };
  for (const k of OPTIONAL) {
    const value = v[k].trim();
    if (value) body[k] = value;
    else if (editing) body[k] = null;
  }
  if (v.subscriberRelationship !== 'self') {
    body.subscriberName = v.subscriberName.trim() || null;
    body.subscriberDateOfBirth = v.subscriberDateOfBirth || null;
  }
  return body;
}
