/**
 * The demo provider's customers: realistic names across the markets Clientdeck ships in. Fixed
 * lists (no randomness) so every demo database tells the same story.
 */
export interface DemoCustomer {
  name: string;
  owner: string;
  domain: string;
}

/** Accounts the agency login runs itself (role owner). */
export const AGENCY_OWN: DemoCustomer[] = [
  { name: 'Pixelwerk Studio', owner: 'Pixelwerk Agency', domain: 'pixelwerk.example' },
  { name: 'Pixelwerk Hosting Lab', owner: 'Pixelwerk Agency', domain: 'lab.pixelwerk.example' },
  { name: 'Pixelwerk Client Staging', owner: 'Pixelwerk Agency', domain: 'staging.pixelwerk.example' },
];

/** Customers whose owner made the agency an admin. */
export const AGENCY_ADMIN_OF: DemoCustomer[] = [
  { name: 'Nordic Outdoor GmbH', owner: 'Lars Eriksson', domain: 'nordic-outdoor.example' },
  { name: 'Café Lumière', owner: 'Camille Laurent', domain: 'cafe-lumiere.example' },
  { name: 'Studio Legale Ferraro', owner: 'Paolo Ferraro', domain: 'studiolegaleferraro.example' },
  { name: 'Zielony Ogród Sp. z o.o.', owner: 'Magdalena Nowak', domain: 'zielony-ogrod.example' },
  { name: 'Alpine Dental Clinic', owner: 'Dr. Stefan Gruber', domain: 'alpine-dental.example' },
  { name: 'Boulangerie Dupont', owner: 'Marie Dupont', domain: 'boulangerie-dupont.example' },
  { name: 'Hafenblick Hotel', owner: 'Jan Petersen', domain: 'hafenblick-hotel.example' },
];

/** Customers where the agency is a member with a chosen permission set. */
export const AGENCY_MEMBER_OF: DemoCustomer[] = [
  { name: 'Atelier Moreau', owner: 'Sophie Moreau', domain: 'atelier-moreau.example' },
  { name: 'Trattoria Da Enzo', owner: 'Enzo Marino', domain: 'trattoria-da-enzo.example' },
  { name: 'Müller & Söhne Metallbau', owner: 'Klaus Müller', domain: 'mueller-metallbau.example' },
  { name: 'Kowalczyk Logistics', owner: 'Piotr Kowalczyk', domain: 'kowalczyk-logistics.example' },
  { name: 'Luna Yoga Studio', owner: 'Elena Costa', domain: 'lunayoga.example' },
  { name: 'Galleria Verdi', owner: 'Federica Verdi', domain: 'galleria-verdi.example' },
  { name: 'Fjord Fisheries AS', owner: 'Ingrid Johansen', domain: 'fjord-fisheries.example' },
  { name: 'Vinoteca Rossi', owner: 'Matteo Rossi', domain: 'vinoteca-rossi.example' },
  { name: 'Maison Girard Immobilier', owner: 'Antoine Girard', domain: 'maison-girard.example' },
  { name: 'Bäckerei Schneider', owner: 'Heike Schneider', domain: 'baeckerei-schneider.example' },
  { name: 'Oficina Criativa Lisboa', owner: 'João Silva', domain: 'oficina-criativa.example' },
  { name: 'Green Leaf Organics', owner: 'Hannah Brooks', domain: 'greenleaf-organics.example' },
  { name: 'Smart Bike Rental', owner: 'Tomasz Wiśniewski', domain: 'smartbike-rental.example' },
  { name: 'Torre Bianca Agriturismo', owner: 'Chiara Bianchi', domain: 'torrebianca.example' },
  { name: 'Polar Coffee Roasters', owner: 'Mikko Virtanen', domain: 'polar-coffee.example' },
  { name: 'Elbe Segelschule', owner: 'Frauke Hansen', domain: 'elbe-segelschule.example' },
];

/** Owners who have invited the agency to accounts it cannot reach yet (the last one let it expire). */
export const INVITING_CUSTOMERS: (DemoCustomer & { daysAgo: number })[] = [
  { name: 'Alpen Chalet Resort', owner: 'Thomas Huber', domain: 'alpen-chalet.example', daysAgo: 1 },
  { name: 'Côte Bleue Yachting', owner: 'Claire Martin', domain: 'cote-bleue-yachting.example', daysAgo: 2 },
  { name: 'Piekarnia Kowalski', owner: 'Anna Kowalski', domain: 'piekarnia-kowalski.example', daysAgo: 4 },
  { name: 'Hotel Miramare', owner: 'Luca Conti', domain: 'hotel-miramare.example', daysAgo: 10 },
];

export const SERVICE_NAMES = [
  'Web Hosting Business',
  'Managed WordPress',
  'Email Pro (10 mailboxes)',
  'SSL Certificate Wildcard',
  'VPS S — 2 vCPU',
  'Daily Offsite Backup',
];

export const TICKET_SUBJECTS = [
  'Mailbox over quota',
  'Website slow since Monday',
  'Please renew the SSL certificate',
  'Change DNS for the new shop',
  'Invoice address needs updating',
];
