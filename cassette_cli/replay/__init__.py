"""Keeping replay working after `redact`: which redacted values sit in fields a recorder
matches a live request on, and the recorder configuration that makes replay match them.

    matching.py   affects_matching (a report in the URL, a form or a request body), the warning
    fields.py     the redacted fields of cassettes as stored (names and placeholders only)
    vcrpy.py      VCR.py and pytest-recording: filter_query_parameters and friends
    ruby.py       Ruby VCR: a before_http_request hook rewriting the live request
    go_vcr.py     go-vcr (v1 and v4 APIs): a matcher and a before-save hook

Nothing here sees a secret: the configuration is read from the redacted files, and a
value is printed only when it is a placeholder."""
