#!/usr/bin/env python3
"""Round-trip cases for yoy's printed-figure reader (src/printed), generated
once and kept beside this script as cases.tsv: each line is
`lang <TAB> text <TAB> value`. Run again only to change the cases:

    pip install num2words==0.5.14
    python3 tests/printed/make_cases.py > tests/printed/cases.tsv

Numbers in words come from num2words (an independent speller, not yoy's
grammar); the digit groupings and the mixed Arabic forms ("4 ملايين و696
ألفا و69", as news reports print them) are spelled here. The sample is fixed
(seeded), and covers 0 to 999 whole, then every order of magnitude to 10^9.
"""
import random

from num2words import num2words

rng = random.Random(20261129)


def sample():
    ns = list(range(0, 1000))
    for lo, hi, k in [(1000, 10_000, 120), (10_000, 1_000_000, 200),
                      (1_000_000, 1_000_000_000, 200)]:
        ns += [rng.randrange(lo, hi) for _ in range(k)]
    # Round ones, whose scale words stand alone.
    ns += [k * 10**e for e in (3, 6, 9) for k in (1, 2, 3, 10, 11, 20, 100)]
    return sorted(set(ns))


ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def group(n, sep):
    return f"{n:,}".replace(",", sep)


def arabic_mixed(n):
    """4 696 069 as 'أربعة ملايين و696 ألفا و69' is printed with digits."""
    m, rest = divmod(n, 1_000_000)
    t, u = divmod(rest, 1000)
    parts = []
    if m:
        parts.append({1: "مليون", 2: "مليونين"}.get(m) or
                     (f"{m} ملايين" if 3 <= m <= 10 else f"{m} مليون"))
    if t:
        parts.append({1: "ألف", 2: "ألفين"}.get(t) or
                     (f"{t} آلاف" if 3 <= t <= 10 else f"{t} ألفا"))
    if u:
        parts.append(str(u))
    return " و".join(parts)


def rows():
    for n in sample():
        ar = num2words(n, lang="ar")
        # num2words 0.5.14 spells some numbers with a doubled scale word
        # ("سبعمائة و ألف ألف و سبعمائة و واحد" for 701 701), which no
        # reader could take for the number: those spellings are left out.
        if "ألف ألف" not in ar and "مليون مليون" not in ar:
            yield "ar", ar, n
        yield "ar", group(n, ","), n
        yield "ar", str(n).translate(ARABIC_INDIC), n
        if n >= 1000:
            yield "ar", arabic_mixed(n), n
        # "un", "one" alone are read only before a scale word ("un
        # million"): alone they are articles far more often than figures.
        if n != 1:
            yield "fr", num2words(n, lang="fr"), n
        yield "fr", group(n, "\u00a0"), n
        yield "fr", group(n, " "), n
        # English words are printed without the commas num2words puts in.
        if n != 1:
            yield "en", num2words(n, lang="en").replace(",", ""), n
        yield "en", group(n, ","), n


for lang, text, n in rows():
    print(f"{lang}\t{text}\t{n}")
