/** Teams module: sales teams with a region and members. */

export { managerDirectory } from './manager-directory';
export { registerTeamRoutes } from './teams.routes';
