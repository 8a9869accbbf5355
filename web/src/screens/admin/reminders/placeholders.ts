/** What each placeholder becomes in a message, in words for the person writing one. */
const WORDS: Record<string, string> = {
  date: "the session's date",
  time: 'its start time',
  clinician: "the clinician's name",
  practice: "your practice's name",
  place: 'the address, or “video session”',
  link: 'the link to confirm or cancel',
};

export const placeholderWords = (name: string) => WORDS[name] ?? name;

/** `{date}` from `date` or `{date}`: the contract lists names, bare or braced. */
export const braced = (name: string) => (name.startsWith('{') ? name : `{${name}}`);
export const bare = (name: string) => name.replace(/^\{|\}$/g, '');
