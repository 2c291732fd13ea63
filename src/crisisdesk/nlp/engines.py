"""Engines that run :func:`crisisdesk.nlp.pipeline.extract_chunk` beyond one machine's process pool.

``ray``: the articles, in chunks, become a Ray Data dataset; a pool of worker actors (each loads the
pipeline once) maps every chunk to its extractions, and the results come back to the caller in
input order, so that the caller writes them to its store as with the local engine (one writer: a
store is written from one place, SQLite or PostgreSQL alike). With no Ray cluster running, one is
started on this machine (``ray.init``); with one (``RAY_ADDRESS``, or ``ray.init`` called before),
it is used. Ray is an optional extra: ``pip install 'crisisdesk[ray]'``.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterable, Iterator

from crisisdesk.model import Article, Extraction, IngestError
from crisisdesk.nlp.pipeline import _chunks, extract_chunk

#: The engines :func:`crisisdesk.api.extract` knows ("local": this machine's processes).
ENGINES = ("local", "ray")


class _ExtractChunks:
    """A Ray Data worker: loads the pipeline once, then extracts chunk after chunk."""

    def __init__(self, thorough: bool) -> None:
        from crisisdesk.nlp.pipeline import build_nlp

        build_nlp()
        self.thorough = thorough

    def __call__(self, row: dict) -> dict:
        chunk = pickle.loads(row["chunk"])
        return {"position": row["position"], "results": pickle.dumps(extract_chunk(chunk, thorough=self.thorough))}


def extract_with_ray(
    articles: Iterable[Article], *, thorough: bool = False, workers: int | None = None, chunk_size: int = 16
) -> Iterator[Extraction | IngestError]:
    """As :func:`crisisdesk.nlp.pipeline.extract`, on a Ray cluster with ``workers`` actors (None: one
    per CPU of the cluster)."""
    try:
        import ray
    except ImportError as error:  # an optional extra: say how to get it
        raise RuntimeError("the ray engine needs Ray: pip install 'crisisdesk[ray]'") from error

    if not ray.is_initialized():
        ray.init(include_dashboard=False, log_to_driver=False, configure_logging=False)
    if workers is None:
        workers = max(1, int(ray.cluster_resources().get("CPU", 1)))
    rows = [{"position": i, "chunk": pickle.dumps(chunk)} for i, chunk in enumerate(_chunks(articles, chunk_size))]
    if not rows:
        return
    context = ray.data.DataContext.get_current()
    context.execution_options.preserve_order = True
    context.enable_progress_bars = False
    dataset = ray.data.from_items(rows, override_num_blocks=len(rows)).map(
        _ExtractChunks, fn_constructor_kwargs={"thorough": thorough}, compute=ray.data.ActorPoolStrategy(size=workers), num_cpus=1
    )
    for row in dataset.iter_rows():
        yield from pickle.loads(row["results"])
