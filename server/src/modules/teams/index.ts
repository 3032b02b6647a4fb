/** Teams module: sales teams with a region and members. */
export { registerTeamRoutes } from './teams.routes';
