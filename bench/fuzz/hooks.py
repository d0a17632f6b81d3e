"""Schemathesis hooks for fuzzing the aftersales GraphQL API (loaded by bench/fuzz/run
through SCHEMATHESIS_HOOKS).

* Strategies for the custom scalars (DateTime, NaiveDate, Decimal, JSON) so that
  every operation can be generated, with edge values (year 1 / 9999, the largest
  decimals) mixed in.
* An `ID` strategy that mostly produces well-formed opaque ids
  (base64url("Kind:N") for every kind the server knows, small N and edge N), so
  that requests get past id decoding and reach the resolvers, plus garbage.
* A check, `aftersales_no_server_failure`, that fails a case on what counts as a
  finding: a 5xx, an `INTERNAL` error code, or an error message exposing internal
  details (SQL, sqlx/sea_orm, source paths, panics). It replaces the stock
  `not_a_server_error`, which for GraphQL fails on every `errors` entry,
  including the intended VALIDATION / NOT_FOUND / FORBIDDEN answers.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import json
import os
import re

import graphql
import schemathesis
from hypothesis import strategies as st
from schemathesis.graphql import nodes

# --- scalars ----------------------------------------------------------------

KINDS = [
    "User", "Customer", "Dealer", "ProductModel", "Unit", "Part", "Warehouse",
    "WarrantyPolicy", "ServiceContract", "Holiday", "AuditEntry", "Ticket", "Quote",
    "RepairRecord", "StockMovement", "Stocktake", "Requisition", "OldPart",
    "Determination", "LocalSale", "Notification", "Complaint", "ReturnVisit", "Report",
]
EDGE_NUMBERS = ["0", "-1", "9223372036854775807", "-9223372036854775808",
                "9223372036854775808", "99999999999999999999999", "1e3", " 1", "01", ""]


def _b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


_numbers = st.one_of(st.integers(min_value=1, max_value=30).map(str), st.sampled_from(EDGE_NUMBERS))
_well_formed_ids = st.builds(lambda kind, n: _b64(f"{kind}:{n}"), st.sampled_from(KINDS), _numbers)
_ids = st.one_of(
    _well_formed_ids,
    _well_formed_ids,
    _well_formed_ids,
    st.builds(lambda kind, tail: _b64(f"{kind}:{tail}"), st.sampled_from(KINDS), st.text(max_size=8)),
    st.text(max_size=12),
)
schemathesis.graphql.scalar("ID", _ids.map(nodes.String))

_datetimes = st.datetimes(
    min_value=dt.datetime(1, 1, 1), max_value=dt.datetime(9999, 12, 31, 23, 59, 59),
    timezones=st.sampled_from([dt.timezone.utc, dt.timezone(dt.timedelta(hours=8)),
                               dt.timezone(dt.timedelta(hours=-12))]),
)
schemathesis.graphql.scalar(
    "DateTime",
    st.one_of(
        _datetimes.map(lambda d: d.isoformat()),
        st.sampled_from(["0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "+262143-12-31T23:59:59Z",
                         "2026-02-30T00:00:00Z", "1970-01-01T00:00:00+14:00"]),
        st.text(max_size=10),
    ).map(nodes.String),
)
schemathesis.graphql.scalar(
    "NaiveDate",
    st.one_of(
        st.dates().map(str),
        st.dates().map(str),
        st.sampled_from(["0001-01-01", "9999-12-31", "+262143-12-31", "-0001-01-01", "2026-02-29"]),
        st.text(max_size=10),
    ).map(nodes.String),
)
_decimals = st.one_of(
    st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**30), max_value=10**30).map(str),
    st.integers(min_value=-1000, max_value=100000).map(str),
    st.sampled_from(["79228162514264337593543950335", "-79228162514264337593543950335",
                     "0.0000000000000000000000000001", "1e28", "0", "-0", "1E-10"]),
    st.text(max_size=6),
)
schemathesis.graphql.scalar(
    "Decimal",
    st.one_of(
        _decimals.map(nodes.String),
        st.integers(min_value=-(2**63), max_value=2**64 - 1).map(nodes.Int),
        st.floats(allow_nan=False, allow_infinity=False).map(nodes.Float),
    ),
)


def _json_node(value):
    if value is None:
        return nodes.Null
    if isinstance(value, bool):
        return nodes.Boolean(value)
    if isinstance(value, int):
        return nodes.Int(value)
    if isinstance(value, float):
        return nodes.Float(value)
    if isinstance(value, str):
        return nodes.String(value)
    if isinstance(value, list):
        return nodes.List([_json_node(v) for v in value])
    return nodes.Object([
        graphql.ObjectFieldNode(name=graphql.NameNode(value=k), value=_json_node(v)) for k, v in value.items()
    ])


_json_values = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**53), max_value=2**53)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4)
    | st.dictionaries(st.from_regex(r"\A[A-Za-z_][A-Za-z0-9_]{0,7}\Z"), inner, max_size=4),
    max_leaves=10,
)
schemathesis.graphql.scalar("JSON", _json_values.map(_json_node))

# --- ids of the right kind --------------------------------------------------------
#
# A random well-formed id has the right kind 1 time in 24, so most requests would
# stop at id decoding. This rewrites each generated query: every ID-typed string
# gets, most of the time, a well-formed id of the kind its field names (`ticketId`,
# `TicketRef.id`, `ticket(id:)`), and a ref's `version` a small number, so the
# resolvers and use cases behind them run on the demo data.

SCHEMA_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "api", "schema.graphql")
ALIASES = {"Engineer": "User", "Model": "ProductModel", "Policy": "WarrantyPolicy", "Contract": "ServiceContract",
           "Lot": "LocalSale", "Visit": "ReturnVisit", "Sale": "LocalSale", "Movement": "StockMovement",
           "Repair": "RepairRecord", "Assignee": "User", "Agent": "User", "Determine": "Determination"}


@functools.lru_cache(maxsize=1)
def _schema():
    with open(SCHEMA_PATH, encoding="utf-8") as handle:
        return graphql.build_schema(handle.read())


def _kind(name: str | None, parent_input: str | None, field_type: str | None) -> str | None:
    def known(word):
        word = ALIASES.get(word, word)
        return word if word in KINDS else None

    if name is None:
        return None
    if name == "id":
        for candidate in (parent_input, field_type):
            if not candidate:
                continue
            for affix in ("Ref", "Input", "Filter", "Payload"):
                candidate = candidate.removesuffix(affix)
            for prefix in ("Update", "Create", "Save", "Set", "Remove"):
                candidate = candidate.removeprefix(prefix)
            if known(candidate):
                return known(candidate)
        return None
    for suffix in ("Ids", "Id"):
        if name.endswith(suffix):
            base = name[: -len(suffix)]
            base = base[:1].upper() + base[1:]
            return known(base) or next((known(w) for w in reversed(re.findall(r"[A-Z][a-z]+", base)) if known(w)), None)
    return None


def _id_sites(document, replacements=None):
    """(node, kind) for ID string values and (node, None) for ref versions, in
    document order. With `replacements` (one per site, None keeps the value) the
    edited document is returned instead (AST nodes are frozen)."""
    schema = _schema()
    info = graphql.utilities.TypeInfo(schema)
    sites = []

    class Visitor(graphql.language.Visitor):
        def __init__(self):
            super().__init__()
            self.names = []  # argument / object field names, innermost last
            self.fields = []  # return types of the enclosing fields

        def enter_field(self, node, *_):
            definition = info.get_field_def()
            self.fields.append(graphql.get_named_type(definition.type).name if definition else None)

        def leave_field(self, *_):
            self.fields.pop()

        def enter_argument(self, node, *_):
            self.names.append(node.name.value)

        def leave_argument(self, *_):
            self.names.pop()

        def enter_object_field(self, node, *_):
            self.names.append(node.name.value)

        def leave_object_field(self, *_):
            self.names.pop()

        def site(self, node, kind):
            sites.append((node, kind))
            if replacements is not None and replacements[len(sites) - 1] is not None:
                new = replacements[len(sites) - 1]
                return graphql.StringValueNode(value=new) if kind or isinstance(node, graphql.StringValueNode) \
                    else graphql.IntValueNode(value=new)
            return None

        def enter_string_value(self, node, *_):
            expected = info.get_input_type()
            if expected is not None and graphql.get_named_type(expected).name == "ID":
                parent = info.get_parent_input_type()
                parent_name = graphql.get_named_type(parent).name if parent is not None else None
                if parent_name == "ID":
                    parent_name = None
                name = self.names[-1] if self.names else None
                return self.site(node, _kind(name, parent_name if len(self.names) > 1 else None,
                                             self.fields[-1] if self.fields else None))
            return None

        def enter_int_value(self, node, *_):
            parent = info.get_parent_input_type()
            if (self.names and self.names[-1] == "version" and parent is not None
                    and graphql.get_named_type(parent).name.endswith("Ref")):
                return self.site(node, None)
            return None

    edited = graphql.visit(document, graphql.utilities.TypeInfoVisitor(info, Visitor()))
    return sites if replacements is None else edited


def _replacement(node, kind):
    if kind is None and isinstance(node, graphql.IntValueNode):
        return st.one_of(st.just(None), st.integers(min_value=0, max_value=15), st.integers(min_value=0, max_value=15))
    kinds = st.just(kind) if kind else st.sampled_from(KINDS)
    small = st.integers(min_value=1, max_value=25).map(str)
    return st.one_of(st.just(None), st.builds(lambda k, n: _b64(f"{k}:{n}"), kinds, small),
                     st.builds(lambda k, n: _b64(f"{k}:{n}"), kinds, small))


@schemathesis.hook
def flatmap_body(context, body):
    # For GraphQL the body is the generated DocumentNode (a string in older versions).
    try:
        document = graphql.parse(body) if isinstance(body, str) else body
        if not isinstance(document, graphql.DocumentNode):
            return st.just(body)
        sites = _id_sites(document)
    except Exception:  # noqa: BLE001 - leave anything unusual as generated
        return st.just(body)
    if not sites:
        return st.just(body)

    def rewrite(choices):
        edited = _id_sites(document, [None if c is None else str(c) for c in choices])
        return graphql.print_ast(edited) if isinstance(body, str) else edited

    return st.tuples(*(_replacement(node, kind) for node, kind in sites)).map(rewrite)


# --- the check -----------------------------------------------------------------

# Text that must never reach a client. A match is ignored when the same text is in
# the request (an input echoed back in a validation message is no leak).
LEAK_RE = re.compile(
    r"sqlx|sea_orm|sea-orm|sea_query|rusqlite|libsqlite|SQLITE_|sqlite3?\b|\bpostgres|"
    r"constraint failed|UNIQUE constraint|FOREIGN KEY|no such (table|column)|"
    r"panicked|called `(Option|Result)::unwrap|RUST_BACKTRACE|stack backtrace|"
    r"\.rs:\d+|/src/|/home/|/root/|/work/|/tmp/|\.cargo/registry",
    re.IGNORECASE,
)
# SQL text and Rust `Debug` output, case-sensitive (plain English "update … set" is fine).
LEAK_RE_CS = re.compile(
    r"\bSELECT\b.+\bFROM\b|\bINSERT INTO\b|\bUPDATE \S+ SET\b|\bDELETE FROM\b|\bWHERE \S+ =|"
    r"\w+Error \{|DbErr|RecordNotFound\(|Custom\(\"|Query\(|Exec\(|Conn\(|SqlxError"
)
GENERIC_INTERNAL = "internal error"


def classify(status: int, body: bytes, request_text: str) -> list[str]:
    """Findings for one response (used by the check and by analyze.py)."""
    problems = []
    if status >= 500:
        problems.append(f"HTTP {status}")
    try:
        payload = json.loads(body)
    except ValueError:
        if status < 500 and status not in (400, 405, 413, 415):
            problems.append(f"HTTP {status} with a body that is not JSON")
        return problems
    errors = payload.get("errors") if isinstance(payload, dict) else None
    for err in errors or []:
        if not isinstance(err, dict):
            continue
        code = (err.get("extensions") or {}).get("code")
        message = str(err.get("message", ""))
        if code == "INTERNAL" or code is None and GENERIC_INTERNAL in message.lower():
            problems.append(f"INTERNAL: {message}")
        elif code is None:
            problems.append(f"error without extensions.code: {message}")
        for match in [*LEAK_RE.finditer(message), *LEAK_RE_CS.finditer(message)]:
            if match.group(0).lower() not in request_text.lower():
                problems.append(f"leak `{match.group(0)}` in {code}: {message}")
                break
    return problems


@schemathesis.check
def aftersales_no_server_failure(ctx, response, case):
    """No 5xx, no INTERNAL error, no internal detail in an error message."""
    request_body = response.request.body or b""
    if isinstance(request_body, bytes):
        request_body = request_body.decode("utf-8", "replace")
    problems = classify(response.status_code, response.content, request_body)
    if problems:
        request_id = response.headers.get("x-request-id") or response.headers.get("X-Request-Id")
        if isinstance(request_id, list):
            request_id = request_id[0] if request_id else None
        raise AssertionError("; ".join(problems) + f" (x-request-id {request_id})")
    return None
