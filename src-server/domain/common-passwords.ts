/**
 * Passwords that meet the character rules and still fall to the first minutes of a guessing attack:
 * a common word dressed up with capitals, leetspeak, a year and a "!". A password is refused when,
 * stripped of leading and trailing digits and symbols and read back from leetspeak, it is one of
 * these words, or when it is one of the exact strings below.
 */
const COMMON_WORDS = new Set([
  'password', 'passwort', 'pass', 'passw', 'welcome', 'qwerty', 'qwertz', 'azerty', 'qwertyuiop', 'asdf', 'asdfgh', 'zxcvbn',
  'admin', 'administrator', 'root', 'login', 'letmein', 'iloveyou', 'monkey', 'dragon', 'football', 'baseball', 'soccer',
  'sunshine', 'princess', 'master', 'shadow', 'superman', 'batman', 'trustno', 'whatever', 'freedom', 'hello', 'secret',
  'summer', 'winter', 'spring', 'autumn', 'changeme', 'default', 'guest', 'user', 'test', 'testing', 'company', 'hosting',
  'abc', 'abcd', 'abcdef', 'abcdefgh', 'aa', 'aaa', 'aaaa', 'aaaaaa', 'aaaaaaaa', 'access', 'michael', 'jennifer', 'charlie',
  'computer', 'internet', 'starwars', 'pokemon', 'liverpool', 'chelsea', 'arsenal', 'juventus', 'barcelona',
  'ciao', 'amore', 'bonjour', 'soleil', 'motdepasse', 'haslo', 'zaq', 'zaqxsw', 'polska', 'italia', 'france', 'parola',
  'januar', 'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'monday', 'friday', 'love', 'lovely', 'family', 'money', 'mypass', 'mypassword', 'temp', 'temporary', 'clientarea', 'clientdeck',
]);

const COMMON_EXACT = new Set(['1q2w3e4r!', '1qaz2wsx!', 'q1w2e3r4!', 'zaq12wsx!', '!qaz2wsx', '1q2w3e4r5t!', 'p@55w0rd!']);

const LEET: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '@': 'a', '$': 's', '!': 'i', '+': 't' };

export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  if (COMMON_EXACT.has(lower)) return true;
  const core = lower.replace(/^[^\p{L}]+/u, '').replace(/[^\p{L}]+$/u, '');
  const word = [...core].map((c) => LEET[c] ?? c).join('').replace(/[^\p{L}]/gu, '');
  return word.length > 0 && COMMON_WORDS.has(word);
}
