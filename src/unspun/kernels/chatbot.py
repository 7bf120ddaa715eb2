"""Phrases chatbots leave in text pasted from them, found cheaply in a whole collection."""

from __future__ import annotations

import re

# What chatbots leave in text pasted from them: refusals, self-descriptions and the offer that opens or closes
# a rewrite. Content farms were exposed by exactly these phrases (NewsGuard, 2023); each is specific enough
# that a news article does not write it in passing.
CHATBOT_PHRASES = re.compile("|".join([
    r"as an ai(?: language model| assistant| model)?\b",
    r"\bi(?:'m| am) (?:just )?an ai\b",
    r"\b(?:certainly|sure|absolutely)[!,.]? here(?:'s| is) (?:a |the |your )?(?:rewritten|revised|paraphrased|"
    r"reworded|rephrased|new)",
    r"\bhere(?:'s| is) (?:a |the |your )?(?:rewritten|revised|paraphrased|reworded|rephrased) (?:version|article|"
    r"text|news)",
    r"\bi hope this (?:rewritten|revised|paraphrased) (?:version|article|text)",
    r"\bi (?:cannot|can't|am unable to) (?:browse|access) the internet\b",
    r"\bmy (?:knowledge|training) (?:cutoff|cut-off|data)\b",
    r"\bregenerate response\b",
    r"\bi'm sorry, but i (?:cannot|can't) (?:fulfil|fulfill|complete|assist)",
]), re.IGNORECASE)

_CLUES = ("an ai", "ai ", "ai,", "rewrit", "revised", "paraphras", "reworded", "rephrased", "browse",
          "access the internet", "cutoff", "cut-off", "training data", "regenerate", "i'm sorry")
"""Words one of :data:`CHATBOT_PHRASES` needs: texts without any (nearly all) skip the slower regex."""


def leaked_phrase(text: str) -> str | None:
    """The first leaked chatbot phrase in ``text``, as written there, or None."""
    lowered = text.lower()
    if not any(clue in lowered for clue in _CLUES):
        return None
    match = CHATBOT_PHRASES.search(text)
    return match.group(0) if match else None
