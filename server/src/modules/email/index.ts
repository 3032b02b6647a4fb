/** E-mail module: the company's templates with merge fields, and mails to contacts logged on their timeline. */
export { registerEmailRoutes } from './email.routes';
