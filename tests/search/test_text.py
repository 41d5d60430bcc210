"""The database-independent half: query cleaning, FTS5 expressions and excerpts."""

from kompass.search.text import (
    MAX_QUERY_CHARS,
    clean_text,
    fts5_match,
    highlight,
    parse_query,
    stems,
)


def test_swedish_stems_make_definite_forms_meet_the_bare_word():
    assert stems("medborgardialogen Medborgardialog") == "medborgardialog medborgardialog"
    assert stems("klagomålshanteringen klagomålshantering") == "klagomålshantering klagomålshantering"


def test_operators_quotes_and_sql_in_a_query_are_only_separators():
    parsed = parse_query("""medborgardialog" OR 1=1; DROP TABLE x; -- NEAR(a b) * ^ :""")
    assert parsed.terms == ("medborgardialog",)
    assert parsed.phrases == (("or", "1", "1", "drop", "table", "x", "near", "a", "b"),)
    assert fts5_match(parsed) == '"medborgardialog" AND "or 1 1 drop tabl x near a b"'


def test_fts5_expression_is_only_quoted_stems():
    parsed = parse_query('kontaktcenter "alltid bästa möte" AND')
    assert fts5_match(parsed) == '"kontaktcent" AND "and" AND "alltid bäst möt"'


def test_stop_words_alone_give_an_empty_query_that_says_so():
    parsed = parse_query("och att det")
    assert parsed.is_empty
    assert parsed.dropped_stop_words is True


def test_nul_control_and_private_use_characters_are_removed():
    assert clean_text("a\x00b\x07c\ue000d\u200b\ne") == "abcd\ne"
    assert parse_query("dia\x00log").terms == ("dialog",)


def test_very_long_query_is_capped_and_flagged():
    parsed = parse_query("ord " * 5000)
    assert parsed.terms == ("ord",)
    assert parsed.truncated is True
    many = parse_query(" ".join(f"ord{n}" for n in range(40)))
    assert len(many.terms) == 12
    assert many.truncated is True
    assert len(parse_query("x" * (MAX_QUERY_CHARS + 50)).terms[0]) == MAX_QUERY_CHARS


def test_highlight_escapes_markup_and_marks_stemmed_matches():
    text = '<script>alert("x")</script> Medborgardialogen & <b>dialog</b> fortsätter.'
    excerpt = highlight(text, parse_query("medborgardialog").stems)
    assert excerpt == (
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; <mark>Medborgardialogen</mark> &amp; "
        "&lt;b&gt;dialog&lt;/b&gt; fortsätter."
    )


def test_highlight_cuts_a_long_text_around_the_match():
    text = " ".join(["fyllnad"] * 100) + " kontaktcenter " + " ".join(["slut"] * 100)
    excerpt = highlight(text, parse_query("kontaktcenter").stems, max_words=8)
    assert excerpt == "… fyllnad fyllnad <mark>kontaktcenter</mark> slut slut slut slut slut …"
