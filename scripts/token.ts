/**
 * `npm run token -- <username>` prints a locally signed token for a seeded
 * staff user; `npm run token -- --list` prints the seeded users as JSON.
 * Tokens are accepted by any `npm start` server on this checkout.
 */
import { signLocalToken } from './local/auth.js';
import { DEMO_USERS, demoUser } from './local/demo-data.js';

const argument = process.argv[2];

if (argument === '--list') {
  console.log(
    JSON.stringify(
      DEMO_USERS.map(({ username, role, unionCode, displayName }) => ({ username, role, unionCode, displayName })),
      null,
      2,
    ),
  );
} else {
  const user = argument ? demoUser(argument) : undefined;
  if (!user) {
    console.error(
      `${argument ? `No seeded user "${argument}".` : 'Name a user.'} Usage: npm run token -- <username> | --list\nUsers: ${DEMO_USERS.map((u) => u.username).join(', ')}`,
    );
    process.exit(2);
  }
  console.log(await signLocalToken(user));
}
