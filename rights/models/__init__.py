from rights.models.erasure import ErasureRequest
from rights.models.exports import DataExport
from rights.models.imports import (
    ImportItem,
    ImportLink,
    ImportProblem,
    ImportRun,
    ImportUpload,
)

__all__ = [
    "DataExport",
    "ErasureRequest",
    "ImportItem",
    "ImportLink",
    "ImportProblem",
    "ImportRun",
    "ImportUpload",
]
