import pytest

from tests.movein.flickr_export import build_export


@pytest.fixture
def flickr(tmp_path):
    return build_export(tmp_path / "flickr")
