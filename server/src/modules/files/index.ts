/** Files module: attachment upload, metadata and download. */
export { registerFileRoutes } from './files.routes';
