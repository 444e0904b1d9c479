/**
 * The words every asynchronous signature method's pages need, each method from its own catalog section
 * (`ctx.m.simSignature`, `ctx.m.remoteSignature`): what differs between them is only the wording.
 */
export interface AwaitingSignatureTexts {
  title: string;
  lead: string;
  needTitle: string;
  need1: string;
  need2: string;
  consent: string;
  submit: string;
  otherMethods: string;
  signInTitle: string;
  signInLead: string;
  signInSubmit: string;
  register: string;
  waitingTitle: string;
  waitingLead: string;
  displayCode: string;
  countdown: string;
  wrongCode: string;
  refreshNote: string;
  refreshStopped: string;
  checkAgain: string;
  stopRefresh: string;
  doneTitle: string;
  doneLead: string;
  doneNext: string;
  refusedTitle: string;
  refusedSignInTitle: string;
  startAgain: string;
  signIn: string;
  existsHow: string;
}
