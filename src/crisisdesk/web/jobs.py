"""Articles added from the app: read like the CLI reads files (same formats, same per-input
errors), extracted and stored in a background thread, one job at a time, with progress."""

from __future__ import annotations

import dataclasses
import itertools
import shutil
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Uploaded files are written under their own name (folders stripped) in a fresh folder; a name
#: that is no usable file name becomes this one.
FALLBACK_NAME = "upload.txt"


@dataclass
class Job:
    id: int
    inputs: list[str]  # the names the analyst gave (file names, "pasted text")
    state: str = "queued"  # queued | running | done | failed
    total: int | None = None
    done: int = 0
    new: int = 0
    known: int = 0
    errors: list[dict[str, str]] = field(default_factory=list)
    message: str = ""

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "state": self.state, "inputs": self.inputs, "total": self.total, "done": self.done,
            "articles_new": self.new, "articles_already_stored": self.known, "failed": self.errors, "message": self.message,
        }  # fmt: skip


def safe_name(name: str | None) -> str:
    """A file name that stays inside the upload folder ("../../etc/passwd" → "passwd")."""
    base = Path((name or "").replace("\\", "/")).name.strip().lstrip(".")
    return base or FALLBACK_NAME


class Jobs:
    """Ingest jobs of one workspace, run one after the other in a background thread."""

    def __init__(self, workspace) -> None:
        self.workspace = workspace
        self._jobs: dict[int, Job] = {}
        self._ids = itertools.count(1)
        self._run_lock = threading.Lock()  # one ingest at a time: the pipeline is CPU-bound

    def get(self, job_id: int) -> Job | None:
        return self._jobs.get(job_id)

    def start(self, files: list[tuple[str, bytes]], pasted: str | None = None) -> Job:
        """Write the inputs to a fresh folder and ingest them in the background."""
        folder = Path(tempfile.mkdtemp(prefix="crisisdesk-upload-"))
        names: dict[str, str] = {}
        for position, (name, data) in enumerate(files):
            target = safe_name(name)
            if (folder / target).exists():
                target = f"{position}-{target}"
            (folder / target).write_bytes(data)
            names[str(folder / target)] = name or target
        if pasted and pasted.strip():
            (folder / "pasted.txt").write_text(pasted, encoding="utf-8")
            names[str(folder / "pasted.txt")] = "pasted text"
        job = Job(next(self._ids), list(names.values()))
        self._jobs[job.id] = job
        threading.Thread(target=self._run, args=(job, folder, names), name=f"crisisdesk-ingest-{job.id}", daemon=True).start()
        return job

    def _run(self, job: Job, folder: Path, names: dict[str, str]) -> None:
        from crisisdesk.ingest import count_inputs, read_sources
        from crisisdesk.model import IngestError
        from crisisdesk.nlp.pipeline import extract

        def shown(origin: str) -> str:
            """The input as the analyst named it, not the temporary path ("report.jsonl:3")."""
            for path, name in names.items():
                if origin == path or origin.startswith(path + ":"):
                    return name + origin[len(path) :]
            return origin

        def articles():
            for item in read_sources(list(names)):
                if isinstance(item, IngestError):
                    job.errors.append({"origin": shown(item.origin), "reason": item.reason})
                else:
                    yield dataclasses.replace(item, origin=shown(item.origin))  # the name the analyst gave, not the temp folder

        try:
            with self._run_lock:
                job.state = "running"
                job.total = count_inputs(list(names))
                for item in extract(articles(), workers=1):
                    if isinstance(item, IngestError):
                        job.errors.append({"origin": shown(item.origin), "reason": item.reason})
                    elif self.workspace.store.save(item):
                        job.new += 1
                    else:
                        job.known += 1
                    job.done += 1
                job.state = "done"
                job.message = f"{job.new} new article(s), {job.known} already stored" + (
                    f", {len(job.errors)} input(s) failed" if job.errors else ""
                )
        except Exception as error:  # the job reports it; the server goes on
            job.state = "failed"
            job.message = f"{type(error).__name__}: {error}"
        finally:
            shutil.rmtree(folder, ignore_errors=True)
            if job.new or job.known:
                self.workspace.changed()
