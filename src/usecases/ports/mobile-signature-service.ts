/**
 * The mobile-signature service (MSSP) the hub is an application provider of: ETSI TS 102 204's MSS_Signature in
 * asynchronous mode, then MSS_StatusQuery until the citizen has answered on the SIM (docs/methods.md, "SIM
 * signature"). The adapter (src/adapters/mssp/) speaks the standard's SOAP binding; here only what the status
 * codes mean for the hub.
 */

export interface MobileSignatureRequest {
  /** E.164, as the MSSP addresses the SIM (MSISDN). */
  phoneNumber: string;
  /** The bytes the SIM signs (the hub's challenge nonce). */
  dataToBeSigned: Uint8Array;
  /** The text the SIM Toolkit shows, with the display code. */
  dataToBeDisplayed: string;
  /** The hub's transaction id (AP_TransID). */
  transactionId: string;
}

export type MobileSignatureStart =
  /** 100 REQUEST_OK: the SIM is asked; `msspTransactionId` is what the status queries name. */
  | { outcome: 'accepted'; msspTransactionId: string }
  /** 404 NO_KEY_FOUND / 105 UNKNOWN_CLIENT: no signature service on that SIM. */
  | { outcome: 'not_enabled' }
  /** No usable answer (down, slow, faults of its own, our credentials refused). */
  | { outcome: 'unavailable' };

export type MobileSignatureStatus =
  /** 504 OUTSTANDING_TRANSACTION: the citizen has not answered yet (a wrong PIN is asked again). */
  | { outcome: 'pending' }
  /** 500 SIGNATURE / 502 VALID_SIGNATURE, MSS_Format PKCS#7: a CMS SignedData (DER) with the SIM's certificate. */
  | { outcome: 'signed'; signedData: Uint8Array }
  /** 500 / 502, MSS_Format PKCS#1: the bare signature, the SIM's certificate and its issuing chain (DER). */
  | { outcome: 'signed'; signature: Uint8Array; certificate: Uint8Array; chain: Uint8Array[] }
  /** 401 USER_CANCEL */
  | { outcome: 'cancelled' }
  /** 402 PIN_NR_BLOCKED */
  | { outcome: 'pin_blocked' }
  /** 208 EXPIRED_TRANSACTION */
  | { outcome: 'expired' }
  | { outcome: 'unavailable' };

export interface MobileSignatureService {
  requestSignature(
    request: MobileSignatureRequest,
    context: { requestId: string },
  ): Promise<MobileSignatureStart>;
  queryStatus(msspTransactionId: string, context: { requestId: string }): Promise<MobileSignatureStatus>;
  /** Rejects while the MSSP's circuit is open (readiness). */
  ping(): Promise<void>;
}
