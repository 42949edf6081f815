from rights.models.erasure import ErasureRequest
from rights.models.exports import DataExport
from rights.models.imports import ImportItem, ImportRun

__all__ = ["DataExport", "ErasureRequest", "ImportItem", "ImportRun"]
