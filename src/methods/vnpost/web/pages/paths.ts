/** Where the Vietnam Post method's pages live; the callback is the redirect URI registered at PostID. */
export const INTRO_PATH = '/register/vnpost';
export const START_PATH = '/vnpost/start';
export const CALLBACK_PATH = '/vnpost/callback';
export const CONSENT_PATH = '/register/vnpost/consent';
export const DONE_PATH = '/register/vnpost/done';
/** From the account page: what linking does, and the button to PostID. */
export const LINK_PATH = '/account/vnpost/link';
/** The pages a fresh sign-in with PostID may return to (besides a portal's interaction). */
export const RETURNABLE_PAGES = new Set(['/account/add-password', '/account']);
