"""The review site (static HTML from the model): see :mod:`.build`."""

from .build import Site, SiteDocument, SiteModification, build_site, slug
from .pages import anchor, document_rows

__all__ = ["Site", "SiteDocument", "SiteModification", "anchor", "build_site", "document_rows", "slug"]
