/** The four roles of Punte (issue 2). */
export const ROLES = ['admin', 'planner', 'caseworker', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/**
 * The one permission table: which role may do what. Routes ask `can(role, permission)`;
 * the client receives the user's permissions to hide what the role may not do.
 */
export const PERMISSIONS = {
  /** Read zones, settlements, housing units and services. */
  'layers:read': ['admin', 'planner', 'caseworker', 'viewer'],
  /** Create, edit and delete zones, settlements, housing units and services. */
  'layers:write': ['admin', 'planner'],
  /** Read pseudonymous household records and relocation plans (never identity). */
  'households:read': ['admin', 'planner', 'caseworker'],
  /**
   * Create and edit households, plans, transitions and support measures. A household's own record is
   * changed only by its assigned caseworker or an admin (the route checks the assignment: issue 17).
   */
  'households:write': ['admin', 'caseworker'],
  /** Assign a household to a caseworker (which decides who reads its identity), or to another one. */
  'households:assign': ['admin'],
  /** Approve a matched relocation plan (recorded as its approver). */
  'plans:approve': ['admin', 'caseworker'],
  /** Read identity data — further limited to the assigned caseworker by the route. */
  'identities:read': ['admin', 'caseworker'],
  /** Record and erase identity data. */
  'identities:write': ['admin', 'caseworker'],
  /** Read interventions and their dated progress updates (issue 6). */
  'interventions:read': ['admin', 'planner', 'caseworker', 'viewer'],
  /** Record interventions and their progress. */
  'interventions:write': ['admin', 'planner'],
  /** Read aggregated statistics of households and relocations. */
  'statistics:read': ['admin', 'planner', 'caseworker', 'viewer'],
  /** Segregation indices, concentration and simulations of moves (issue 12): aggregates of case data. */
  'analysis:read': ['admin', 'planner', 'caseworker'],
  /** Make the monthly public release and list the stored ones (issue 15). */
  'releases:publish': ['admin'],
  /** Browse the audit log. */
  'audit:read': ['admin'],
  /** Create users and change roles. */
  'users:manage': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** Returns true when `role` holds `permission`. */
export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Returns every permission `role` holds, for the client. */
export function permissionsOf(role: Role): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((permission) => can(role, permission));
}
