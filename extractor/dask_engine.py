"""Batch runs on a Dask cluster: a bag of file chunks, each mapped through the same per-file function the local
engine uses; the pipeline is built once per worker process (get_pipeline is cached per process).

    newsfacts extract DIR -o OUT --engine dask --scheduler tcp://scheduler:8786

Without --scheduler a local in-process cluster is started (what the tests use). Tasks run in worker threads, where
no alarm can be set: an article's deadline is checked between components and by newsfacts' own components (see
extract_batch). Start workers with `--nthreads 1` and as many worker processes as cores: the model uses one core
per article."""

from __future__ import annotations

from collections.abc import Iterator

from .batch import BatchOptions, FileResult, process_files


def run_on_dask(chunks: list[list[str]], options: BatchOptions) -> Iterator[list[FileResult]]:
    try:
        import dask.bag as db
        from distributed import Client
    except ImportError as err:  # pragma: no cover - the message is the point
        raise ValueError("--engine dask needs the dask extra: pip install 'newsfacts[dask]'") from err
    client = Client(options.scheduler) if options.scheduler else Client(processes=False, n_workers=1,
                                                                        threads_per_worker=1)
    try:
        bag = db.from_sequence(chunks, npartitions=max(1, min(len(chunks), 4 * max(1, options.jobs))))
        # results come back in input order, so the output is the same as a local run's
        for result in bag.map(process_files, options=options).compute():
            yield result
    finally:
        client.close()
