// Live ID checking on the worker form: birth date, sex and age as the clerk types,
// and a warning when the number is already registered. The server checks again.
import { parseIdNumber } from "./gb11643.js";

const zh = document.documentElement.lang.startsWith("zh");
const TEXT = zh
  ? { length: "身份证号应为 18 位", characters: "身份证号只能由数字和末位 X 组成", check: "校验位错误",
      birth: "身份证号中的出生日期无效", young: "劳动力须年满 16 周岁", male: "男", female: "女",
      ok: "身份证号有效", duplicate: "该身份证号已登记：" }
  : { length: "ID number must have 18 characters.", characters: "ID number may contain only digits and a final X.",
      check: "Check character is wrong.", birth: "Birth date in the ID number is not a real date.",
      young: "Workers must be at least 16 years old.", male: "male", female: "female",
      ok: "ID number is valid", duplicate: "Already registered: " };

function show(panel, name, value) {
  const target = panel.querySelector(`[data-fact="${name}"] output`) || panel.querySelector(`[data-fact="${name}"]`);
  target.textContent = value;
}

async function duplicateOf(url, number) {
  const response = await fetch(`${url}?q=${encodeURIComponent(number)}&per_page=1`, {
    headers: { Accept: "application/json" }, credentials: "same-origin",
  });
  if (!response.ok) return null;
  const body = await response.json();
  return body.items && body.items.length ? body.items[0] : null;
}

function attach(input) {
  const panel = document.getElementById(input.dataset.idCheck);
  let asked = "";
  input.addEventListener("input", async () => {
    const facts = parseIdNumber(input.value);
    panel.classList.remove("bad", "good");
    if (!facts.ok) {
      ["birth_date", "sex", "age"].forEach((name) => show(panel, name, "—"));
      show(panel, "message", input.value.trim().length >= 18 || facts.problem !== "length" ? TEXT[facts.problem] : "");
      if (input.value.trim().length >= 18) panel.classList.add("bad");
      return;
    }
    show(panel, "birth_date", facts.birthDate);
    show(panel, "sex", TEXT[facts.sex]);
    show(panel, "age", String(facts.age));
    const young = facts.age < 16;
    show(panel, "message", young ? TEXT.young : TEXT.ok);
    panel.classList.add(young ? "bad" : "good");
    if (asked === facts.number) return;
    asked = facts.number;
    const found = await duplicateOf(panel.dataset.duplicateUrl, facts.number);
    if (found && asked === facts.number) {
      show(panel, "message", `${TEXT.duplicate}${found.name}（${found.township_name}）`);
      panel.classList.remove("good");
      panel.classList.add("bad");
    }
  });
}

document.querySelectorAll("input[data-id-check]").forEach(attach);
