/** The registration methods as the API and the chooser show them (methods.md). */
export type Audience = 'citizen' | 'organisation';

export interface MethodSummary {
  /** `mobile`, `social-insurance`, `vnpost`, `usb-token`, `sim-signature`, `remote-signature` */
  id: string;
  audience: Audience[];
  requiresJavaScript: boolean;
  /** False while the method is not built: listed as coming, without a link. */
  available: boolean;
}
