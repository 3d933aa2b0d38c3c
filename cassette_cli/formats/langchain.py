"""LangChain's standard-test cassettes (langchain_tests, `CustomSerializer` and
`CustomPersister` in langchain_tests/conftest.py): VCR.py's own cassette dictionary
dumped as it is, gzip-compressed, in `*.yaml.gz`.

- **Layout.** `yaml.safe_dump(cassette_dict)` of VCR.py's internal form, not its file
  form: two parallel lists at the top, `requests:` and `responses:` (keys sorted, so
  `requests` first), the n-th response answering the n-th request. No `version`, no
  `interactions`.
- **Request.** VCR.py's `Request._to_dict()`: `body` (a string, null or `!!binary`: the
  serializer sees bytes), `headers` `{name: [values]}`, `method`, `uri`.
- **Response.** As VCR.py stores it: `body: {string: ...}` (`!!binary` for bytes:
  JSON and Bedrock event streams alike), `headers`, `status: {code, message}`.
- **Filtering.** The standard tests replace header values with `**REDACTED**` before
  saving (`_BASE_FILTER_HEADERS`), whichever header it is; bodies are left as sent.
- **Container.** gzip (formats/container.py); the YAML inside is PyYAML's.
"""

from __future__ import annotations

from ..document import Document, Mapping, Sequence
from ..model import Interaction
from . import common as c
from .vcrpy import message_body


def is_langchain(root: Mapping) -> bool:
    return type(root.get("requests")) is Sequence and type(root.get("responses")) is Sequence and "interactions" not in root.map


def read_interactions(doc: Document, root: Mapping) -> list[Interaction]:
    requests = c.sequence(doc, root.get("requests"), "requests")
    responses = c.sequence(doc, root.get("responses"), "responses")
    if len(requests.items) != len(responses.items):
        raise doc.error(responses, f"{len(requests.items)} requests but {len(responses.items)} responses: each request needs its response")
    interactions = []
    for index, (request_node, response_node) in enumerate(zip(requests.items, responses.items)):
        request = c.mapping(doc, request_node, f"requests[{index}]")
        response = c.mapping(doc, response_node, f"responses[{index}]")
        interactions.append(c.uri_pair(doc, index, request, request, response, (f"requests[{index}]", f"responses[{index}]"), lambda message, what, is_response: message_body(doc, message, what, is_response)))
    return interactions
