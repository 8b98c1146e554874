// The signed-in token and the realm the console looks at. The token lives in this tab's session
// storage only: never in the URL, a cookie or local storage, so it leaves with the tab.

const TOKEN = 'herald.token';
const REALM = 'herald.realm';
const ALL = '*';

let caller = null;

export const session = {
  token: () => sessionStorage.getItem(TOKEN),
  signedIn: () => caller !== null,
  caller: () => caller,

  start(token, info) {
    sessionStorage.setItem(TOKEN, token);
    caller = info;
  },

  /** Keeps the token for a call that checks it, before the caller is known. */
  tryToken(token) {
    sessionStorage.setItem(TOKEN, token);
  },

  end() {
    sessionStorage.removeItem(TOKEN);
    sessionStorage.removeItem(REALM);
    caller = null;
  },

  /** The realms the token may choose between: '*' (all it covers) first, then each one. */
  realmChoices() {
    if (!caller) return [];
    return caller.all_realms ? [ALL] : [ALL, ...caller.realms];
  },

  realm() {
    const chosen = sessionStorage.getItem(REALM);
    return this.realmChoices().includes(chosen) || (caller?.all_realms && chosen !== null)
      ? chosen
      : ALL;
  },

  chooseRealm(realm) {
    sessionStorage.setItem(REALM, realm);
  },

  /** The query parameters that scope a list to the chosen realm. */
  scope() {
    const realm = this.realm();
    return realm === ALL ? { all_realms: true } : { realm_id: realm };
  },
};

export { ALL as ALL_REALMS };
