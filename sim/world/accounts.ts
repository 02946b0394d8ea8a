// The demo enterprise: its users, its OAuth app and its Relay account. Fixed values, so a new user can
// sign in from the README and tests can hard-code nothing but `credentials`.

export interface Partition {
  id: number;
  name: string;
}

export interface SeamUser {
  id: number;
  username: string;
  password: string;
  firstName: string;
  lastName: string;
  email: string;
  title: string;
  enterpriseAdmin: boolean;
  joinDate: number;
}

export interface OAuthApp {
  clientId: string;
  clientSecret: string;
  appName: string;
  description: string;
  /** Registered redirect URLs; a sub-URL of one also matches. Loopback http URLs match too (RFC 8252). */
  redirectUrls: string[];
  /** The admin who registered the app; a client token acts for the enterprise on their behalf. */
  ownerUserId: number;
}

export interface RelayAccount {
  username: string;
  password: string;
  firstName: string;
  lastName: string;
}

export interface Enterprise {
  /** Seam (BlueJeans) enterprise id, as in a client grant's `scope.enterprise`. */
  seamId: number;
  /** Relay enterprise id (24 hex). */
  relayId: string;
  name: string;
  label: string;
  pointOfContact: string;
  partition: Partition;
  customLandingDomain: string;
}

export const enterprise: Enterprise = {
  seamId: 28663,
  relayId: '5f1d2c3b4a59687706a1b2c3',
  name: 'northwind',
  label: 'Northwind Traders',
  pointOfContact: 'relay-admin@northwind.example',
  partition: { id: 2, name: 'z2' },
  customLandingDomain: 'northwind',
};

const joined = Date.UTC(2019, 2, 11, 16, 0, 0);

export const adminUser: SeamUser = {
  id: 1442589,
  username: 'it.admin',
  password: 'relay-demo-admin',
  firstName: 'Avery',
  lastName: 'Admin',
  email: 'it.admin@northwind.example',
  title: 'IT Administrator',
  enterpriseAdmin: true,
  joinDate: joined,
};

export const regularUser: SeamUser = {
  id: 1442590,
  username: 'jamie.user',
  password: 'relay-demo-user',
  firstName: 'Jamie',
  lastName: 'User',
  email: 'jamie.user@northwind.example',
  title: 'Facilities Coordinator',
  enterpriseAdmin: false,
  joinDate: joined + 86_400_000 * 30,
};

export const oauthApp: OAuthApp = {
  clientId: 'relayconsole',
  clientSecret: '9f2c5e0a7b1d4c3e8a6f0b2d4e6a8c1f',
  appName: 'Relay Console',
  description: 'Watch and control the meeting rooms',
  redirectUrls: ['https://console.northwind.example/oauth/callback'],
  ownerUserId: adminUser.id,
};

export const relayAccount: RelayAccount = {
  username: 'relay-admin',
  password: 'relay-demo-basic',
  firstName: 'Relay',
  lastName: 'Administrator',
};

export const seamUsers: readonly SeamUser[] = [adminUser, regularUser];

export const userById = (id: number): SeamUser | undefined => seamUsers.find((u) => u.id === id);
export const userByName = (username: string): SeamUser | undefined =>
  seamUsers.find((u) => u.username.toLowerCase() === username.toLowerCase());

/** True when the password matches; constant work either way is not needed in a simulator. */
export function checkSeamPassword(username: string, password: string): SeamUser | undefined {
  const user = userByName(username);
  return user && user.password === password ? user : undefined;
}
