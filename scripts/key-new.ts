// Makes a new API key and prints it once: the token for the client, the API_KEYS entry for the service.
//   npm run key:new -- editor|admin
import { newApiKey, ROLES, type Role } from '../src/shared/auth.js';

const args = process.argv.slice(2);
const role = args[0];
if (args.length !== 1 || !(ROLES as readonly string[]).includes(role!)) {
  console.error(`usage: npm run key:new -- ${ROLES.join('|')}`);
  console.error('  prints a new API key with that role, and the API_KEYS entry that enables it');
  process.exit(2);
}

const { keyId, token, entry } = newApiKey(role as Role);
console.log(`New ${role} API key ${keyId}.`);
console.log('');
console.log('Token (store it now, in a secret store: it cannot be shown again; clients send Authorization: Bearer <token>):');
console.log(`  ${token}`);
console.log('');
console.log('Entry to append to API_KEYS (comma-separated; it holds only the SHA-256 of the token):');
console.log(`  ${entry}`);
