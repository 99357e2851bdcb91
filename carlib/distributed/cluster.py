"""Which cluster runs the analysis, and the gazetteer each of its workers loads once.

``connected()`` gives the client to run on: the one given, one to a scheduler's address, the
session's current client, or else a ``LocalCluster`` of one single-threaded worker process per
core (the steps are pure Python: threads would share one core), closed afterwards.
``install(client)`` registers a worker plugin that opens the gazetteer (the SQLite index in
the worker's cache folder, ``$CARLIB_CACHE_DIR``) and takes the client's profile when a worker
starts: once per worker, not per partition, so its look-up caches stay warm across partitions.
Tasks reach it with ``worker_gazetteer(name)``.

>>> with connected() as client:  # doctest: +SKIP
...     name = install(client)
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager

from distributed import Client, LocalCluster, WorkerPlugin, default_client, get_worker

from ..errors import ProfileError
from ..geo import Gazetteer
from ..profile import Profile, profile, use_profile

__all__ = ["connected", "install", "worker_gazetteer", "GazetteerPlugin"]


@contextmanager
def connected(client: Client | None = None, address: str | None = None) -> Iterator[Client]:
    """``client``, else a client of the scheduler at ``address``, else the current client,
    else one of a new ``LocalCluster`` (one worker process per core); only what it opened is
    closed on leaving.

    >>> with connected(address="tcp://10.0.0.5:8786") as client:  # doctest: +SKIP
    ...     client.nthreads()
    """
    if client is not None:
        yield client
        return
    if address is not None:
        with Client(address) as opened:
            yield opened
        return
    try:
        yield default_client()
        return
    except ValueError:  # no client in this session
        pass
    with LocalCluster(n_workers=os.cpu_count() or 1, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as opened:
        yield opened


def _portable(chosen: Profile) -> Profile | str:
    """A shipped profile by name (its files lie inside each worker's own carlib), any other
    as it is."""
    try:
        return chosen.name if Profile.load(chosen.name) == chosen else chosen
    except ProfileError:
        return chosen


class GazetteerPlugin(WorkerPlugin):
    """Takes the client's profile and loads the gazetteer when a worker starts.

    >>> client.register_plugin(GazetteerPlugin(profile()), name="carlib")  # doctest: +SKIP
    """

    idempotent = True  # registering it again under its name does not reload it

    def __init__(self, chosen: Profile) -> None:
        self.profile = _portable(chosen)
        self.gazetteer: Gazetteer | None = None

    def setup(self, worker) -> None:
        use_profile(self.profile)
        self.gazetteer = Gazetteer.load()


def install(client: Client) -> str:
    """Register the gazetteer plugin for the current profile on every worker (and every
    worker that joins later); its name, for :func:`worker_gazetteer`.

    >>> name = install(client)  # doctest: +SKIP
    """
    plugin = GazetteerPlugin(profile())
    name = "carlib-gazetteer-" + hashlib.sha256(repr(plugin.profile).encode()).hexdigest()[:12]
    client.register_plugin(plugin, name=name)
    return name


def worker_gazetteer(name: str) -> Gazetteer:
    """The gazetteer the plugin ``name`` loaded on this worker, its profile made current.

    >>> gaz = worker_gazetteer(name)  # inside a task  # doctest: +SKIP
    """
    plugin = get_worker().plugins[name]
    use_profile(plugin.profile)
    return plugin.gazetteer
