"""How a ranked opening is shown: score and reasons in the caller's language."""

from __future__ import annotations

from jobs_app.i18n import request_language


def reason_texts(match, english: bool | None = None) -> list[dict]:
    if english is None:
        english = request_language() == "en"
    return [{"code": r.code, "text": r.en if english else r.zh} for r in match.reasons]


def shown_suggestions(ranked) -> list[dict]:
    english = request_language() == "en"
    return [
        {
            "opening_id": item.opening.id,
            "title": item.opening.title,
            "employer_name": item.opening.employer.name,
            "score": round(item.match.score, 4),
            "reasons": reason_texts(item.match, english),
        }
        for item in ranked
    ]
