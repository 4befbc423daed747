/** Words the synthetic channel is made of: regions and their countries, names of companies, people and customers. */

export const regions = [
  { slug: 'amer', weight: 0.38, countries: ['US', 'US', 'US', 'CA'], tlds: ['com', 'com', 'us', 'ca'] },
  { slug: 'emea', weight: 0.34, countries: ['DE', 'GB', 'FR', 'NL', 'SE', 'ES', 'IT', 'AE'], tlds: ['de', 'co.uk', 'fr', 'nl', 'se', 'es', 'it', 'ae'] },
  { slug: 'apac', weight: 0.2, countries: ['SG', 'AU', 'JP', 'IN', 'NZ'], tlds: ['sg', 'com.au', 'co.jp', 'in', 'co.nz'] },
  { slug: 'latam', weight: 0.08, countries: ['BR', 'MX', 'AR', 'CL', 'CO'], tlds: ['com.br', 'com.mx', 'com.ar', 'cl', 'com.co'] },
] as const;
export type RegionSpec = (typeof regions)[number];

export const companyWords = [
  'Northwind', 'Contoso', 'Fabrikam', 'Litware', 'Adatum', 'Proseware', 'Tailspin', 'Wingtip', 'Lucerne', 'Alpine', 'Coho', 'Trey',
  'Woodgrove', 'Margie', 'Humongous', 'Blue Yonder', 'Bluefin', 'Redwood', 'Silverline', 'Ironbridge', 'Clearwater', 'Summit', 'Granite',
  'Harbor', 'Meridian', 'Pinnacle', 'Keystone', 'Beacon', 'Cobalt', 'Evergreen', 'Falcon', 'Horizon', 'Juniper', 'Lighthouse', 'Maple',
  'Nimbus', 'Orion', 'Quartz', 'Sequoia', 'Vertex', 'Zenith', 'Aurora', 'Boreal', 'Cascade', 'Delta', 'Everest', 'Fjord', 'Helix',
];
export const companyKinds = ['Storage', 'Cloud', 'Data', 'Networks', 'Systems', 'IT', 'Solutions', 'Technologies', 'Digital', 'Infrastructure', 'Computing'];
export const legalForms: Record<string, string> = {
  US: 'Inc', CA: 'Ltd', DE: 'GmbH', GB: 'Ltd', FR: 'SAS', NL: 'BV', SE: 'AB', ES: 'SL', IT: 'Srl', AE: 'FZ-LLC', SG: 'Pte Ltd', AU: 'Pty Ltd',
  JP: 'KK', IN: 'Pvt Ltd', NZ: 'Ltd', BR: 'Ltda', MX: 'SA de CV', AR: 'SRL', CL: 'SpA', CO: 'SAS',
};
export const customerWords = [
  'acme', 'globex', 'initech', 'umbrella', 'hooli', 'vandelay', 'stark', 'wayne', 'wonka', 'soylent', 'tyrell', 'cyberdyne', 'oscorp',
  'gringotts', 'monarch', 'dunder', 'pied', 'massive', 'octan', 'virtucon', 'zorg', 'nakatomi', 'weyland', 'rekall', 'sterling', 'prestige',
  'brightlake', 'stonebridge', 'riverside', 'oakfield', 'westgate', 'eastwood', 'northgate', 'southport', 'hillcrest', 'lakeshore',
];
export const customerKinds = ['logistics', 'bank', 'health', 'retail', 'energy', 'foods', 'motors', 'media', 'pharma', 'insurance', 'labs', 'airlines', 'telecom'];

export const firstNames = [
  'Ada', 'Alan', 'Grace', 'Linus', 'Ken', 'Barbara', 'Edsger', 'Margaret', 'Donald', 'Frances', 'John', 'Radia', 'Tim', 'Anita', 'Vint',
  'Hedy', 'Dennis', 'Karen', 'Niklaus', 'Sophie', 'Guido', 'Shafi', 'Yukihiro', 'Jean', 'Bjarne', 'Lynn', 'Leslie', 'Mary', 'James', 'Fran',
  'Rasmus', 'Carla', 'Mateo', 'Priya', 'Wei', 'Aiko', 'Lars', 'Ines', 'Omar', 'Zara', 'Diego', 'Nina', 'Kofi', 'Elena', 'Hiro', 'Maya',
];
export const lastNames = [
  'Lovelace', 'Turing', 'Hopper', 'Torvalds', 'Thompson', 'Liskov', 'Dijkstra', 'Hamilton', 'Knuth', 'Allen', 'Backus', 'Perlman', 'Berners',
  'Borg', 'Cerf', 'Lamarr', 'Ritchie', 'Jones', 'Wirth', 'Wilson', 'Rossum', 'Goldwasser', 'Matsumoto', 'Sammet', 'Stroustrup', 'Conway',
  'Lamport', 'Shaw', 'Gosling', 'Bilas', 'Lerdorf', 'Silva', 'Garcia', 'Sharma', 'Zhang', 'Tanaka', 'Nilsson', 'Costa', 'Haddad', 'Okafor',
];

export const rewards = ['gift-card-50', 'gift-card-100', 'training-voucher', 'conference-pass', 'demo-kit', 'team-dinner'];
export const mdfActivities = ['event', 'digital_campaign', 'content_syndication', 'training', 'other'] as const;
export const lossReasons = ['lost to a competitor', 'no budget', 'project cancelled', 'customer chose a direct purchase', 'no decision'];
