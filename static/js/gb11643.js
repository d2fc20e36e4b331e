// GB 11643-1999 identity numbers: the same rules as jobs_app/identity.py.
const WEIGHTS = Array.from({ length: 17 }, (_, i) => 2 ** (17 - i) % 11);
const CHECK_CHARS = "10X98765432";
const PATTERN = /^[1-9]\d{16}[\dX]$/;

export function checkCharacter(first17) {
  const total = [...first17].reduce((sum, digit, i) => sum + Number(digit) * WEIGHTS[i], 0);
  return CHECK_CHARS[total % 11];
}

export function ageOn(birth, day) {
  const beforeBirthday =
    day.getMonth() < birth.getMonth() ||
    (day.getMonth() === birth.getMonth() && day.getDate() < birth.getDate());
  return day.getFullYear() - birth.getFullYear() - (beforeBirthday ? 1 : 0);
}

// { ok, problem, birthDate ("2020-06-09"), sex ("male"/"female"), age }
export function parseIdNumber(raw, today = new Date()) {
  const number = raw.trim().toUpperCase();
  if (number.length !== 18) return { ok: false, problem: "length" };
  if (!PATTERN.test(number)) return { ok: false, problem: "characters" };
  if (checkCharacter(number.slice(0, 17)) !== number[17]) return { ok: false, problem: "check" };
  const [year, month, day] = [number.slice(6, 10), number.slice(10, 12), number.slice(12, 14)].map(Number);
  const birth = new Date(year, month - 1, day);
  const real = birth.getFullYear() === year && birth.getMonth() === month - 1 && birth.getDate() === day;
  if (!real || birth > today || year < 1900) return { ok: false, problem: "birth" };
  const birthDate = number.slice(6, 10) + "-" + number.slice(10, 12) + "-" + number.slice(12, 14);
  const sex = Number(number[16]) % 2 ? "male" : "female";
  return { ok: true, number, birthDate, sex, age: ageOn(birth, today) };
}
