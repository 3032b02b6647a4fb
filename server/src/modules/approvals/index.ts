export {
  type ApprovalDecision,
  type ApprovalOutcome,
  type ApprovalSubject,
  registerApprovalSubject,
} from './approval-registry';
export {
  type ApprovalCaller,
  type ApprovalRequestInput,
  type ApprovalState,
  approvalStateOf,
  cancelApprovals,
  type LatestApproval,
  latestApprovals,
  requestApproval,
} from './approval-requests';
export { type Authority, authorityFor } from './approval-rules';
export { approvalJobs, sweepApprovals } from './approval-sweep';
export { registerApprovalRoutes } from './approvals.routes';
export { approve as approveRequest, returnRequest } from './approvals.service';
