import { z } from 'zod';
import { defineRoute, IdParams, PageQuery, pageOf, Uuid } from './common';

/** Sales teams, each with a region and members; managers see their teams' records. */

export const TeamMember = z.object({ userId: Uuid, name: z.string(), isLead: z.boolean() });

export const Team = z.object({
  id: Uuid,
  name: z.string(),
  region: z.string(),
  description: z.string(),
  members: z.array(TeamMember),
  createdAt: z.string(),
  version: z.number().int(),
});
export type Team = z.infer<typeof Team>;

export const TEAM_SORTS = ['name', '-name', 'region', '-region', 'createdAt', '-createdAt'] as const;

export const listTeams = defineRoute({
  method: 'GET',
  path: '/api/v1/teams',
  summary: 'Teams of the tenant',
  tags: ['teams'],
  access: 'session',
  scope: 'read',
  query: PageQuery.extend({
    q: z.string().trim().max(100).optional(),
    region: z.string().trim().max(100).optional(),
    sort: z.enum(TEAM_SORTS).default('name'),
  }),
  response: { 200: pageOf(Team) },
});

export const getTeam = defineRoute({
  method: 'GET',
  path: '/api/v1/teams/:id',
  summary: 'One team with its members',
  tags: ['teams'],
  access: 'session',
  scope: 'read',
  params: IdParams,
  response: { 200: Team },
});

const TeamFields = {
  name: z.string().trim().min(1).max(100),
  region: z.string().trim().min(1).max(100),
  description: z.string().trim().max(2000),
};

export const createTeam = defineRoute({
  method: 'POST',
  path: '/api/v1/teams',
  summary: 'Create a team',
  tags: ['teams'],
  access: 'session',
  permission: 'teams.manage',
  scope: 'admin',
  body: z.strictObject({ ...TeamFields, description: TeamFields.description.default('') }),
  response: { 201: Team },
});

export const updateTeam = defineRoute({
  method: 'PATCH',
  path: '/api/v1/teams/:id',
  summary: 'Rename a team or change its region (send the version you read)',
  tags: ['teams'],
  access: 'session',
  permission: 'teams.manage',
  scope: 'admin',
  params: IdParams,
  body: z.strictObject({
    version: z.number().int().optional(),
    name: TeamFields.name.optional(),
    region: TeamFields.region.optional(),
    description: TeamFields.description.optional(),
  }),
  response: { 200: Team },
});

export const setTeamMembers = defineRoute({
  method: 'PUT',
  path: '/api/v1/teams/:id/members',
  summary: 'Replace the members of a team',
  tags: ['teams'],
  access: 'session',
  permission: 'teams.manage',
  scope: 'admin',
  params: IdParams,
  body: z.strictObject({
    members: z.array(z.strictObject({ userId: Uuid, isLead: z.boolean().default(false) })).max(1000),
  }),
  response: { 200: Team },
});

export const deleteTeam = defineRoute({
  method: 'DELETE',
  path: '/api/v1/teams/:id',
  summary: 'Delete a team (its members stay users)',
  tags: ['teams'],
  access: 'session',
  permission: 'teams.manage',
  scope: 'admin',
  params: IdParams,
  response: { 204: z.null() },
});
