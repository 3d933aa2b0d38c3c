"""Find what to redact in one cassette: walk its interactions, scan each value with the
rule that fits where it sits (cassette_cli.rules), and record the changed scalars.

The walk visits the URL, headers, forms and bodies of each interaction, then every other
text scalar of the file for key shapes; each scalar is scanned once. Big bodies are
scanned ahead, on two cores when it pays (parallel.py)."""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from typing import Callable

from ..bodies.codecs import decode_base64
from ..model import Body, Cassette, Header, Interaction
from ..rules.bodies import redact_body
from ..rules.finding import Finding, preview, splice
from ..rules.forms import redact_form_value
from ..rules.keys import JSON_KEY_RULE, body_key_applies
from ..rules.multipart import may_be_text, text_of_bytes
from ..rules.policy import Policy
from ..rules.strings import redact_cookie
from ..rules.urls import redact_header_value, redact_string, redact_url
from ..document import BINARY_TAGS, Edit, Mapping, Node, Scalar, Sequence, iter_scalars
from .patch import PATCH_MIN
from .placeholders import templater

Redactor = Callable[[str], "tuple[str, list[Finding]]"]


@dataclass(frozen=True)
class Report:
    """One secret found, located in the file. `secret` is never printed: use `preview`."""

    file: str
    line: int
    column: int
    rule: str
    location: str
    detail: str
    secret: str = field(repr=False)
    propagated_from: str | None = None  # the location where a rule found this value first

    @property
    def preview(self) -> str:
        return preview(self.secret)

    @property
    def summary(self) -> str:
        return f"{self.detail} (value: {self.preview})"

    @property
    def message(self) -> str:
        return f"{self.detail} at {self.location} (value: {self.preview})"

    def to_json(self) -> dict[str, object]:
        out: dict[str, object] = {"file": self.file, "line": self.line, "column": self.column, "rule": self.rule, "location": self.location, "preview": self.preview}
        if self.propagated_from is not None:
            out["propagated_from"] = self.propagated_from
        return out


@dataclass
class Change:
    node: Scalar
    owner: Node  # the collection the scalar sits in (for its indentation)
    location: str
    binary: bool
    findings: list[Finding]
    # The new value when it is not the old one with each finding's `new` in its place
    # (for binary scalars: the new bytes, base64 text). Big bodies leave it None: their
    # new value is never held whole unless the emitter has to write it.
    whole: str | None = None
    # Edits inside the scalar's source, when it is patched where it stands (patch.py)
    patches: list[Edit] | None = None

    @property
    def new_value(self) -> str:
        if self.whole is not None:
            return self.whole
        return splice(self.node.value, self.findings)

    @property
    def masked_old(self) -> str | None:
        """The old value with each secret replaced by its preview (for --diff), made only
        when asked: on a large body it is one more copy of it. None for encoded values."""
        return None if self.binary else _masked(self.node.value, self.findings)


BIG_BODY = 1 << 20  # bodies from this many characters on are scanned ahead, on two cores when it pays


def scan_big_bodies(cassette: Cassette, policy: Policy) -> dict[int, list[Finding]]:
    """The findings in each big text body (by the start of its scalar), found before the
    walk so that the bodies can be shared between two processes (parallel.py). The walk
    takes these instead of scanning the bodies itself; the bodies it picks are the ones
    `Planner.body` hands to `redact_body`."""
    jobs: list[tuple[Scalar, str | None]] = []
    for interaction in cassette.interactions:
        request, response = interaction.request, interaction.response
        candidates = [(request.body, request.header("content-type"))]
        if response.node is not None:
            candidates.append((response.body, response.content_type))
        for body, content_type in candidates:
            node = body.node
            if body.structured is None and not body.base64 and node is not None and not node.is_binary and len(node.value) >= BIG_BODY:
                jobs.append((node, content_type))
    if not jobs:
        return {}
    from ..parallel import run_jobs

    found = run_jobs(jobs, lambda job: redact_body(job[0].value, job[1], policy, apply=False)[1], _scan_cost)
    return {node.start: findings for (node, _), findings in zip(jobs, found)}


def _scan_cost(job: tuple[Scalar, str | None]) -> int:
    """About how long a body takes to scan: its length, twice for a stream (measured on
    the benchmark's bodies: ~10 ms per MB for event streams, ~4 for JSON)."""
    node, content_type = job
    from ..bodies import Kind, kind_of

    stream = kind_of(content_type, node.value[:64]) is Kind.EVENT_STREAM
    return len(node.value) * (2 if stream else 1)


class Planner:
    """Walks one cassette and records what changes (`changes`) and where (`reports`)."""

    def __init__(self, cassette: Cassette, policy: Policy, keep_values: bool = True) -> None:
        self.cassette = cassette
        self.policy = policy
        self.keep_values = keep_values  # without a rewrite the new values are not kept
        self.changes: list[Change] = []
        self.found: list[tuple[int, Finding, str]] = []  # (offset, finding, location)
        self.seen: set[int] = set()  # start offsets of scalars already handled
        # per scalar handled: the collection it sits in, its location, and its Body when
        # it is one (so propagation decodes it the same way)
        self.places: dict[int, tuple[Node, str, Body | None]] = {}
        self.propagated: dict[int, str] = {}  # id(finding) -> where its value was found first
        self.scanned: dict[int, list[Finding]] = {}  # findings of big bodies scanned ahead
        self.body_findings: dict[int, tuple[Finding, ...]] = {}  # what redact_body found in each body (by scalar start), for a masked view
        self.key = cassette.key
        self.template = templater(policy)  # None unless --replacement is a template

    # -- walking the model ---------------------------------------------------------

    def interaction(self, item: Interaction) -> None:
        where = f"{self.key}[{item.index}]"
        request, response = item.request, item.response
        for node in request.url_nodes:
            self.scalar(node, request.node, f"{where}.request.{_key_of(request.node, node)}", lambda v: redact_url(v, self.policy))
        self.headers(request.headers, f"{where}.request.headers")
        self.headers(response.headers, f"{where}.response.headers")
        self.cookies(request.cookies, "Cookie", f"{where}.request.cookies")
        self.cookies(response.cookies, "Set-Cookie", f"{where}.response.cookies")
        for form in request.form:
            for i, value in enumerate(form.values):
                self.scalar(value, form_owner(request.node), f"{where}.request.form.{form.name}[{i}]", self._form(form.name))
        self.body(request.body, request.node, request.header("content-type"), f"{where}.request")
        if response.node is not None:
            self.body(response.body, response.node, response.content_type, f"{where}.response")

    def headers(self, headers: list[Header], where: str) -> None:
        for header in headers:
            for i, value in enumerate(header.values):
                owner = _parent_of(header, value)
                self.scalar(value, owner, f"{where}.{header.name}[{i}]", self._header(header.name))

    def cookies(self, cookies: list[Header], header: str, where: str) -> None:
        """HAR's cookie lists: each value as its Cookie / Set-Cookie header would hold it."""
        for cookie in cookies:
            for value in cookie.values:
                self.scalar(value, _parent_of(cookie, value), f"{where}.{cookie.name}", lambda v, name=cookie.name: redact_cookie(header, name, v, self.policy))

    def _header(self, name: str) -> Redactor:
        return lambda value: redact_header_value(name, value, self.policy)

    def _form(self, key: str) -> Redactor:
        return lambda value: redact_form_value(key, value, self.policy)

    def body(self, body: Body, owner: Mapping, content_type: str | None, where: str) -> None:
        if body.structured is not None:
            self.structured(body.structured, f"{where}.parsed_body")
            return
        node = body.node
        if node is None or node.is_null:
            return
        location = f"{where}.{_body_path(owner, node)}"
        holder = _holder(owner, node)
        self.places[node.start] = (holder, location, body)
        if not body.base64:
            scanned = self.scanned.get(node.start)
            if scanned is not None:
                self.body_findings[node.start] = tuple(scanned)
                self.scalar(node, holder, location, lambda v: (v, scanned))
                return
            # a big body's new value is not made: its findings say what replaces what
            self.scalar(node, holder, location, lambda v: self._scan_body(node, v, content_type, apply=self.keep_values and len(v) < PATCH_MIN))
            return
        self.seen.add(node.start)
        text, encoding = body.text, "utf-8"
        if text is None:  # not UTF-8: its declared charset, or a multipart body byte for byte
            decoded = text_of_bytes(body.data, content_type) if may_be_text(content_type) else None
            if decoded is None:
                body.release()
                return  # binary payloads (images, AWS event streams) are left as they are
            text, encoding = decoded
        new_text, findings = self._scan_body(node, text, content_type, apply=self.keep_values)
        if not findings:
            body.release()
            return
        if self.template is not None:
            new_text, findings = self.template(text, new_text, findings)
        if not self.keep_values:
            self.record(node, holder, location, None, findings, binary=True)
            return
        new_value = base64.b64encode(body.reencode(new_text.encode(encoding, "replace" if encoding != "utf-8" else "strict"))).decode("ascii")
        body.release()
        self.record(node, holder, location, new_value, findings, binary=True)

    def _scan_body(self, node: Scalar, text: str, content_type: str | None, *, apply: bool) -> tuple[str, list[Finding]]:
        """redact_body of a body's text; its findings kept by scalar (``Body.text``'s whenever that is not None)."""
        new_text, findings = redact_body(text, content_type, self.policy, apply=apply)
        self.body_findings[node.start] = tuple(findings)
        return new_text, findings

    def structured(self, node: Node, where: str) -> None:
        """pydantic-ai's parsed_body: YAML data standing for a JSON body."""
        for path, scalar in iter_scalars(node):
            location = where + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)
            owner = node
            # the value of a secret key, or any string in an object or array under one
            key = next((p for p in path if isinstance(p, str) and body_key_applies(p, scalar.value, self.policy.body_keys)), None)
            if key is not None and not scalar.is_number_or_bool and not self.policy.keeps(scalar.value):
                self.seen.add(scalar.start)
                finding = Finding(JSON_KEY_RULE.id, 0, len(scalar.value), scalar.value, f"JSON key {key}", self.policy.replacement)
                findings = [finding]
                if self.template is not None:
                    _, findings = self.template(scalar.value, scalar.value, findings)
                self.record(scalar, owner, location, findings[0].new, findings, binary=False)
            else:
                self.scalar(scalar, owner, location, lambda v: redact_string(v, self.policy))

    def everything_else(self) -> None:
        """Known key shapes anywhere: every other text scalar of the file.

        The hot loop of `--check` on big files: locations are only spelled out for the
        few scalars that hold a secret."""
        root = self.cassette.document.root
        if root is None:
            return
        seen = self.seen
        policy = self.policy
        for path, scalar in _walk(root):
            value = scalar.value
            if len(value) < MIN_SECRET or scalar.start in seen or scalar.tag in BINARY_TAGS:
                continue
            new_value, findings = redact_string(value, policy)
            if findings and self.template is not None:
                new_value, findings = self.template(value, new_value, findings)
            if findings and not scalar.is_number_or_bool:
                seen.add(scalar.start)
                self.record(scalar, root, _spell(path), new_value, findings, binary=False)

    # -- one scalar ------------------------------------------------------------------

    def scalar(self, node: Scalar, owner: Node, location: str, redactor: Redactor) -> None:
        if node.start in self.seen:
            return
        self.seen.add(node.start)
        self.places.setdefault(node.start, (owner, location, None))
        if node.is_binary:
            raw = decode_base64(node.value)  # as the views read it: b"" when it is not base64
            try:
                value = raw.decode("utf-8")
            except UnicodeDecodeError:
                return
            new_value, findings = redactor(value)
            if findings and self.template is not None:
                new_value, findings = self.template(value, new_value, findings)
            if findings:
                self.record(node, owner, location, base64.b64encode(new_value.encode("utf-8")).decode("ascii"), findings, binary=True)
            return
        new_value, findings = redactor(node.value)
        if findings and self.template is not None:
            new_value, findings = self.template(node.value, new_value, findings)
        if findings and not node.is_number_or_bool:  # a number or boolean stays one: left, unreported
            whole = new_value if len(node.value) < PATCH_MIN else None
            self.record(node, owner, location, whole, findings, binary=False)

    def record(self, node: Scalar, owner: Node, location: str, whole: str | None, findings: list[Finding], *, binary: bool) -> None:
        self.changes.append(Change(node, owner, location, binary, findings, whole if self.keep_values else None))
        for finding in findings:
            self.found.append((_where(node, finding, binary), finding, location))

    def reports(self) -> list[Report]:
        """The findings located in the file, all positions worked out in one pass."""
        places = self.cassette.document.locate(offset for offset, _, _ in self.found)
        spread = self.propagated
        reports = [Report(self.cassette.path, *places[offset], f.rule, location, f.detail, f.secret, spread.get(id(f))) for offset, f, location in self.found]
        return sorted(reports, key=lambda r: (r.line, r.column))


def _where(node: Scalar, finding: Finding, binary: bool) -> int:
    return node.start if binary else value_offset(node, finding.start)


def value_offset(node: Scalar, start: int) -> int:
    """The offset in the file of character `start` of the scalar's value when the scalar
    holds its value verbatim on one line, else where the scalar starts. Verbatim shows in
    the span's length: folding a line, doubling a quote or writing an escape all make the
    source longer than the value."""
    if node.style in ("", "'", '"', "raw") and node.tag is None and "\n" not in node.value and "\r" not in node.value:
        quote = 1 if node.style in ("'", '"') else 0  # raw: httprr's values, written as they are
        if node.end - node.start == len(node.value) + 2 * quote:
            return node.start + quote + start
    return node.start


MIN_SECRET = 8  # no rule matches a shorter string


def _walk(node: Node | None) -> "list[tuple[object, Scalar]]":
    """Every scalar value with a cheap path: (parent path, key or index) pairs linked up
    to None, spelled out by `_spell` only where needed. Aliases are never followed."""
    found: list[tuple[object, Scalar]] = []
    todo: list[tuple[object, Node]] = [(None, node)] if node is not None else []
    while todo:
        path, current = todo.pop()
        kind = type(current)
        if kind is Scalar:
            found.append((path, current))  # type: ignore[arg-type]
        elif kind is Mapping:
            for key, (_, value) in current.map.items():  # type: ignore[union-attr]
                todo.append(((path, key), value))
        elif kind is Sequence:
            for i, item in enumerate(current.items):  # type: ignore[union-attr]
                todo.append(((path, i), item))
    return found


def _spell(path: object) -> str:
    parts: list[object] = []
    while path is not None:
        link: tuple[object, object] = path  # type: ignore[assignment]
        path, part = link
        parts.append(part)
    parts.reverse()
    return "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else str(p)) for i, p in enumerate(parts))


def _masked(value: str, findings: list[Finding]) -> str:
    pieces = []
    position = 0
    for finding in sorted(findings, key=lambda f: f.start):
        if finding.start < position:
            continue
        pieces.append(value[position : finding.start])
        pieces.append(f"‹{preview(finding.secret)}›")
        position = finding.end
    pieces.append(value[position:])
    return "".join(pieces)


def _key_of(mapping: Mapping, node: Node) -> str:
    for key, (_, value) in mapping.map.items():
        if value is node:
            return key
    return "?"


def _body_path(owner: Mapping, node: Scalar) -> str:
    for key, (_, value) in owner.map.items():
        if value is node:
            return key
        if type(value) is Mapping:
            for inner_key, (_, inner) in value.map.items():
                if inner is node:
                    return f"{key}.{inner_key}"
    return "body"


def _holder(owner: Mapping, node: Scalar) -> Node:
    """The mapping a body scalar sits in: the request/response, or `body: {string: ...}`."""
    for _, value in owner.map.values():
        if value is node:
            return owner
        if type(value) is Mapping and any(inner is node for _, inner in value.map.values()):
            return value
    return owner


def _parent_of(header: Header, value: Scalar) -> Node:
    return header.container if header.container is not None else value


def form_owner(request: Mapping) -> Node:
    form = request.get("form")
    return form if form is not None else request
