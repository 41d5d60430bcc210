"""Text handling for the good-examples search, independent of the database: cleaning, Swedish tokens and
stems, the query language, and highlighted excerpts.

The query language is deliberately small and cannot fail: words are ANDed, "quoted words" form a phrase,
and everything that is not a letter or a digit separates words. Operators, quotes left open, SQL or markup
in a query are just separators; the database never sees the user's text as syntax."""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

MAX_QUERY_CHARS = 200
MAX_TERMS = 12

# Letters and digits only: the same split as FTS5's unicode61 tokenizer, so stems never hold separators.
WORD = re.compile(r"[^\W_]+")

# PostgreSQL's Swedish stop words (the Snowball list, tsearch_data/swedish.stop): dropped from queries on
# both databases, so a search means the same on SQLite and PostgreSQL.
STOP_WORDS = frozenset(
    """och det att i en jag hon som han på den med var sig för så till är men ett om hade de av icke mig du
    henne då sin nu har inte hans honom skulle hennes där min man ej vid kunde något från ut när efter upp vi
    dem vara vad över än dig kan sina här ha mot alla under någon eller allt mycket sedan ju denna själv detta
    åt utan varit hur ingen mitt ni bli blev oss din dessa några deras blir mina samma vilken er sådan vår
    blivit dess inom mellan sådant varför varje vilka ditt vem vilket sitta sådana vart dina vars vårt våra
    ert era vilkas""".split()
)


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("swedish")


def clean_text(text: str) -> str:
    """Text as it is stored in the index: NFC, without NUL, control, format or private-use characters."""
    text = unicodedata.normalize("NFC", text or "")
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    return _stemmer().stemWord(word.lower())


def stems(text: str) -> str:
    """The text as space-separated Swedish stems (what SQLite's FTS5 table indexes)."""
    return " ".join(stem(w) for w in words(text))


@dataclass(frozen=True)
class ParsedQuery:
    """A cleaned query: single words and phrases (lists of words), all of which must match."""

    terms: tuple[str, ...]
    phrases: tuple[tuple[str, ...], ...]
    dropped_stop_words: bool = False
    truncated: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.terms and not self.phrases

    @property
    def stems(self) -> frozenset[str]:
        every = list(self.terms) + [w for phrase in self.phrases for w in phrase]
        return frozenset(stem(w) for w in every if w not in STOP_WORDS)

    def display(self) -> str:
        parts = list(self.terms) + ['"' + " ".join(p) + '"' for p in self.phrases]
        return " ".join(parts)


def parse_query(raw: str) -> ParsedQuery:
    """Read what a user typed. Never raises: whatever is not a word is a separator."""
    text = clean_text(raw or "")
    truncated = len(text) > MAX_QUERY_CHARS
    text = text[:MAX_QUERY_CHARS].replace("”", '"').replace("“", '"').replace("„", '"')
    terms: list[str] = []
    phrases: list[tuple[str, ...]] = []
    dropped = False
    for index, part in enumerate(text.split('"')):
        found = words(part)
        if index % 2 == 1 and len(found) > 1:  # inside quotes: a phrase
            if any(w not in STOP_WORDS for w in found):
                phrases.append(tuple(found))
            continue
        for word in found:
            if word in STOP_WORDS:
                dropped = True
            elif word not in terms:
                terms.append(word)
    kept_terms = terms[:MAX_TERMS]
    kept_phrases = [p[:MAX_TERMS] for p in phrases][: max(0, MAX_TERMS - len(kept_terms))]
    truncated = truncated or len(kept_terms) < len(terms) or len(kept_phrases) < len(phrases)
    terms, phrases = kept_terms, kept_phrases
    return ParsedQuery(tuple(terms), tuple(phrases), dropped_stop_words=dropped, truncated=truncated)


def fts5_match(query: ParsedQuery) -> str:
    """An FTS5 MATCH expression built only from quoted stems (never from the user's text): words ANDed,
    phrases as quoted sequences."""

    def quoted(tokens: list[str]) -> str:
        return '"' + " ".join(t.replace('"', '""') for t in tokens) + '"'

    parts = [quoted([stem(t)]) for t in query.terms]
    parts += [quoted([stem(w) for w in phrase]) for phrase in query.phrases]
    return " AND ".join(parts)


def highlight(text: str, query_stems: frozenset[str], *, max_words: int = 40) -> SafeString:
    """An excerpt of `text` around its best-matching stretch: everything escaped, then the words whose
    stem is in `query_stems` wrapped in <mark>."""
    tokens = list(WORD.finditer(text))
    if not tokens:
        return escape(text[:300])
    hits = [i for i, m in enumerate(tokens) if stem(m.group()) in query_stems]
    marked = set(hits)
    # The standard library's escape (what Django's `escape` calls, without its lazy-string wrapper: a
    # few µs per piece, which added up to several ms for a page of excerpts).
    quote = html.escape
    start_token = 0
    if hits:
        best = max(hits, key=lambda h: sum(1 for x in hits if h <= x < h + max_words))
        start_token = max(0, best - max_words // 4)
    end_token = min(len(tokens), start_token + max_words)
    begin = 0 if start_token == 0 else tokens[start_token].start()
    end = len(text) if end_token == len(tokens) else tokens[end_token - 1].end()
    pieces: list[str] = ["… " if begin > 0 else ""]
    cursor = begin
    for index in range(start_token, end_token):
        match = tokens[index]
        pieces.append(quote(text[cursor : match.start()]))
        word = quote(match.group())
        pieces.append(f"<mark>{word}</mark>" if index in marked else word)
        cursor = match.end()
    pieces.append(quote(text[cursor:end]))
    if end < len(text):
        pieces.append(" …")
    return mark_safe("".join(pieces))
