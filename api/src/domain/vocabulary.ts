// The controlled vocabularies of Punte. The database enforces the same lists with CHECK
// constraints (migrations/20261123000100_create_schema.ts); a test keeps the two in step.

export const ZONE_KINDS = ['intervention', 'neighbourhood', 'locality'] as const;
export const ZONE_STATUSES = ['proposed', 'planned', 'active', 'completed', 'cancelled'] as const;
export const CONFIDENCE_LEVELS = ['low', 'medium', 'high'] as const;
export const UNIT_STATUSES = ['available', 'reserved', 'occupied', 'unavailable'] as const;
export const SERVICE_CATEGORIES = [
  'school',
  'kindergarten',
  'family_doctor',
  'clinic',
  'pharmacy',
  'transit_stop',
  'social_services',
  'employment_office',
  'grocery',
  'community_centre',
] as const;
export const HOUSEHOLD_NEEDS = ['step_free', 'near_school', 'near_clinic', 'near_transit', 'near_employment'] as const;
export const PRIORITIES = ['low', 'medium', 'high', 'urgent'] as const;
export const PLAN_STATES = ['draft', 'assessed', 'matched', 'approved', 'moved', 'followed_up', 'on_hold', 'cancelled'] as const;

export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number];
export type PlanState = (typeof PLAN_STATES)[number];
export const INTERVENTION_TYPES = ['housing', 'infrastructure', 'social_service', 'education', 'employment', 'health'] as const;
export const INTERVENTION_STATUSES = ['planned', 'under_way', 'completed', 'cancelled'] as const;
export const SUPPORT_MEASURE_KINDS = ['school_enrolment', 'employment', 'health', 'documents', 'other'] as const;
export const SUPPORT_MEASURE_STATUSES = ['planned', 'in_progress', 'done', 'not_needed'] as const;
