/**
 * Passwords of 12 characters or more that appear high in public leak frequency lists, and
 * French favourites. Lower case; compared after NFKC normalisation and lower-casing.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '123456789012', '1234567890123', '12345678910', '123456789123', '1234567891011', '111111111111', '000000000000',
  '123123123123', '987654321000', '098765432112', 'azertyuiopqs', 'azertyuiop12', 'azertyuiop123', 'azerty123456',
  '123456azerty', 'qwertyuiop12', 'qwertyuiop123', 'qwerty123456', '123456qwerty', 'qwertyuiopasdfghjkl',
  'azertyuiopqsdfghjklm', '1q2w3e4r5t6y', '1qaz2wsx3edc', 'zaq12wsxcde3', 'q1w2e3r4t5y6', 'a1b2c3d4e5f6',
  'password1234', 'password12345', 'password123!', 'passwordpassword', 'motdepasse12', 'motdepasse123',
  'motdepasse1234', 'motdepasse!!', 'soleil123456', 'bonjour12345', 'bonjour123456', 'doudou123456',
  'chouchou1234', 'marseille1313', 'marseille13013', 'parisien75000', 'loulou123456', 'nicolas12345',
  'iloveyou1234', 'iloveyou12345', 'jetaime12345', 'jetaime123456', 'princesse123', 'football1234',
  'liverpool123', 'manchester12', 'superman1234', 'starwars1234', 'welcome12345', 'administrator',
  'administrateur', 'admin1234567', 'admin123456789', 'changeme1234', 'letmein12345', 'trustno11234',
  'bienvenue123', 'bienvenue1234', 'vigievigie12', 'habitat12345', 'logement1234', 'bailleur1234',
]);
