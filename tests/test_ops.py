"""The models built under crisisdesk's MatmulOps (crisisdesk.nlp.ops: numpy's matmul instead of BLIS)
annotate as spaCy's default NumpyOps do: the same tags, parts of speech, dependencies, heads and
entities, the same facts, and token vectors that differ only by the summation order (~1e-6)."""

from __future__ import annotations

import contextlib
from pathlib import Path

import numpy
import pytest
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG
from thinc.api import Model, NumpyOps, get_current_ops

from crisisdesk.nlp import ops as crisisdesk_ops
from crisisdesk.nlp.ops import MatmulOps, one_blas_thread
from crisisdesk.nlp.pipeline import OUR_COMPONENTS, build_nlp

GWN = Path(__file__).resolve().parents[2] / "shared" / "eval" / "geowebnews" / "GWN.xml"
SYNTHETIC = Path(__file__).resolve().parent / "data" / "synthetic_news.jsonl"

_ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE]


def _texts(count: int = 40) -> list[str]:
    """Real news articles (GeoWebNews) when ../shared is there, and the repository's synthetic news."""
    import json

    texts = [json.loads(line)["text"] for line in SYNTHETIC.read_text("utf-8").splitlines() if line.strip()]
    if GWN.exists():
        from lxml import etree

        articles = etree.parse(str(GWN)).getroot().iter("article")
        texts += [a.findtext("text") or "" for _, a in zip(range(count), articles)]
    return [t for t in texts if t.strip()]


@pytest.fixture(scope="module")
def nlp():
    return build_nlp()


@pytest.fixture(scope="module")
def default_nlp():
    """A second pipeline built as build_nlp builds it but for the ops: the models on thinc's default
    NumpyOps (BLIS)."""
    from crisisdesk.nlp import pipeline

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(crisisdesk_ops, "matmul_ops", contextlib.nullcontext)
        built = pipeline.build_nlp.__wrapped__()
    assert type(built.get_pipe("tok2vec").model.ops) is NumpyOps
    return built


def test_the_pipeline_models_run_on_matmul_ops_and_the_process_keeps_its_own(nlp):
    for name, pipe in nlp.pipeline:
        if name in OUR_COMPONENTS or not isinstance(getattr(pipe, "model", None), Model):
            continue  # a rule pipe: no model
        # spaCy builds a parser's output layer ("upper") on the "cpu" ops on purpose; the greedy
        # parser multiplies by it from C (ops.cblas(), BLIS), never through its ops.
        upper = {id(node) for node in pipe.model.get_ref("upper").walk()} if pipe.model.has_ref("upper") else set()
        assert all(type(node.ops) is MatmulOps for node in pipe.model.walk() if id(node) not in upper), name
    # use_ops is scoped: models created elsewhere in the process still get thinc's default.
    assert type(get_current_ops()) is NumpyOps


@pytest.mark.parametrize("trans1, trans2", [(False, False), (True, False), (False, True), (True, True)])
def test_gemm_is_numpy_ops_gemm(trans1, trans2):
    rng = numpy.random.default_rng(0)
    x = rng.standard_normal((7, 5) if not trans1 else (5, 7), dtype=numpy.float32)
    y = rng.standard_normal((5, 3) if not trans2 else (3, 5), dtype=numpy.float32)
    expected = NumpyOps().gemm(x, y, trans1=trans1, trans2=trans2)
    got = MatmulOps().gemm(x, y, trans1=trans1, trans2=trans2)
    assert got.dtype == numpy.float32 and got.shape == (7, 3)
    numpy.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-5)


def test_gemm_writes_into_a_higher_dimensional_out_as_the_precomputable_affine_passes_it():
    rng = numpy.random.default_rng(1)
    x = rng.standard_normal((4, 6), dtype=numpy.float32)
    w = rng.standard_normal((2 * 3 * 2, 6), dtype=numpy.float32)
    out = numpy.zeros((5, 2, 3, 2), dtype=numpy.float32)
    returned = MatmulOps().gemm(x, w, trans2=True, out=out[1:])
    assert returned.base is out or numpy.shares_memory(returned, out)
    numpy.testing.assert_allclose(out[1:].reshape(4, 12), x @ w.T, rtol=1e-5, atol=1e-5)
    assert not out[0].any()


def test_gemm_refuses_what_numpy_ops_refuses():
    with pytest.raises(ValueError):
        MatmulOps().gemm(numpy.ones((2, 2), dtype="float64"), numpy.ones((2, 2), dtype="float64"))


def test_the_models_annotate_real_articles_as_with_the_default_ops(nlp, default_nlp):
    texts = _texts()
    ours = list(nlp.pipe(texts, disable=list(OUR_COMPONENTS)))
    theirs = list(default_nlp.pipe(texts, disable=list(OUR_COMPONENTS)))
    assert sum(len(d) for d in ours) > 2000
    for a, b in zip(ours, theirs):
        assert [t.text for t in a] == [t.text for t in b]
        assert numpy.array_equal(a.to_array(_ATTRS), b.to_array(_ATTRS)), a.text[:80]
        assert [(e.start, e.end, e.label_) for e in a.ents] == [(e.start, e.end, e.label_) for e in b.ents]
        # The shared token vectors: the same up to the order floats are summed in.
        numpy.testing.assert_allclose(a.tensor, b.tensor, rtol=0, atol=1e-4)


def test_the_facts_are_those_of_the_default_ops(default_nlp):
    """The whole extraction (fast path), every fact as written out, with the models on either ops."""
    from crisisdesk.export.extract_json import extraction_json
    from crisisdesk.ingest import make_article
    from crisisdesk.ingest.readers import RawArticle
    from crisisdesk.nlp import pipeline

    articles = [make_article(RawArticle(text, f"test:{i}", id=f"ops-{i}")) for i, text in enumerate(_texts(25))]
    ours = [extraction_json(e) for e in pipeline.extract_chunk(articles, raise_errors=True)]
    theirs = [extraction_json(e) for e in pipeline._extracted(default_nlp, articles, thorough=False, raise_errors=True)]
    assert sum(len(e["figures"]) + len(e["conditions"]) for e in ours) > 10
    assert ours == theirs


def test_one_blas_thread_while_extracting():
    from threadpoolctl import threadpool_info

    with one_blas_thread():
        assert all(lib["num_threads"] == 1 for lib in threadpool_info() if lib["user_api"] == "blas")
