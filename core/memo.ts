/**
 * Remembers a pure function's last few hundred answers per isolate. Shoppers' browsers and networks repeat
 * a lot (one user agent string covers millions of phones), so the edge pays for a regex or a hash once per
 * distinct input instead of once per click. Bounded: the oldest answer goes first.
 */
export function memoize<A, R>(fn: (arg: A) => R, maxEntries: number): (arg: A) => R {
  const answers = new Map<A, R>();
  return (arg) => {
    const known = answers.get(arg);
    if (known !== undefined || answers.has(arg)) return known as R;
    const answer = fn(arg);
    if (answers.size >= maxEntries) answers.delete(answers.keys().next().value as A);
    answers.set(arg, answer);
    return answer;
  };
}
