"""Routes over a finished scan (``unspun serve [INDEX_DIR] --scan SCAN_DIR``): families, sites, and pair reports.

The scan's result files are read once at start-up (:func:`load_scan`) and never written; every route answers from
memory. ``GET /api/families``, ``GET /api/families/{id}`` and ``GET /api/sites`` give the JSON rows of
``families.jsonl`` and ``sites.jsonl``; ``/families``, ``/families/{id}``, ``/sites`` and ``/scan`` are the pages
(the trees, tables and network picture are the scan report's own fragments). ``/pair?a=ID&b=ID`` compares two
indexed documents on demand, so it needs the index the scan was made from. No route takes a file-system path.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, JSONResponse

from unspun.errors import InputError
from unspun.scan.records import BoilerplateLine, Family, FamilyEdge, ReusePair, ScanResult, ScanSummary, SiteProfile
from unspun.stages.report import render_html
from unspun.stages.report.scan_html import (
    largest_first,
    member_facts,
    render_family_tree,
    render_scan_html,
    render_site_network,
    render_sites_table,
    scan_styles,
)
from unspun.web.errors import HttpError
from unspun.web.pages import PAGE_HEADERS, REPORT_HEADERS, render_page
from unspun.web.schemas import LOOKUP_RESPONSES, FamiliesOut, FamilyOut, SitesOut
from unspun.web.services import Services

PAGE_SIZE = 50
"""Families per page (API and pages) unless ``limit`` says otherwise."""
MAX_PAGE_SIZE = 500
"""Largest ``limit`` accepted: a page of families stays a bounded answer."""
_TABLES = ("pairs", "families", "sites", "boilerplate")
_NO_INDEX = ("side-by-side reports need the index the scan was made from; "
             "start the server with: unspun serve INDEX_DIR --scan SCAN_DIR")


# --- loading the scan folder ------------------------------------------------------------------------------------

def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


_CHECKS: dict[str, Callable[[Any], bool]] = {
    "str": lambda v: isinstance(v, str), "str | None": lambda v: v is None or isinstance(v, str),
    "int": _is_int, "float": _is_number, "float | None": lambda v: v is None or _is_number(v),
    "dict[str, int]": lambda v: isinstance(v, dict) and all(isinstance(k, str) and _is_int(x) for k, x in v.items()),
    "dict[str, float]": lambda v: isinstance(v, dict) and all(_is_number(x) for x in v.values()),
    "tuple[str, ...]": lambda v: all(isinstance(x, str) for x in v),
    "tuple[tuple[str, str], ...]": lambda v: all(isinstance(x, str) for pair in v for x in pair),
}
"""A type check per field annotation of the records (fields of other types are built, not checked)."""


def _checked(record: Any) -> Any:
    """``record``, once every field holds a value of its declared type (the pages format them)."""
    for field in fields(record):
        check = _CHECKS.get(str(field.type))
        if check is not None and not check(getattr(record, field.name)):
            raise ValueError(f"{field.name}: expected {field.type}, got {getattr(record, field.name)!r}")
    return record


def _known(cls: type, row: Mapping[str, Any]) -> dict[str, Any]:
    """The row's values of ``cls``'s fields; other keys are ignored (a newer scan may write more)."""
    return {field.name: row[field.name] for field in fields(cls) if field.name in row}


def _tuple(value: Any) -> tuple:
    """A JSON list as a tuple."""
    if not isinstance(value, list):
        raise TypeError(f"expected a list, got {value!r}")
    return tuple(value)


def _edge(row: Mapping[str, Any]) -> FamilyEdge:
    return _checked(FamilyEdge(**{**_known(FamilyEdge, row), "alternatives": _tuple(row.get("alternatives", []))}))


def _family(row: Mapping[str, Any]) -> Family:
    values = _known(Family, row)
    return _checked(Family(**{**values, "members": _tuple(values.get("members")), "sites": _tuple(values.get("sites")),
                              "edges": tuple(_edge(edge) for edge in _tuple(values.get("edges"))),
                              "links": _tuple(values.get("links", []))}))


def _site(row: Mapping[str, Any]) -> SiteProfile:
    examples = tuple((example["id"], example["phrase"]) for example in _tuple(row.get("chatbot_examples", [])))
    return _checked(SiteProfile(**{**_known(SiteProfile, row), "chatbot_examples": examples}))


_BUILDERS: dict[str, Callable[[Mapping[str, Any]], Any]] = {
    "pairs": lambda row: _checked(ReusePair(**{**_known(ReusePair, row), "comparison": None})),
    "families": _family, "sites": _site,
    "boilerplate": lambda row: _checked(BoilerplateLine(**_known(BoilerplateLine, row))),
}


def _read(path: Path) -> str:
    """A result file's text, or the one-line :class:`InputError` naming it."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(str(path), "missing; point --scan at the output folder of `unspun scan`") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(str(path), f"cannot be read ({error})") from None


def _rows(path: Path) -> Iterator[tuple[int, Any]]:
    """``(line number, parsed JSON)`` of every non-blank line of a JSONL file."""
    for number, line in enumerate(_read(path).splitlines(), start=1):
        if line.strip():
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError as error:
                raise InputError(str(path), f"line {number}: not valid JSON ({error.msg})") from None


def _table(path: Path, build: Callable[[Mapping[str, Any]], Any]) -> tuple:
    """Every record of one JSONL table, or an :class:`InputError` naming the file and line of a bad one."""
    records = []
    for number, row in _rows(path):
        try:
            records.append(build(row))
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise InputError(str(path), f"line {number}: not a scan record ({error}); rerun `unspun scan`") from None
    return tuple(records)


def _summary(path: Path) -> ScanSummary:
    """``summary.json`` (its timings live in ``timings.json`` and are not needed here)."""
    try:
        row = json.loads(_read(path))
        return _checked(ScanSummary(**{**_known(ScanSummary, row), "seconds": {}}))
    except json.JSONDecodeError as error:
        raise InputError(str(path), f"not valid JSON ({error.msg})") from None
    except (TypeError, ValueError, AttributeError) as error:
        raise InputError(str(path), f"not a scan summary ({error}); rerun `unspun scan`") from None


def load_scan(folder: str | Path) -> ScanResult:
    """The scan written to ``folder`` by ``unspun scan`` (read only), or an :class:`InputError` naming the
    missing or malformed file."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(str(folder), "not a folder; point --scan at the output folder of `unspun scan`")
    tables = {name: _table(folder / f"{name}.jsonl", _BUILDERS[name]) for name in _TABLES}
    ids = [family.id for family in tables["families"]]
    if len(set(ids)) != len(ids):
        raise InputError(str(folder / "families.jsonl"), "the same family id appears twice; rerun `unspun scan`")
    return ScanResult(summary=_summary(folder / "summary.json"), pairs=tables["pairs"], families=tables["families"],
                      sites=tables["sites"], boilerplate=tables["boilerplate"], out=str(folder))


# --- the loaded scan ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ScanView:
    """A loaded scan arranged for the routes: families largest first and by id, and each member's site and date."""

    result: ScanResult
    families: tuple[Family, ...]
    by_id: Mapping[str, Family]
    members: Mapping[str, tuple[str | None, str | None]]

    @classmethod
    def of(cls, result: ScanResult) -> ScanView:
        """Arrange ``result`` (done once, at start-up)."""
        families = tuple(largest_first(result.families))
        return cls(result, families, {family.id: family for family in families}, member_facts(result.pairs))

    def page(self, *, offset: int, limit: int, site: str | None = None) -> tuple[int, tuple[Family, ...]]:
        """``(how many families match, the page of them)``; with ``site``, only families with a document there."""
        chosen = self.families if site is None else tuple(f for f in self.families if site in f.sites)
        return len(chosen), chosen[offset:offset + limit]

    def family(self, family_id: str) -> Family:
        """The family with this id, or a 404 :class:`HttpError`."""
        if family_id not in self.by_id:
            raise HttpError(404, "not_found", f"no family with id {family_id!r} in this scan")
        return self.by_id[family_id]


def family_href(family_id: str) -> str:
    """The family page's URL."""
    return "/families/" + quote(family_id, safe="")


def pair_href(source: str, derived: str) -> str:
    """The URL of a pair's side-by-side report."""
    return "/pair?" + urlencode({"a": source, "b": derived})


Offset = Annotated[int, Query(ge=0, description="Families to skip.")]
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="Most families to return.")]
SiteFilter = Annotated[str | None, Query(description="Only families with a document from this site.")]


def _brief(family: Family) -> dict[str, Any]:
    """A family's row without its edges (the list's form)."""
    row = family.to_dict()
    del row["edges"]
    return row


def scan_api_router(view: ScanView) -> APIRouter:
    """``GET /api/families``, ``GET /api/families/{family_id}``, ``GET /api/sites``."""
    router = APIRouter(prefix="/api", tags=["scan"])

    @router.get("/families", response_model=None, responses={200: {"model": FamiliesOut}, **LOOKUP_RESPONSES})
    async def list_families(offset: Offset = 0, limit: Limit = PAGE_SIZE, site: SiteFilter = None) -> JSONResponse:
        """The scan's families, largest first, a page at a time (members and sites, not the tree's edges)."""
        total, page = view.page(offset=offset, limit=limit, site=site)
        return JSONResponse({"total": total, "offset": offset, "limit": limit, "site": site,
                             "families": [_brief(family) for family in page]})

    @router.get("/families/{family_id:path}", response_model=None,
                responses={200: {"model": FamilyOut}, **LOOKUP_RESPONSES})
    async def get_family(family_id: str) -> JSONResponse:
        """One family with its provenance tree's edges (its ``families.jsonl`` row)."""
        return JSONResponse(view.family(family_id).to_dict())

    @router.get("/sites", response_model=None, responses={200: {"model": SitesOut}})
    async def list_sites() -> JSONResponse:
        """The sites table, most farm-like first (the rows of ``sites.jsonl``)."""
        return JSONResponse({"sites": [site.to_dict() for site in view.result.sites]})

    return router


def _page_links(total: int, offset: int, limit: int, site: str | None) -> dict[str, str | None]:
    """Previous and next page URLs of the families list (None at either end)."""
    def href(start: int) -> str:
        query = {"offset": start, "limit": limit, **({"site": site} if site is not None else {})}
        return "/families?" + urlencode(query)

    return {"previous": href(max(offset - limit, 0)) if offset > 0 else None,
            "next": href(offset + limit) if offset + limit < total else None}


def _family_pages(view: ScanView, services: Services, shared: dict[str, Any]) -> APIRouter:
    """``GET /families`` (a page of the list) and ``GET /families/{family_id}`` (one tree)."""
    router = APIRouter(include_in_schema=False)
    link = pair_href if services.index is not None else (lambda source, derived: None)

    @router.get("/families", response_class=HTMLResponse)
    async def families_page(offset: Offset = 0, limit: Limit = PAGE_SIZE, site: SiteFilter = None) -> HTMLResponse:
        total, page = view.page(offset=offset, limit=limit, site=site)
        rows = [{"family": family, "href": family_href(family.id)} for family in page]
        return HTMLResponse(render_page("families.html.j2", rows=rows, total=total, offset=offset, site=site,
                                        pages=_page_links(total, offset, limit, site), **shared),
                            headers=PAGE_HEADERS)

    @router.get("/families/{family_id:path}", response_class=HTMLResponse)
    async def family_page(family_id: str) -> HTMLResponse:
        family = view.family(family_id)
        related = [(family_href(other), other) if other in view.by_id else (None, other) for other in family.links]
        tree = render_family_tree(family, link=link, members=view.members)
        return HTMLResponse(render_page("family.html.j2", family=family, tree=tree, related=related,
                                        original_site=view.members.get(family.original, (None, None))[0],
                                        **shared), headers=PAGE_HEADERS)

    return router


def scan_page_router(view: ScanView, services: Services) -> APIRouter:
    """The family pages, ``GET /sites`` (table and network) and ``GET /scan`` (the whole scan report)."""
    shared = {"has_index": services.index is not None, "css": scan_styles()}
    router = APIRouter(include_in_schema=False)
    router.include_router(_family_pages(view, services, shared))

    @router.get("/sites", response_class=HTMLResponse)
    async def sites_page() -> HTMLResponse:
        sites = view.result.sites
        return HTMLResponse(render_page("sites.html.j2", table=render_sites_table(sites),
                                        network=render_site_network(sites), count=len(sites), **shared),
                            headers=PAGE_HEADERS)

    @router.get("/scan", response_class=HTMLResponse)
    async def scan_report() -> HTMLResponse:
        page = render_scan_html(view.result, pair_url=pair_href if services.index is not None else None)
        return HTMLResponse(page, headers=REPORT_HEADERS)

    return router


def pair_page_router(services: Services) -> APIRouter:
    """``GET /pair?a=ID&b=ID``: the side-by-side report of two indexed documents, compared on demand."""
    router = APIRouter(include_in_schema=False)

    @router.get("/pair", response_class=HTMLResponse)
    async def pair_report(a: Annotated[str, Query(min_length=1)],
                          b: Annotated[str, Query(min_length=1)]) -> HTMLResponse:
        if services.index is None:
            raise HttpError(409, "no_index", _NO_INDEX)
        first, second = await services.document(a), await services.document(b)
        for doc_id, stored in ((a, first), (b, second)):
            if stored is None:
                raise HttpError(404, "not_found", f"no document with id {doc_id!r} in this index")
        comparison = await services.compare_stored(first, second)
        return HTMLResponse(render_html(comparison), headers=REPORT_HEADERS)

    return router
