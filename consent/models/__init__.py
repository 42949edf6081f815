from consent.models.consent import (
    AccountConsent,
    ConsentChange,
    CrawlerPolicy,
    PhotoConsent,
    Purpose,
)
from consent.models.lookup import DepictedRequest, ExternalDataset, ManifestRow
from consent.models.proof import ServedDocument
from consent.models.propagation import Propagation
from consent.models.releases import (
    Dataset,
    DeletionNotice,
    DeletionNoticeItem,
    Licensee,
    Release,
    ReleaseDelivery,
    ReleaseItem,
)

__all__ = [
    "AccountConsent",
    "ConsentChange",
    "CrawlerPolicy",
    "Dataset",
    "DeletionNotice",
    "DeletionNoticeItem",
    "DepictedRequest",
    "ExternalDataset",
    "Licensee",
    "ManifestRow",
    "PhotoConsent",
    "Propagation",
    "Purpose",
    "Release",
    "ReleaseDelivery",
    "ReleaseItem",
    "ServedDocument",
]
