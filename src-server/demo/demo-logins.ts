/**
 * The logins the demo data creates. The desktop app's "demo provider" signs in with `agency`;
 * README and the CLI print them so a person can try the panel too. They satisfy the password policy.
 */
export const DEMO_LOGINS = {
  agency: { email: 'agency@pixelwerk.example', password: 'Pixelwerk-Demo-2024!', name: 'Pixelwerk Agency' },
  owner: { email: 'giulia@bellini-ristorante.example', password: 'Bellini-Demo-2024!', name: 'Giulia Bellini' },
} as const;

export type DemoLogin = (typeof DEMO_LOGINS)[keyof typeof DEMO_LOGINS];
