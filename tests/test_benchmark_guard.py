"""A benchmark reports no figure from a crawl that did not do its work (benchmarks/common.py)."""

from __future__ import annotations

import pytest

from benchmarks.common import FailedRun, require_complete


def _result(**kw):
    return {"exit": 0, "status": "complete", "requests": 2003, "items": 3000, "documents_in_catalog": 1000, **kw}


def test_a_complete_crawl_that_saw_every_document_is_a_measurement():
    assert require_complete(_result(), 1000)["items"] == 3000


@pytest.mark.parametrize("result,reason", [
    (_result(exit=3, status="partial", requests=2, items=0, documents_in_catalog=0),
     "the crawl ended 'partial' (exit 3) after 2 requests and 0 items"),
    (_result(documents_in_catalog=998), "the catalog holds 998 documents; the site holds 1000"),
])
def test_a_failed_or_short_crawl_exits_with_the_reason(result, reason):
    with pytest.raises(FailedRun, match="no figure reported: .*" + reason.replace("(", r"\(").replace(")", r"\)")):
        require_complete(result, 1000)
