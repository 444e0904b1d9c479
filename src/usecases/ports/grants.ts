/**
 * What citizens allowed the hub's clients (portals) to receive: the OpenID Provider's grants, durable in
 * PostgreSQL. The account page lists them ("connected services") and withdraws them.
 */
export interface ConnectedService {
  grantId: string;
  clientId: string;
  /** The scopes granted (`openid`, `profile`, `citizen_id`, `phone`, ...). */
  scopes: string[];
  grantedAt: Date;
}

export interface GrantRepository {
  listOf(accountId: string): Promise<ConnectedService[]>;
  /** Deletes the grant when it is the account's; true when it was. Tokens it issued end with the session. */
  withdraw(accountId: string, grantId: string): Promise<boolean>;
}
