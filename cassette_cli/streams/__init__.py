"""Event streams: the WHATWG parser (:mod:`.sse`), AWS binary frames (:mod:`.aws`), and
one module per LLM provider that turns events into typed deltas and an assembled
message (:mod:`.assembly`)."""
