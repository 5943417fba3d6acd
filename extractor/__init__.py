"""newsfacts: trade and economy news in, checkable facts out.

    >>> from extractor import extract
    >>> facts = extract("Exports rose 5.9% in November.", published="2025-12-08")
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("newsfacts")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"

from .api import extract, extract_batch  # noqa: E402
from .extensions import ArticleTimeout  # noqa: E402
from .model import ModelNotFoundError  # noqa: E402
from .pipeline import build_pipeline, get_pipeline  # noqa: E402
from .reconcile import reconcile  # noqa: E402  the function, not the subpackage of the same name

__all__ = ["ArticleTimeout", "ModelNotFoundError", "__version__", "build_pipeline", "extract", "extract_batch",
           "get_pipeline", "reconcile"]
