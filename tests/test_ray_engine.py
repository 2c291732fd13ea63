"""The ray engine (crisisdesk.nlp.engines): the same extractions as the local engine, stored the
same way, on a local Ray cluster the test starts (no network, no dashboard)."""

from __future__ import annotations

import pytest

from crisisdesk import api
from crisisdesk.ingest import make_article
from crisisdesk.ingest.readers import RawArticle
from crisisdesk.model import Extraction

ray = pytest.importorskip("ray", reason="ray is not installed (optional extra: pip install 'crisisdesk[ray]')")

TEXTS = (
    "Floods displaced 12,000 people in Sindh province on Monday, the provincial disaster authority said.",
    "Shelling killed 14 civilians in Aleppo, according to the Syrian Observatory for Human Rights.",
    "The government denied that troops had fired on protesters in Yangon.",
    "Aid convoys reached Goma, North Kivu, where 300 families are without food or shelter.",
    "Nothing happened in the city today.",
)


@pytest.fixture(scope="module")
def ray_cluster():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def _articles():
    return [make_article(RawArticle(text, f"test:{i}", id=f"ray-{i}")) for i, text in enumerate(TEXTS)]


def test_ray_engine_gives_the_local_extractions_in_order(ray_cluster):
    local = list(api.extract(_articles(), workers=1))
    on_ray = list(api.extract(_articles(), engine="ray", workers=2))
    assert all(isinstance(x, Extraction) for x in on_ray)
    assert [x.article.id for x in on_ray] == [x.article.id for x in local]
    assert on_ray == local
    assert any(x.figures for x in on_ray)


def test_ingest_with_the_ray_engine_writes_the_store(ray_cluster, tmp_path):
    db = f"sqlite:///{tmp_path / 'ray.sqlite'}"
    summary = api.ingest(_articles(), db, engine="ray")
    assert summary.new == len(TEXTS) and not summary.failed
    stored = {x.article.id: x for x in api._store(db).extractions()}
    local = {x.article.id: x for x in api.extract(_articles(), workers=1)}
    assert {i: len(x.figures) for i, x in stored.items()} == {i: len(x.figures) for i, x in local.items()}


def test_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="unknown engine"):
        list(api.extract(_articles(), engine="spark"))
