from rights.models.erasure import ErasureRequest
from rights.models.exports import DataExport

__all__ = ["DataExport", "ErasureRequest"]
