/** Deterministic player names: the seeded data set and the tests derive the same name from an id. */

const ADJECTIVES = [
  'Swift', 'Brave', 'Clever', 'Silent', 'Lucky', 'Mighty', 'Fuzzy', 'Golden', 'Rapid', 'Sneaky',
  'Cosmic', 'Frosty', 'Jolly', 'Nimble', 'Quiet', 'Rusty', 'Sunny', 'Witty', 'Bold', 'Calm',
  'Crimson', 'Dizzy', 'Eager', 'Fierce', 'Gentle', 'Happy', 'Icy', 'Keen', 'Misty', 'Noble',
  'Proud', 'Wild',
] as const;

const ANIMALS = [
  'Otter', 'Falcon', 'Badger', 'Panda', 'Tiger', 'Fox', 'Wolf', 'Koala', 'Lynx', 'Raven',
  'Heron', 'Moose', 'Gecko', 'Bison', 'Puffin', 'Yak', 'Cobra', 'Dingo', 'Eagle', 'Ferret',
  'Gibbon', 'Hyena', 'Ibis', 'Jaguar', 'Lemur', 'Marmot', 'Narwhal', 'Ocelot', 'Penguin', 'Quokka',
  'Walrus', 'Zebra',
] as const;

const NAME_NUMBERS = 100;
const NAME_SPACE = ADJECTIVES.length * ANIMALS.length * NAME_NUMBERS;
/** Prime not dividing NAME_SPACE (2^12·5^2), so `id · step mod NAME_SPACE` is a permutation. */
const NAME_STEP = 7919;

/**
 * "SwiftOtter42"-style names, a pure function of the id. The affine permutation scatters
 * consecutive ids across the name space (no "SwiftOtter1, SwiftOtter2...") while keeping names
 * unique for the first 102,400 players; beyond that the number grows, so they stay unique.
 */
export function playerName(id: number): string {
  const index = ((id - 1) % NAME_SPACE) * NAME_STEP % NAME_SPACE;
  const number = (index % NAME_NUMBERS) + NAME_NUMBERS * Math.floor((id - 1) / NAME_SPACE);
  const animal = ANIMALS[Math.floor(index / NAME_NUMBERS) % ANIMALS.length] ?? 'Otter';
  const adjective = ADJECTIVES[Math.floor(index / (NAME_NUMBERS * ANIMALS.length))] ?? 'Swift';
  return `${adjective}${animal}${number}`;
}
