"""PDFs that never keep a user waiting: a document that takes seconds is made by a background task.

`start` finds or creates the document's `PdfJob` by its key (the document, the data generations it
reads, the language, the day) and enqueues its rendering once. The key is unique in the database, so
two requests for the same document at once make one job, and the second waits with the first. A done
job is the made document (kept in the cache too, so a download reads no more than a cached page); one that failed for good, or is older than a cached document may be (a
change made outside the portal), is made again by the next request. The renderers of each kind live in
`reports.pdf_documents`.
"""

import hashlib
from collections.abc import Callable, Iterable
from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone, translation

from core.freshness import DOCUMENT_SECONDS, current_generations
from core.pdf import progress_listener
from core.tasks import daily_task, enqueue_after_commit, retried_task
from reports.models import PdfJob

Renderer = Callable[[dict], bytes]
RENDERERS: dict[str, Renderer] = {}
CACHE_PREFIX = "pdf-job:"
STARTED = 10  # percent shown once a worker has taken the job
KEPT = timedelta(days=1)  # done and failed jobs are removed after this; a done one is re-made after DOCUMENT_SECONDS


def renderer(kind: str) -> Callable[[Renderer], Renderer]:
    """Register `render(params) -> bytes` for a kind of document."""

    def register(render: Renderer) -> Renderer:
        RENDERERS[kind] = render
        return render

    return register


def job_key(*, kind: str, params: dict, apps: Iterable[str], generations: dict[str, int] | None = None) -> str:
    """The document, the generations of the apps it reads, the language and the day, hashed. Without apps
    (a frozen answer's PDF, which never changes) only the document."""
    apps = sorted(apps)
    parts: list[object] = [kind, sorted(params.items())]
    if apps:
        generations = current_generations() if generations is None else generations
        parts += [[(app, generations.get(app, 0)) for app in apps], translation.get_language(), timezone.localdate()]
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def start(*, kind: str, params: dict, apps: Iterable[str], filename: str, user=None, generations=None) -> PdfJob:
    """The job making this document: a done one, one being made, or a new one enqueued."""
    key = job_key(kind=kind, params=params, apps=apps, generations=generations)
    if (pdf := cache.get(CACHE_PREFIX + key)) is not None:  # made already: read from the cache, as a page is
        return PdfJob(key=key, kind=kind, params=params, filename=filename, state=PdfJob.State.DONE, progress=100, pdf=pdf)
    defaults = {
        "kind": kind,
        "params": params,
        "language": translation.get_language(),
        "filename": filename,
        "requested_by": user if user is not None and user.is_authenticated else None,
    }
    # The insert of a second request racing the first fails on the unique key; get_or_create then reads the first's.
    job, created = PdfJob.objects.get_or_create(key=key, defaults=defaults)
    if created or _restarted(job):
        enqueue_after_commit(render_job, str(job.pk))
        job.refresh_from_db()  # the immediate backend (tests) has made it by now
    if job.state == PdfJob.State.DONE:
        cache.set(CACHE_PREFIX + key, bytes(job.pdf), DOCUMENT_SECONDS)
    return job


def _restarted(job: PdfJob) -> bool:
    """A job that failed for good, or a done one older than a cached document may be (a change made outside
    the portal), goes back in the queue: the conditional update lets one request of several do it."""
    stale = timezone.now() - timedelta(seconds=DOCUMENT_SECONDS)
    if not (job.state == PdfJob.State.FAILED or (job.state == PdfJob.State.DONE and job.finished_at and job.finished_at < stale)):
        return False
    restart = {"state": PdfJob.State.WAITING, "progress": 0, "pdf": b"", "finished_at": None}
    return bool(PdfJob.objects.filter(pk=job.pk, state=job.state, finished_at=job.finished_at).update(**restart))


def _progress(job: PdfJob, percent: int) -> None:
    PdfJob.objects.filter(pk=job.pk).update(progress=percent)


def _failed(job_id: str) -> None:
    PdfJob.objects.filter(pk=job_id).update(state=PdfJob.State.FAILED, finished_at=timezone.now())


@retried_task(on_failure=_failed)
def render_job(job_id: str) -> None:
    """Make the job's PDF in the language it was asked in; a job done already (a repeated task) is left alone."""
    job = PdfJob.objects.filter(pk=job_id).exclude(state=PdfJob.State.DONE).first()
    if job is None:
        return
    PdfJob.objects.filter(pk=job.pk).update(state=PdfJob.State.RUNNING, progress=STARTED)
    token = progress_listener.set(lambda percent: _progress(job, percent))
    try:
        with translation.override(job.language):
            pdf = RENDERERS[job.kind](job.params)
    finally:
        progress_listener.reset(token)
    PdfJob.objects.filter(pk=job.pk).update(state=PdfJob.State.DONE, progress=100, pdf=pdf, finished_at=timezone.now())


@daily_task
def remove_old_pdf_jobs(day: str) -> int:
    """Done and failed jobs of more than a day ago: their documents are stale by now (the day is in the key)."""
    finished = PdfJob.objects.filter(state__in=[PdfJob.State.DONE, PdfJob.State.FAILED])
    deleted, _ = finished.filter(created_at__lt=timezone.now() - KEPT).delete()
    return deleted
